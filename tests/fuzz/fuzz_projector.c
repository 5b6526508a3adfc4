/* fuzz_projector: the Projector's vectors.tsv reader and the labels reader
 * (lines, TSV with a header, tokenizer.json). The input is written both as
 * vectors.tsv and as the labels of a small table. */
#include <stdint.h>
#include <stdlib.h>
#include "format_projector.h"
#include "labels.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("vectors.tsv", data, size);
    struct read_opts o = {0};
    o.limit = (fuzz_hash(data, size) & 3) == 0 ? 2 : 0;
    struct read_report r = {0};
    embx_table *t = NULL;
    embx_err e;
    e.msg[0] = '\0';
    fuzz_expect_read(projector_read(path, &o, &t, &r, &e), &t, &e);
    /* the same bytes as labels for the small table */
    embx_table *s = fuzz_small_table();
    char **labels;
    if (labels_read(path, s->n, &labels, &e) == EMBX_OK) {
        size_t renamed;
        if (labels_apply(s, labels, &renamed, &e) == EMBX_OK) fuzz_check_table(s);
        labels_free(labels, s->n);
    }
    table_free(s);
    return 0;
}
