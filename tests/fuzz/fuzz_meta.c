/* fuzz_meta: the row-metadata TSV reader (--meta FILE) against a small
 * table, and the RFC 4180 CSV reader of train-rows. The input is written
 * once and read by both. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "metafile.h"
#include "rowcsv.h"
#include "fuzz_common.h"

/* Every record the CSV reader hands over is walked, so a field pointer
 * that is wrong shows under ASan. */
static int csv_walk(void *ctx, char **fields, size_t n, size_t line, embx_err *e)
{
    (void)e;
    size_t *sum = ctx;
    for (size_t i = 0; i < n; i++) *sum += strlen(fields[i]) + line;
    return EMBX_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("meta.tsv", data, size);
    embx_table *t = fuzz_small_table();
    struct rowmeta *m = NULL;
    struct metafile_report r;
    embx_err e;
    e.msg[0] = '\0';
    if (metafile_read(path, t, &m, &r, &e) == EMBX_OK) {
        if (!m) abort();                      /* success hands over the metadata */
        if (r.matched > t->n) abort();        /* never more rows described than exist */
        rowmeta_free(m);
    } else if (!e.msg[0]) {
        abort();                              /* a refusal always says why */
    }
    table_free(t);
    size_t sum = 0;
    e.msg[0] = '\0';
    if (rowcsv_read(path, csv_walk, &sum, &e) != EMBX_OK && !e.msg[0]) abort();
    return 0;
}
