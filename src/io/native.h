/* native: the .embx format (documented in doc/embx-format.md): a little-endian
 * header with magic, version, N, D and section offsets; the vocabulary blob;
 * the matrix page-aligned so it is mmap'd and used in place; inverse norms. */
#ifndef EMBX_NATIVE_H
#define EMBX_NATIVE_H
#include <stdint.h>
#include "table.h"

/* Provenance recorded in a cache file so a stale one is recognised. */
struct native_source {
    char path[4096];
    uint64_t size;
    int64_t mtime_sec, mtime_nsec;
    uint64_t limit;
    uint32_t format;
};

/* Writes t atomically to path; src (may be NULL) is stored in the header. */
int native_write(const embx_table *t, const char *path, const struct native_source *src, embx_err *e);
/* As native_write but without fsync, for cache files: they are validated
 * on every open and rebuilt when damaged, so durability is not worth the
 * wait of flushing the whole matrix to disk on a first load. */
int native_write_nosync(const embx_table *t, const char *path, const struct native_source *src,
                        embx_err *e);
/* Maps and validates path (every size and offset checked against the file
 * size); the table uses the mapping in place. src (may be NULL) receives
 * the stored provenance. */
int native_open(const char *path, embx_table **out, struct native_source *src, embx_err *e);
/* Reads only the header's provenance of path (for listing the cache):
 * checks the magic and the header checksum, not the data. */
int native_read_source(const char *path, struct native_source *src, embx_err *e);
/* True when the first bytes are the .embx magic. */
int native_is_magic(const unsigned char *buf, size_t len);

#endif
