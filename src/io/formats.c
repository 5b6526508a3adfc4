/* formats: detection of the text family from content, and the reader entry point
 * that opens the input, strips a BOM, reads the header and dispatches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "floatparse.h"
#include "format_priv.h"
#include "native.h"

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_blank(unsigned char c) { return c == ' ' || c == '\t'; }

/* Reads digits into *v, saturating at UINT64_MAX. */
static const unsigned char *read_uint(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
    uint64_t x = 0;
    for (; p < end && is_digit(*p); p++) {
        unsigned d = (unsigned)(*p - '0');
        x = x > (UINT64_MAX - d) / 10 ? UINT64_MAX : x * 10 + d;
    }
    *v = x;
    return p;
}

/* Recognises a first line of exactly two non-negative integers. */
static bool header_parse(const unsigned char *p, size_t len, struct fmt_header *h)
{
    memset(h, 0, sizeof *h);
    const unsigned char *s = p, *end = p + len;
    const unsigned char *nl = memchr(p, '\n', len);
    const unsigned char *eol = nl ? nl : end;
    while (s < eol && is_blank(*s)) s++;
    if (s == eol || !is_digit(*s)) return false;
    s = read_uint(s, eol, &h->n);
    if (s == eol || !is_blank(*s)) return false;
    while (s < eol && is_blank(*s)) s++;
    if (s == eol || !is_digit(*s)) return false;
    s = read_uint(s, eol, &h->dim);
    while (s < eol && (is_blank(*s) || *s == '\r')) s++;
    if (s != eol) return false;
    h->present = true;
    h->len = (size_t)(eol - p) + (nl ? 1 : 0);
    return true;
}

/* Refuses absurd header numbers before anything is allocated: overflow,
 * D = 0, a row longer than the bytes that follow (binary rows need 4*D+2
 * bytes, text rows 2*D), more rows than bytes. remaining = 0: unknown. */
static int header_check(const char *path, const struct fmt_header *h, uint64_t remaining, bool binary,
                 embx_err *e)
{
    if (h->n == UINT64_MAX)
        return err_set(e, "%s:1: header row count is too large", path);
    if (h->dim == UINT64_MAX || h->dim > (UINT64_MAX / 8))
        return err_set(e, "%s:1: header dimension is too large", path);
    if (h->dim == 0) return err_set(e, "%s:1: header says dimension 0", path);
    if (remaining == 0) return EMBX_OK; /* unknown (stream): the data will tell */
    uint64_t per_row = binary ? h->dim * 4 + 2 : h->dim * 2;
    if (per_row > remaining)
        return err_set(e, "%s:1: header says %llu values per row, but only %llu bytes follow",
                       path, (unsigned long long)h->dim, (unsigned long long)remaining);
    /* Plausible counts are checked against the rows actually read; only a
     * count beyond one row per byte is refused before reading. */
    if (h->n > remaining)
        return err_set(e, "%s:1: header says %llu rows, but only %llu bytes follow", path,
                       (unsigned long long)h->n, (unsigned long long)remaining);
    return EMBX_OK;
}

/* True when the bytes hold control characters no text vector file has. */
static bool bytes_look_binary(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c == 0x7f)
            return true;
    }
    return false;
}

static size_t bom_len(const unsigned char *buf, size_t len)
{
    return len >= 3 && buf[0] == 0xef && buf[1] == 0xbb && buf[2] == 0xbf ? 3 : 0;
}

/* True when the line at p ends in exactly `dim` numbers after a word: a
 * text row, whatever stray bytes its word holds. */
static bool text_row(const unsigned char *p, size_t len, uint64_t dim)
{
    const unsigned char *nl = memchr(p, '\n', len);
    if (!nl) return false;
    const char *s = (const char *)p, *q = (const char *)nl;
    uint64_t numbers = 0;
    for (;;) {
        while (q > s && (is_blank((unsigned char)q[-1]) || q[-1] == '\r')) q--;
        const char *te = q;
        while (q > s && !is_blank((unsigned char)q[-1])) q--;
        if (q == te) return false; /* numbers only: no word */
        float v;
        if (float_parse(q, te, &v) != te) return numbers == dim; /* reached the word */
        numbers++;
    }
}

