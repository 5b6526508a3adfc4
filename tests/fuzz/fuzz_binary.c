/* fuzz_binary: the word2vec binary reader ("N D\n", then word, space, D
 * little-endian float32 per row), forced and through detection. */
#include <stdint.h>
#include <stdlib.h>
#include "formats.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("in.bin", data, size);
    struct read_opts o = fuzz_read_opts(fuzz_hash(data, size), FMT_WORD2VEC_BIN);
    fuzz_formats_read(path, &o);
    return 0;
}
