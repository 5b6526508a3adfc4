/* format_bin: word2vec binary rows: the word, one space, D little-endian
 * float32, optionally a newline (the C tool writes it, gensim does not).
 * Positions in errors are byte offsets of the (decompressed) stream. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format_priv.h"
#include "progress.h"

#define MAX_WORD (1u << 16)  /* longer "words" mean the file is not word2vec binary */

static void to_host(float *v, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &v[i], 4);
        u = __builtin_bswap32(u);
        memcpy(&v[i], &u, 4);
    }
#else
    (void)v;
    (void)n;
#endif
}

int bin_read(fmt_input *in, const struct fmt_header *h, const struct read_opts *o,
             embx_table **out, struct read_report *r, embx_err *e)
{
    const char *path = in->path;
    size_t dim = (size_t)h->dim;
    size_t want = (size_t)h->n;
    if (o->limit && o->limit < want) want = o->limit;
    size_t rowbytes = dim * sizeof(float);
    /* Allocation follows the data: a plain file's size bounds the rows it can
     * hold; a stream grows by doubling. */
    size_t cap = want < (1u << 14) ? want : (1u << 14);
    /* a stream starts with at most 64 MB of rows, however wide they claim to be */
    if (cap > (64u << 20) / rowbytes) cap = (64u << 20) / rowbytes;
    if (!in->gz) {
        size_t fit = (in->len - in->pos) / (rowbytes + 2);
        cap = want < fit ? want : fit;
    }
    embx_table *t = table_create(cap ? cap : 1, dim, e);
    if (!t) return EMBX_ERR;
    char *words = NULL;
    size_t wlen = 0, wcap = 0;
    size_t skipped = 0;
    int rc = EMBX_OK;
    progress pg;
    bool show = !o->quiet;
    if (show) progress_start(&pg, "reading", (double)want);
    size_t row;
    for (row = 0; row < want; row++) {
        /* word: skip the newline that may end the previous row */
        size_t avail = input_fill(in, 1, e);
        if (avail == (size_t)-1) goto gzfail;
        while (avail && (in->data[in->pos] == '\n' || in->data[in->pos] == '\r')) {
            in->pos++;
            avail = input_fill(in, 1, e);
            if (avail == (size_t)-1) goto gzfail;
        }
        uint64_t row_off = input_offset(in);
        if (avail == 0) {
            rc = err_set(e, "%s:byte %llu: truncated: header says %llu rows, found %zu", path,
                         (unsigned long long)row_off, (unsigned long long)h->n, row);
            break;
        }
        size_t k = 0;
        const unsigned char *sp = NULL;
        for (;;) {
            const unsigned char *p = in->data + in->pos;
            sp = memchr(p + k, ' ', avail - k);
            if (sp || in->eof || avail >= MAX_WORD) break;
            k = avail;
            avail = input_fill(in, avail + 4096, e);
            if (avail == (size_t)-1) goto gzfail;
        }
        if (!sp || (size_t)(sp - (in->data + in->pos)) >= MAX_WORD) {
            rc = err_set(e, "%s:byte %llu: row %zu: no space after the word%s", path,
                         (unsigned long long)row_off, row + 1,
                         sp ? " within 64 KB (not word2vec binary?)" : " (truncated file)");
            break;
        }
        size_t wl = (size_t)(sp - (in->data + in->pos));
        avail = input_fill(in, wl + 1 + rowbytes, e);
        if (avail == (size_t)-1) goto gzfail;
        if (avail < wl + 1 + rowbytes) {
            rc = err_set(e, "%s:byte %llu: truncated: row %zu needs %zu bytes of vector, %zu left",
                         path, (unsigned long long)(row_off + wl + 1), row + 1, rowbytes,
                         avail > wl + 1 ? avail - wl - 1 : 0);
            break;
        }
        const unsigned char *wp = in->data + in->pos;
        const char *why = NULL;
        if (wl == 0) why = "empty word";
        else if (memchr(wp, '\0', wl)) why = "the word contains a NUL byte";
        if (t->n == t->cap && table_reserve(t, t->cap * 2, e)) {
            rc = EMBX_ERR;
            break;
        }
        float *dst = t->vecs + t->n * dim;
        memcpy(dst, wp + wl + 1, rowbytes);
        to_host(dst, dim);
        char whybuf[96];
        if (!why)
            for (size_t j = 0; j < dim; j++)
                if (!isfinite(dst[j])) {
                    snprintf(whybuf, sizeof whybuf, "row %zu: value %zu is %s", row + 1, j + 1,
                             isnan(dst[j]) ? "NaN" : "infinite");
                    why = whybuf;
                    break;
                }
        if (why) {
            if (!o->skip_bad) {
                rc = err_set(e, "%s:byte %llu: %s", path, (unsigned long long)row_off, why);
                break;
            }
            if (skipped++ == 0)
                snprintf(r->first_skip, sizeof r->first_skip, "%s:byte %llu: %s", path,
                         (unsigned long long)row_off, why);
        } else {
            if (wlen + wl + 1 > wcap) {
                size_t nc = wcap ? wcap * 2 : 1u << 16;
                while (nc < wlen + wl + 1) nc *= 2;
                char *q = realloc(words, nc);
                if (!q) {
                    rc = err_set(e, "out of memory");
                    break;
                }
                words = q;
                wcap = nc;
            }
            memcpy(words + wlen, wp, wl);
            words[wlen + wl] = '\0';
            wlen += wl + 1;
            t->n++;
        }
        in->pos += wl + 1 + rowbytes;
        if ((row & 4095) == 4095) {
            if (!in->gz) input_release(in, 0, in->pos);
            if (progress_cancelled()) {
                rc = err_cancelled(e);
                break;
            }
            if (show) progress_update(&pg, (double)row, NULL);
        }
    }
    if (show) progress_finish(&pg);
    if (rc == EMBX_OK && want == h->n) {
        /* all rows read: anything but blank bytes after them is a row the
         * header does not count */
        for (;;) {
            size_t avail = input_fill(in, 1, e);
            if (avail == (size_t)-1) goto gzfail;
            if (!avail) break;
            unsigned char c = in->data[in->pos];
            if (c != '\n' && c != '\r' && c != ' ') {
                rc = err_set(e, "%s:byte %llu: header says %llu rows, but more data follows", path,
                             (unsigned long long)input_offset(in), (unsigned long long)h->n);
                break;
            }
            in->pos++;
        }
    }
    if (rc == EMBX_OK && t->n == 0) {
        if (skipped)
            rc = err_set(e, "%s: no valid rows (%zu skipped; first: %s)", path, skipped,
                         r->first_skip);
        else
            rc = err_set(e, "%s:1: only a header, no rows follow", path);
    }
    if (rc == EMBX_OK) {
        if (!words) words = malloc(1);
        if (!words) rc = err_set(e, "out of memory");
        else if (table_set_vocab(t, words, wlen, true, e)) rc = EMBX_ERR;
        else {
            words = NULL;
            rc = table_finish(t, &r->notes, e);
        }
    }
    free(words);
    if (rc != EMBX_OK) {
        table_free(t);
        return rc;
    }
    r->rows = t->n;
    r->skipped = skipped;
    *out = t;
    return EMBX_OK;

gzfail:
    if (show) progress_finish(&pg);
    err_prefix(e, "%s:byte %llu", path, (unsigned long long)input_offset(in));
    free(words);
    table_free(t);
    return EMBX_ERR;
}
