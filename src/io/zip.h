/* zip: the central directory of a zip archive held in memory (a mapped
 * npz or PyTorch file) and its members, stored or deflated. Every offset
 * and size is checked against the archive before use. */
#ifndef EMBX_ZIP_H
#define EMBX_ZIP_H
#include <stddef.h>
#include <stdint.h>
#include "error.h"

struct zip_member {
    char *name;             /* NUL-terminated copy */
    uint16_t method;        /* 0 stored, 8 deflate */
    uint32_t crc;
    uint64_t csize, usize;  /* compressed and uncompressed sizes */
    uint64_t data_off;      /* first byte of the member's data in the archive */
};

struct zip {
    const unsigned char *buf;
    size_t len;
    struct zip_member *m;
    size_t n;
    const char *path;       /* for messages */
};

/* True when the bytes start like a zip archive (a local file header). */
int zip_is_magic(const unsigned char *b, size_t len);
/* Reads the central directory of buf[0..len) (path names it in errors). */
int zip_open(struct zip *z, const unsigned char *buf, size_t len, const char *path, embx_err *e);
void zip_close(struct zip *z);
/* Index of the member named name, or -1. */
long zip_find(const struct zip *z, const char *name);
/* The member's bytes: a pointer into the archive when stored (*owned NULL),
 * else inflated into *owned (free it). Checks the size and CRC. */
int zip_member_data(const struct zip *z, size_t i, const unsigned char **data, void **owned,
                    embx_err *e);
/* Up to cap first bytes of the member (inflating only those); *got = count. */
int zip_member_head(const struct zip *z, size_t i, unsigned char *buf, size_t cap, size_t *got,
                    embx_err *e);

#endif
