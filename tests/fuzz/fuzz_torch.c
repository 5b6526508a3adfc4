/* fuzz_torch: the PyTorch checkpoint reader and its restricted unpickler.
 * An input that starts like a zip is the whole file; any other input is a
 * pickle, stored as archive/data.pkl in a zip built here next to a 256-byte
 * storage archive/data/0, which reaches the interpreter directly. */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>
#include "format_torch.h"
#include "fuzz_common.h"

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, v & 0xffff); put16(p + 2, v >> 16); }

/* A stored zip of the given members into out (cap bytes); returns length. */
static size_t build_zip(uint8_t *out, const char *const *names, const uint8_t *const *data, const size_t *lens,
                        size_t n)
{
    size_t at = 0, offs[4];
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        uint32_t crc = (uint32_t)crc32(0, data[i], (uInt)lens[i]);
        offs[i] = at;
        uint8_t *h = out + at;
        memset(h, 0, 30);
        put32(h, 0x04034b50u);
        put16(h + 4, 20);
        put32(h + 14, crc);
        put32(h + 18, (uint32_t)lens[i]);
        put32(h + 22, (uint32_t)lens[i]);
        put16(h + 26, (unsigned)nl);
        memcpy(h + 30, names[i], nl);
        memcpy(h + 30 + nl, data[i], lens[i]);
        at += 30 + nl + lens[i];
    }
    size_t cd = at;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        uint8_t *h = out + at;
        memset(h, 0, 46);
        put32(h, 0x02014b50u);
        put16(h + 4, 20);
        put16(h + 6, 20);
        put32(h + 16, (uint32_t)crc32(0, data[i], (uInt)lens[i]));
        put32(h + 20, (uint32_t)lens[i]);
        put32(h + 24, (uint32_t)lens[i]);
        put16(h + 28, (unsigned)nl);
        put32(h + 42, (uint32_t)offs[i]);
        memcpy(h + 46, names[i], nl);
        at += 46 + nl;
    }
    uint8_t *eo = out + at;
    memset(eo, 0, 22);
    put32(eo, 0x06054b50u);
    put16(eo + 8, (unsigned)n);
    put16(eo + 10, (unsigned)n);
    put32(eo + 12, (uint32_t)(at - cd));
    put32(eo + 16, (uint32_t)cd);
    return at + 22;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        path = fuzz_write_file("in.pt", data, size);
    } else {
        static uint8_t storage[256];
        for (size_t i = 0; i < sizeof storage; i++) storage[i] = (uint8_t)(i * 37);
        const char *names[] = {"archive/data.pkl", "archive/data/0"};
        const uint8_t *d[] = {data, storage};
        size_t lens[] = {size, sizeof storage};
        uint8_t *zip = malloc(size + sizeof storage + 512);
        if (!zip) return 0;
        size_t len = build_zip(zip, names, d, lens, 2);
        path = fuzz_write_file("in.pt", zip, len);
        free(zip);
    }
    const char *tensors[] = {NULL, "w", "0.weight"};
    for (size_t k = 0; k < 3; k++) {
        struct read_opts o = {0};
        o.tensor = tensors[k];
        struct read_report r = {0};
        embx_table *t = NULL;
        embx_err e;
        e.msg[0] = '\0';
        fuzz_expect_read(torch_read(path, &o, &t, &r, &e), &t, &e);
    }
    struct tensor_list l;
    embx_err e;
    if (torch_list(path, &l, &e) == EMBX_OK) tensor_list_free(&l);
    return 0;
}
