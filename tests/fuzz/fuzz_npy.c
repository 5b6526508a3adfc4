/* fuzz_npy: the NumPy readers. The input is written as a file and opened
 * as .npy and as .npz (with and without --tensor), and its tensors listed;
 * a table that opens must hold every invariant. */
#include <stdint.h>
#include <stdlib.h>
#include "format_npy.h"
#include "fuzz_common.h"

static void try_read(int (*rd)(const char *, const struct read_opts *, embx_table **, struct read_report *,
                               embx_err *),
                     const char *path, const char *tensor, size_t limit)
{
    struct read_opts o = {0};
    o.tensor = tensor;
    o.limit = limit;
    struct read_report r = {0};
    embx_table *t = NULL;
    embx_err e;
    e.msg[0] = '\0';
    fuzz_expect_read(rd(path, &o, &t, &r, &e), &t, &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("in.np", data, size);
    uint32_t h = fuzz_hash(data, size);
    size_t limit = (h & 3) == 0 ? 2 : 0;
    try_read(npy_read, path, NULL, limit);
    try_read(npz_read, path, NULL, limit);
    try_read(npz_read, path, "emb", limit);
    struct tensor_list l;
    embx_err e;
    if (npz_list(path, &l, &e) == EMBX_OK) tensor_list_free(&l);
    return 0;
}
