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
    struct read_opts o = fuzz_read_opts(h, (h >> 6) & 1 ? FMT_WORD2VEC : FMT_GLOVE);
    fuzz_formats_read(path, &o);
    return 0;
}
