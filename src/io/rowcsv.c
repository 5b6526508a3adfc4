/* rowcsv: RFC 4180 record splitting, one byte at a time. */
#include "rowcsv.h"
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
    char *buf; size_t len, cap;          /* field bytes, each NUL-terminated */
    size_t *start; size_t n, scap;       /* field offsets into buf */
};

static int put(struct rec *r, char c)
{
    if (r->len == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        char *b = realloc(r->buf, cap);
        if (!b) return -1;
        r->buf = b;
        r->cap = cap;
    }
    r->buf[r->len++] = c;
    return 0;
}

static int new_field(struct rec *r)
{
    if (r->n == r->scap) {
        size_t cap = r->scap ? r->scap * 2 : 64;
        size_t *s = realloc(r->start, cap * sizeof *s);
        if (!s) return -1;
        r->start = s;
        r->scap = cap;
    }
    r->start[r->n++] = r->len;
    return 0;
}

int rowcsv_read(const char *path, rowcsv_fn fn, void *ctx, embx_err *e)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(e, "cannot open %s: %s", path, strerror(errno));
    struct rec r = {0};
    char **fields = NULL;
    size_t fcap = 0, line = 1, rec_line = 1, expect = 0;
    bool quoted = false, after_quote = false, in_field = false, header = true;
    int rc = EMBX_OK, c;
    /* state: in_field = a field of the current record has started */
    for (bool first = true;; first = false) {
        c = getc(fp);
        if (first && c == 0xEF) {          /* a UTF-8 byte-order mark */
            int c2 = getc(fp), c3 = getc(fp);
            if (c2 == 0xBB && c3 == 0xBF) { c = getc(fp); }
            else { rc = err_set(e, "%s:1: starts with a stray byte 0xEF (not UTF-8 text?)", path); break; }
        }
        if (c == EOF && quoted) {
            rc = err_set(e, "%s:%zu: a quoted field opened here is never closed", path, rec_line);
            break;
        }
        if (quoted) {
            if (c == '"') {
                int d = getc(fp);
                if (d == '"') { if (put(&r, '"')) goto oom; continue; }
                ungetc(d, fp);
                quoted = false;
                after_quote = true;
                continue;
            }
            if (c == '\n') line++;
            if (put(&r, (char)c)) goto oom;
            continue;
        }
        bool end_rec = c == EOF || c == '\n';
        if (c == '\r') {
            int d = getc(fp);
            if (d != '\n') ungetc(d, fp);
            end_rec = true;
        }
        if (c == ',' || end_rec) {
            if (!in_field && end_rec && r.n == 0) {      /* blank line */
                if (c == EOF) break;
                line++;
                rec_line = line;
                continue;
            }
            if (!in_field && new_field(&r)) goto oom;     /* a record opening with a comma */
            if (put(&r, '\0')) goto oom;
            in_field = false;
            after_quote = false;
            if (c == ',') {
                if (new_field(&r)) goto oom;
                in_field = true;
                continue;
            }
            /* the record is complete */
            if (r.n > fcap) {
                char **f = realloc(fields, r.n * sizeof *f);
                if (!f) goto oom;
                fields = f;
                fcap = r.n;
            }
            for (size_t i = 0; i < r.n; i++) fields[i] = r.buf + r.start[i];
            if (header) expect = r.n;
            else if (r.n != expect) {
                rc = err_set(e, "%s:%zu: %zu field%s, the header has %zu (a comma inside a field needs \"quotes\")",
                             path, rec_line, r.n, r.n == 1 ? "" : "s", expect);
                break;
            }
            rc = fn(ctx, fields, r.n, rec_line, e);
            header = false;
            r.n = r.len = 0;
            if (rc != EMBX_OK || c == EOF) break;
            line++;
            rec_line = line;
            continue;
        }
        if (after_quote) {
            rc = err_set(e, "%s:%zu: text after the closing quote of a field (a quote inside a quoted field is \"\")",
                         path, line);
            break;
        }
        if (!in_field) {
            if (new_field(&r)) goto oom;
            in_field = true;
            if (c == '"') { quoted = true; continue; }
        } else if (c == '"') {
            /* a quote opens a field only at its start */
            if (r.len == r.start[r.n - 1]) { quoted = true; continue; }
            rc = err_set(e, "%s:%zu: a quote inside an unquoted field (quote the whole field and double the quote)",
                         path, line);
            break;
        }
        if (put(&r, (char)c)) goto oom;
    }
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "%s: read error", path);
    if (rc == EMBX_OK && header) rc = err_set(e, "%s is empty: expected a header line and rows", path);
    goto out;
oom:
    rc = err_set(e, "out of memory reading %s", path);
out:
    fclose(fp);
    free(r.buf);
    free(r.start);
    free(fields);
    return rc;
}
