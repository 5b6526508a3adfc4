/* fuzz_binary: the word2vec binary reader ("N D\n", then word, space, D
 * little-endian float32 per row), forced and through detection. */
#include <stdint.h>
#include <stdlib.h>
#include "formats.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("in.bin", data, size);
    uint32_t h = fuzz_hash(data, size);
    struct read_opts o = {0};
    o.format = (h & 3) == 0 ? FMT_AUTO : FMT_WORD2VEC_BIN;
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
        table_free(t);
    } else if (!e.msg[0] || t) {
        abort();
    }
    return 0;
}
