/* fuzz_gzip: gzip-compressed vector files. An input that starts with the gzip
 * magic is written as is (damaged streams, bad CRCs, truncation); any other
 * input is compressed first, so the fuzzer also steers the content the
 * readers see through the decompressing window. */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>
#include "formats.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    uint32_t h = fuzz_hash(data, size);
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        path = fuzz_write_file("in.gz", data, size);
    } else {
        uLongf cap = compressBound((uLong)size) + 32;
        uint8_t *z = malloc(cap);
        if (!z) return 0;
        /* a raw deflate stream in a gzip wrapper (windowBits 15 + 16) */
        z_stream s = {0};
        if (deflateInit2(&s, (int)(h % 10), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
        s.next_in = (Bytef *)data;
        s.avail_in = (uInt)size;
        s.next_out = z;
        s.avail_out = (uInt)cap;
        if (deflate(&s, Z_FINISH) != Z_STREAM_END) abort();
        size_t zn = cap - s.avail_out;
        deflateEnd(&s);
        /* now and then, a truncated stream */
        if ((h >> 8) % 8 == 0 && zn > 4) zn -= 1 + (h >> 11) % (zn / 2);
        path = fuzz_write_file("in.gz", z, zn);
        free(z);
    }
    struct read_opts o = fuzz_read_opts(h >> 4, ((h >> 7) & 1) ? FMT_WORD2VEC_BIN : FMT_GLOVE);
    fuzz_formats_read(path, &o);
    return 0;
}
