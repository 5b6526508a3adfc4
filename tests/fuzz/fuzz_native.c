/* fuzz_native: opening and validating a native .embx file. An input that
 * starts with the magic is the whole file; any other input is a list of edits
 * (fuzz_patch) applied to a valid file of a small table, which reaches the
 * header's sizes and offsets far more often than random bytes would. */
#include <stdint.h>
#include <stdlib.h>
#include "native.h"
#include "fuzz_common.h"

static uint8_t *base;
static size_t base_len;

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) abort();
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    uint8_t *b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, fp) != (size_t)n) abort();
    fclose(fp);
    *len = (size_t)n;
    return b;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[4200];
    snprintf(path, sizeof path, "%s/base.embx", fuzz_scratch_dir());
    embx_table *t = fuzz_small_table();
    embx_err e;
    if (native_write(t, path, NULL, &e) != EMBX_OK) abort();
    table_free(t);
    base = slurp(path, &base_len);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    if (native_is_magic(data, size)) {
        path = fuzz_write_file("in.embx", data, size);
    } else {
        uint8_t *img = malloc(base_len);
        if (!img) return 0;
        memcpy(img, base, base_len);
        size_t len = base_len;
        fuzz_patch(img, &len, data, size);
        path = fuzz_write_file("in.embx", img, len);
        free(img);
    }
    embx_table *t = NULL;
    struct native_source src;
    embx_err e;
    e.msg[0] = '\0';
    fuzz_expect_read(native_open(path, &t, &src, &e), &t, &e);
    return 0;
}
