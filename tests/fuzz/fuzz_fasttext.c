/* fuzz_fasttext: the fastText .bin reader. The input is written as a file
 * and opened (all words, or the first two); a model that opens must hold
 * every table invariant, and vectors for words outside its vocabulary (one
 * taken from the input's tail) must read only rows of the matrix. */
#include <stdint.h>
#include <stdlib.h>
#include "format_fasttext.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("model.bin", data, size);
    struct read_opts o = {0};
    o.limit = (fuzz_hash(data, size) & 3) == 0 ? 2 : 0;
    o.quiet = true;
    o.threads = 1;
    struct read_report r = {0};
    embx_table *t = NULL;
    embx_err e;
    e.msg[0] = '\0';
    if (fasttext_read(path, &o, &t, &r, &e) == EMBX_OK) {
        fuzz_check_table(t);
        if (!t->oov) abort();
        float *v = malloc(sizeof(float) * t->dim);
        if (!v) abort();
        /* unseen words: the last bytes of the input, and a few fixed ones */
        char w[24];
        size_t n = size < sizeof w - 1 ? size : sizeof w - 1;
        memcpy(w, data + size - n, n);
        w[n] = '\0';
        const char *words[] = {w, "unseen", "caf\xc3\xa9", "\xff\x80", "a", "</s>", ""};
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            (void)table_oov_vector(t, words[i], v);   /* ASan checks every row it reads */
        free(v);
        table_free(t);
    } else if (!e.msg[0] || t) {
        abort();
    }
    return 0;
}