enum embx_format format_detect(const unsigned char *buf, size_t len)
{
    if (native_is_magic(buf, len)) return FMT_EMBX;
    size_t b = bom_len(buf, len);
    struct fmt_header h;
    if (!header_parse(buf + b, len - b, &h)) return FMT_GLOVE;
    size_t after = b + h.len;
    if (text_row(buf + after, len - after, h.dim)) return FMT_WORD2VEC;
    size_t look = len - after < 4096 ? len - after : 4096;
    return bytes_look_binary(buf + after, look) ? FMT_WORD2VEC_BIN : FMT_WORD2VEC;
}

int formats_read(const char *path, const struct read_opts *o, embx_table **out,
                 struct read_report *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    *out = NULL;
    fmt_input in;
    if (input_open(&in, path, e)) return EMBX_ERR;
    size_t avail = input_fill(&in, 1u << 16, e);
    if (avail == (size_t)-1) {
        err_prefix(e, "%s:1", path);
        input_close(&in);
        return EMBX_ERR;
    }
    r->gzip = input_compressed(&in);
    const unsigned char *buf = in.data + in.pos;
    if (avail == 0) {
        input_close(&in);
        return err_set(e, "%s:1: the file is empty", path);
    }
    if (native_is_magic(buf, avail)) {
        bool gz = in.gz;
        input_close(&in);
        if (gz) return err_set(e, "%s: a compressed .embx file cannot be mapped: gunzip it first", path);
        return err_set(e, "%s: a native .embx file, not %s (load it without --format)", path,
                       format_name(o->format));
    }
    size_t b = bom_len(buf, avail);
    r->bom = b > 0;
    in.pos += b;
    struct fmt_header h;
    header_parse(in.data + in.pos, avail - b, &h);
    enum embx_format f = o->format;
    if (f == FMT_AUTO || f == FMT_EMBX) f = format_detect(buf, avail);
    int rc;
    if (f == FMT_WORD2VEC_BIN || f == FMT_WORD2VEC || f == FMT_FASTTEXT) {
        if (!h.present) {
            input_close(&in);
            return err_set(e, "%s:1: %s needs a first line \"ROWS DIM\"", path, format_name(f));
        }
    } else {
        /* GloVe has no header: a leading "N D" line is then a row */
        if (h.present && o->format == FMT_GLOVE) h.present = false;
    }
    if (h.present) {
        uint64_t remaining = in.gz ? 0 : (uint64_t)(in.len - in.pos - h.len);
        if (remaining == 0 && !in.gz) {
            input_close(&in);
            return err_set(e, "%s:1: only a header, no rows follow", path);
        }
        if (header_check(path, &h, remaining, f == FMT_WORD2VEC_BIN, e)) {
            input_close(&in);
            return EMBX_ERR;
        }
        /* A gzip stream inflates to at most 1032 times its size (deflate's
         * limit), which bounds what its header may claim before anything
         * is allocated. */
        uint64_t most = in.file_size > UINT64_MAX / 1032 ? UINT64_MAX : in.file_size * 1032;
        uint64_t per_row = f == FMT_WORD2VEC_BIN ? h.dim * 4 + 2 : h.dim * 2;
        if (in.gz && (per_row > most || h.n > most)) {
            uint64_t zsize = in.file_size;
            input_close(&in);
            return err_set(e, "%s:1: header says %llu rows of %llu values, more than this %llu-byte "
                           "gzip file can hold", path, (unsigned long long)h.n,
                           (unsigned long long)h.dim, (unsigned long long)zsize);
        }
        in.pos += h.len;
    }
    if (f == FMT_WORD2VEC_BIN)
        rc = bin_read(&in, &h, o, out, r, e);
    else
        rc = text_read(&in, &h, o, out, r, e);
    input_close(&in);
    if (rc != EMBX_OK) {
        /* allocation failures come from table.c, which does not know the file */
        if (rc == EMBX_ERR && strncmp(e->msg, path, strlen(path)) != 0) err_prefix(e, "%s", path);
        return rc;
    }
    if (f == FMT_GLOVE && h.present) f = FMT_WORD2VEC;
    if (f == FMT_AUTO) f = FMT_GLOVE;
    r->format = f;
    embx_table *t = *out;
    t->source = strdup(path);
    snprintf(t->format, sizeof t->format, "%s", format_name(f));
    t->from_cache = false;
    return EMBX_OK;
}
