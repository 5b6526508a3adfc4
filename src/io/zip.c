/* zip: central directory (with zip64 sizes) and member data via zlib. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "zip.h"

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

int zip_is_magic(const unsigned char *b, size_t len)
{
    return len >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
}

void zip_close(struct zip *z)
{
    for (size_t i = 0; i < z->n; i++) free(z->m[i].name);
    free(z->m);
    z->m = NULL;
    z->n = 0;
}

/* Reads the zip64 extra field for the values the directory left at ~0. */
static int zip64_extra(const unsigned char *x, size_t xlen, struct zip_member *m, uint32_t csize32,
                       uint32_t usize32, uint64_t *off)
{
    while (xlen >= 4) {
        uint16_t id = le16(x), sz = le16(x + 2);
        if ((size_t)sz + 4 > xlen) return -1;
        if (id == 1) {
            const unsigned char *p = x + 4, *end = p + sz;
            if (usize32 == UINT32_MAX) { if (end - p < 8) return -1; m->usize = le64(p); p += 8; }
            if (csize32 == UINT32_MAX) { if (end - p < 8) return -1; m->csize = le64(p); p += 8; }
            if (*off == UINT32_MAX) { if (end - p < 8) return -1; *off = le64(p); }
            return 0;
        }
        x += 4 + sz;
        xlen -= 4 + (size_t)sz;
    }
    return 0;
}

int zip_open(struct zip *z, const unsigned char *buf, size_t len, const char *path, embx_err *e)
{
    memset(z, 0, sizeof *z);
    z->buf = buf;
    z->len = len;
    z->path = path;
    if (len < 22) return err_set(e, "%s: not a zip archive (too short)", path);
    /* the end-of-central-directory record: within the last 64 KiB + 22 bytes */
    size_t eocd = SIZE_MAX;
    size_t lo = len > 65557 ? len - 65557 : 0;
    for (size_t i = len - 22 + 1; i-- > lo;)
        if (le32(buf + i) == 0x06054b50u) {
            eocd = i;
            break;
        }
    if (eocd == SIZE_MAX)
        return err_set(e, "%s: not a complete zip archive (no end of central directory: truncated?)", path);
    uint64_t count = le16(buf + eocd + 10), cd_size = le32(buf + eocd + 12), cd_off = le32(buf + eocd + 16);
    if (count == 0xffff || cd_off == UINT32_MAX || cd_size == UINT32_MAX) {
        /* zip64: a locator just before points at the zip64 record */
        if (eocd < 20 || le32(buf + eocd - 20) != 0x07064b50u)
            return err_set(e, "%s: damaged zip archive (zip64 locator missing)", path);
        uint64_t r = le64(buf + eocd - 20 + 8);
        if (r > len || len - r < 56 || le32(buf + r) != 0x06064b50u)
            return err_set(e, "%s: damaged zip archive (bad zip64 record)", path);
        count = le64(buf + r + 32);
        cd_size = le64(buf + r + 40);
        cd_off = le64(buf + r + 48);
    }
    if (cd_off > len || cd_size > len - cd_off)
        return err_set(e, "%s: damaged zip archive (central directory beyond the end: truncated?)", path);
    /* each entry takes at least 46 bytes: the count cannot exceed that */
    if (count > cd_size / 46) return err_set(e, "%s: damaged zip archive (entry count %llu)", path,
                                             (unsigned long long)count);
    z->m = calloc(count ? count : 1, sizeof *z->m);
    if (!z->m) return err_set(e, "out of memory");
    const unsigned char *p = buf + cd_off, *end = p + cd_size;
    for (uint64_t i = 0; i < count; i++) {
        if (end - p < 46 || le32(p) != 0x02014b50u) {
            zip_close(z);
            return err_set(e, "%s: damaged zip archive (central directory entry %llu)", path,
                           (unsigned long long)i);
        }
        struct zip_member *m = &z->m[z->n];
        uint16_t flags = le16(p + 8);
        m->method = le16(p + 10);
        m->crc = le32(p + 16);
        uint32_t cs = le32(p + 20), us = le32(p + 24);
        m->csize = cs;
        m->usize = us;
        size_t nl = le16(p + 28), xl = le16(p + 30), cl = le16(p + 32);
        uint64_t off = le32(p + 42);
        if ((size_t)(end - p) - 46 < nl + xl + cl) {
            zip_close(z);
            return err_set(e, "%s: damaged zip archive (central directory entry %llu)", path,
                           (unsigned long long)i);
        }
        if (zip64_extra(p + 46 + nl, xl, m, cs, us, &off)) {
            zip_close(z);
            return err_set(e, "%s: damaged zip archive (bad zip64 field)", path);
        }
        m->name = strndup((const char *)p + 46, nl);
        if (!m->name) {
            zip_close(z);
            return err_set(e, "out of memory");
        }
        z->n++;
        p += 46 + nl + xl + cl;
        const char *why = NULL;
        uint64_t data = 0;
        if (flags & 1) why = "is encrypted";
        /* the local header repeats the name and has its own extra field */
        else if (off > len || len - off < 30 || le32(buf + off) != 0x04034b50u)
            why = "has a bad local header offset (truncated?)";
        else if ((data = off + 30 + le16(buf + off + 26) + le16(buf + off + 28)) > len || m->csize > len - data)
            why = "runs past the end of the file (truncated?)";
        if (why) {
            err_set(e, "%s: member '%.200s' %s", path, m->name, why);
            zip_close(z);
            return EMBX_ERR;
        }
        m->data_off = data;
    }
    return EMBX_OK;
}

