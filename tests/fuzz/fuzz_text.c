/* fuzz_text: the text readers (GloVe, word2vec text, fastText .vec) through
 * formats_read with detection from content, as `load FILE` does; some inputs
 * also go through a forced format, --limit and --skip-bad. */
#include <stdint.h>
#include <stdlib.h>
#include "formats.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("in.txt", data, size);
    uint32_t h = fuzz_hash(data, size);
    static const enum embx_format fmts[] = {FMT_AUTO, FMT_AUTO, FMT_GLOVE, FMT_WORD2VEC};
    struct read_opts o = {0};
    o.format = fmts[h & 3];
    o.skip_bad = (h >> 2) & 1;
    o.limit = ((h >> 3) & 3) == 3 ? 2 : 0;
    o.threads = ((h >> 5) & 7) == 0 ? 2 : 1;   /* the parallel path now and then: thread hand-offs are slow */
    o.quiet = true;
    embx_table *t = NULL;
    struct read_report r;
    embx_err e;
    e.msg[0] = '\0';
    if (formats_read(path, &o, &t, &r, &e) == EMBX_OK) {
        fuzz_check_table(t);
        if (o.limit && t->n > o.limit) abort();
        if (r.rows != t->n) abort();
        table_free(t);
    } else if (!e.msg[0] || t) {
        abort();   /* a failure says why and returns no table */
    }
    return 0;
}