long zip_find(const struct zip *z, const char *name)
{
    for (size_t i = 0; i < z->n; i++)
        if (strcmp(z->m[i].name, name) == 0) return (long)i;
    return -1;
}

static int check_method(const struct zip *z, const struct zip_member *m, embx_err *e)
{
    if (m->method == 0 || m->method == 8) return EMBX_OK;
    return err_set(e, "%s: member '%s' is compressed with zip method %u; only stored (0) and deflate (8) "
                   "are supported", z->path, m->name, m->method);
}

/* Inflates up to cap bytes of member m into out; *got receives the count. */
static int inflate_into(const struct zip *z, const struct zip_member *m, unsigned char *out, size_t cap,
                        size_t *got, bool whole, embx_err *e)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK) return err_set(e, "cannot start zlib");
    const unsigned char *in = z->buf + m->data_off;
    uint64_t left_in = m->csize;
    size_t done = 0;
    int rc = Z_OK;
    while (done < cap && rc != Z_STREAM_END) {
        unsigned ci = left_in > (1u << 30) ? (1u << 30) : (unsigned)left_in;
        unsigned co = cap - done > (1u << 30) ? (1u << 30) : (unsigned)(cap - done);
        s.next_in = (unsigned char *)(uintptr_t)in;
        s.avail_in = ci;
        s.next_out = out + done;
        s.avail_out = co;
        rc = inflate(&s, Z_NO_FLUSH);
        size_t used = ci - s.avail_in;
        in += used;
        left_in -= used;
        done += co - s.avail_out;
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) break;
        if (rc == Z_BUF_ERROR && (left_in == 0 || s.avail_out != 0)) break;
    }
    inflateEnd(&s);
    *got = done;
    if (whole && (rc != Z_STREAM_END || done != m->usize))
        return err_set(e, "%s: member '%s' does not inflate to the %llu bytes its header gives (damaged)",
                       z->path, m->name, (unsigned long long)m->usize);
    if (!whole && rc != Z_STREAM_END && rc != Z_OK && rc != Z_BUF_ERROR)
        return err_set(e, "%s: member '%s' is damaged (inflate failed)", z->path, m->name);
    return EMBX_OK;
}

int zip_member_data(const struct zip *z, size_t i, const unsigned char **data, void **owned, embx_err *e)
{
    const struct zip_member *m = &z->m[i];
    *data = NULL;
    *owned = NULL;
    if (check_method(z, m, e)) return EMBX_ERR;
    if (m->method == 0) {
        if (m->usize != m->csize)
            return err_set(e, "%s: stored member '%s' gives two sizes (%llu, %llu)", z->path, m->name,
                           (unsigned long long)m->csize, (unsigned long long)m->usize);
        *data = z->buf + m->data_off;
        return EMBX_OK;
    }
    /* deflate expands at most 1032 times: a larger claim is a lie */
    if (m->usize / 1032 > m->csize + 1 || m->usize > SIZE_MAX - 1)
        return err_set(e, "%s: member '%s' claims %llu bytes from %llu compressed (damaged)", z->path,
                       m->name, (unsigned long long)m->usize, (unsigned long long)m->csize);
    unsigned char *buf = malloc(m->usize ? (size_t)m->usize : 1);
    if (!buf) return err_set(e, "%s: out of memory inflating '%s' (%llu bytes)", z->path, m->name,
                             (unsigned long long)m->usize);
    size_t got;
    if (inflate_into(z, m, buf, (size_t)m->usize, &got, true, e)) {
        free(buf);
        return EMBX_ERR;
    }
    if ((uint32_t)crc32_z(crc32(0L, Z_NULL, 0), buf, (z_size_t)got) != m->crc) {
        free(buf);
        return err_set(e, "%s: member '%s' fails its CRC check (damaged)", z->path, m->name);
    }
    *data = buf;
    *owned = buf;
    return EMBX_OK;
}

int zip_member_head(const struct zip *z, size_t i, unsigned char *buf, size_t cap, size_t *got, embx_err *e)
{
    const struct zip_member *m = &z->m[i];
    *got = 0;
    if (check_method(z, m, e)) return EMBX_ERR;
    if (m->method == 0) {
        size_t n = m->csize < cap ? (size_t)m->csize : cap;
        memcpy(buf, z->buf + m->data_off, n);
        *got = n;
        return EMBX_OK;
    }
    return inflate_into(z, m, buf, cap, got, false, e);
}
