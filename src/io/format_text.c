/* format_text: GloVe, word2vec text and fastText .vec rows.
 *
 * A row's vector is its last D blank-separated fields and the word is
 * everything before them, so tokens with spaces or non-breaking spaces (the
 * Common Crawl GloVe files have them) survive. Plain files are mapped and
 * cut into chunks at line boundaries; one parallel pass counts lines, a
 * second parses each chunk straight into its rows of the matrix, dropping
 * the parsed pages from memory as it goes so peak RSS stays near the matrix
 * size. Gzip input is streamed through a window and parsed on one thread. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "floatparse.h"
#include "format_priv.h"
#include "progress.h"

#define RELEASE_STEP (8u << 20)   /* drop parsed pages every 8 MB */
#define DIM_SAMPLE 64             /* lines used to infer D without a header */

enum { ROW_OK, ROW_BLANK, ROW_BAD };

static inline int blank(char c) { return c == ' ' || c == '\t'; }

/* Words of one chunk, NUL-terminated, in row order. */
struct wordbuf {
    char *p;
    size_t len, cap;
};

static int wordbuf_add(struct wordbuf *w, const char *s, size_t n)
{
    if (w->len + n + 1 > w->cap) {
        size_t nc = w->cap ? w->cap : 4096;
        while (nc < w->len + n + 1) nc *= 2;
        char *q = realloc(w->p, nc);
        if (!q) return -1;
        w->p = q;
        w->cap = nc;
    }
    memcpy(w->p + w->len, s, n);
    w->p[w->len + n] = '\0';
    w->len += n + 1;
    return 0;
}

/* True when the whole token [s, e) is a number (NaN and Inf included). */
static bool is_number(const char *s, const char *e)
{
    float v;
    return float_parse(s, e, &v) == e;
}

/* The general row parser: takes the last dim fields as the vector. */
static int parse_row_slow(const char *p, const char *eol, size_t dim, float *dst,
                          const char **word, size_t *wlen, char *why, size_t whylen)
{
    const char *q = eol;
    size_t k = 0;
    while (k < dim) {
        while (q > p && blank(q[-1])) q--;
        if (q == p) break;
        while (q > p && !blank(q[-1])) q--;
        k++;
    }
    const char *vstart = q;
    const char *wb = p, *we = vstart;
    while (wb < we && blank(*wb)) wb++;
    while (we > wb && blank(we[-1])) we--;
    if (k < dim || we == wb) {
        size_t vals = k < dim ? (k ? k - 1 : 0) : dim - 1;
        snprintf(why, whylen, "too few values (%zu, expected %zu)", vals, dim);
        return ROW_BAD;
    }
    const char *r = vstart;
    for (size_t j = 0; j < dim; j++) {
        while (r < eol && blank(*r)) r++;
        const char *te = r;
        while (te < eol && !blank(*te)) te++;
        float v;
        const char *z = float_parse(r, te, &v);
        if (z != te) {
            snprintf(why, whylen, "value %zu '%.*s' is not a number", j + 1,
                     (int)(te - r > 40 ? 40 : te - r), r);
            return ROW_BAD;
        }
        if (!isfinite(v)) {
            snprintf(why, whylen, "value %zu '%.*s' is not a finite number", j + 1,
                     (int)(te - r > 40 ? 40 : te - r), r);
            return ROW_BAD;
        }
        dst[j] = v;
        r = te;
    }
    /* A word part ending in a number after a blank means the row has more
     * than dim values; count them, keeping the first field as the word. */
    const char *t = we;
    size_t extra = 0;
    for (;;) {
        const char *te = t;
        const char *ts = te;
        while (ts > wb && !blank(ts[-1])) ts--;
        if (ts == wb || !is_number(ts, te)) break;
        extra++;
        t = ts;
        while (t > wb && blank(t[-1])) t--;
    }
    if (extra) {
        snprintf(why, whylen, "too many values (%zu, expected %zu)", dim + extra, dim);
        return ROW_BAD;
    }
    *word = wb;
    *wlen = (size_t)(we - wb);
    return ROW_OK;
}

/* Parses one line [p, eol) (no newline) into dst with the general parser,
 * which also words the error. */
static int parse_row(const char *p, const char *eol, size_t dim, float *dst, const char **word,
                     size_t *wlen, char *why, size_t whylen)
{
    while (eol > p && (eol[-1] == '\r' || blank(eol[-1]))) eol--;
    if (eol == p) return ROW_BLANK;
    return parse_row_slow(p, eol, dim, dst, word, wlen, why, whylen);
}

/* The usual "word v1 .. vD" row starting at p, parsed without first looking
 * for the line end (numbers are delimited by blanks or the newline). Returns
 * true with *next just past the newline; false means: use parse_row. */
static inline bool parse_row_fast(const char *p, const char *end, size_t dim, float *dst,
                                  const char **word, size_t *wlen, const char **next, bool *cr)
{
    const char *q = p;
    while (q < end && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r') q++;
    if (q == p || q == end || *q == '\n' || *q == '\r') return false;
    *word = p;
    *wlen = (size_t)(q - p);
    bool finite = true;
    for (size_t k = 0; k < dim; k++) {
        if (q >= end || !blank(*q)) return false;
        do q++;
        while (q < end && blank(*q));
        /* what follows the number is checked by the next round (a blank)
         * or after the loop (blanks, CR, newline) */
        const char *r = float_parse(q, end, &dst[k]);
        if (!r) return false;
        finite &= isfinite(dst[k]) != 0;
        q = r;
    }
    while (q < end && blank(*q)) q++;
    if (q < end && *q == '\r') {
        q++;
        *cr = true;
    }
    if (q < end && *q != '\n') return false;
    if (!finite) return false;
    *next = q < end ? q + 1 : end;
    return true;
}

/* Infers D from the first lines of a header-less file: per line, the number
 * of trailing numeric fields (all fields but one when the word is itself a
 * number); the most common value wins, so a bad row or a numeric word
 * cannot mislead it. Returns 0 when no line has a vector. */
static size_t infer_dim(const char *p, const char *end)
{
    size_t cand[DIM_SAMPLE];
    size_t nc = 0;
    while (p < end && nc < DIM_SAMPLE) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *q = eol;
        size_t fields = 0, trailing = 0;
        bool numeric_run = true;
        while (q > p) {
            while (q > p && (blank(q[-1]) || q[-1] == '\r')) q--;
            if (q == p) break;
            const char *te = q;
            while (q > p && !blank(q[-1])) q--;
            fields++;
            if (numeric_run && is_number(q, te)) trailing++;
            else numeric_run = false;
        }
        if (fields) cand[nc++] = trailing == fields ? fields - 1 : trailing;
        p = nl ? nl + 1 : end;
    }
    size_t best = 0, best_count = 0;
    for (size_t i = 0; i < nc; i++) {
        size_t c = 0;
        for (size_t j = 0; j < nc; j++) c += cand[j] == cand[i];
        if (c > best_count) {
            best = cand[i];
            best_count = c;
        }
    }
    return best;
}

/* One chunk of a mapped file: a whole number of lines. */
struct chunk {
    size_t b, e;          /* byte range within the data */
    size_t lines;         /* physical lines */
    size_t line0;         /* 1-based line number of the first */
    size_t slot0;         /* first row slot */
    struct wordbuf words;
    size_t good, skipped, blanks;
    size_t err_line;      /* first bad line (0 = none) */
    char err[200];
    bool failed;          /* stopped at err (not skip_bad) */
    bool cut;             /* err is on a last line without a line end: the file was cut short */
    bool crlf;
};

static void set_first(struct chunk *c, size_t line, const char *why)
{
    if (c->err_line == 0) {
        c->err_line = line;
        snprintf(c->err, sizeof c->err, "%s", why);
    }
}

static size_t count_lines(const char *p, const char *end)
{
    size_t n = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        n++;
        if (!nl) break;
        p = nl + 1;
    }
    return n;
}

/* Finds the end of the data that holds the first `limit` non-blank lines. */
static size_t limit_end(const char *data, size_t len, size_t limit)
{
    const char *p = data, *end = data + len;
    size_t rows = 0;
    while (p < end && rows < limit) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        for (const char *q = p; q < eol; q++)
            if (!blank(*q) && *q != '\r') {
                rows++;
                break;
            }
        p = nl ? nl + 1 : end;
    }
    return (size_t)(p - data);
}

static int threads_for(const struct read_opts *o)
{
#ifdef _OPENMP
    int t = o->threads > 0 ? o->threads : omp_get_max_threads();
    return t < 1 ? 1 : t;
#else
    (void)o;
    return 1;
#endif
}

/* Validates the first row before anything sized by D is allocated, so an
 * absurd D is refused by the data rather than by an allocation failure. */
static int check_first_row(const char *path, const char *p, const char *end, size_t line,
                           size_t dim, bool skip_bad, embx_err *e)
{
    /* find the first non-blank line */
    for (;;) {
        if (p >= end) return EMBX_OK;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *q = p;
        while (q < eol && (blank(*q) || *q == '\r')) q++;
        if (q < eol) {
            if ((size_t)(eol - p) / 2 + 1 < dim) {
                size_t fields = 0;
                for (const char *s = p; s < eol;) {
                    while (s < eol && (blank(*s) || *s == '\r')) s++;
                    if (s == eol) break;
                    fields++;
                    while (s < eol && !blank(*s) && *s != '\r') s++;
                }
                if (skip_bad) return EMBX_OK; /* counted as skipped later */
                return err_set(e, "%s:%zu: too few values (%zu, expected %zu)", path, line,
                               fields ? fields - 1 : 0, dim);
            }
            return EMBX_OK;
        }
        p = nl ? nl + 1 : end;
        line++;
    }
}

static void fill_report(struct read_report *r, size_t skipped, const char *path, size_t line,
                        const char *why)
{
    r->skipped = skipped;
    if (skipped && r->first_skip[0] == '\0')
        snprintf(r->first_skip, sizeof r->first_skip, "%s:%zu: %s", path, line, why);
}

/* Hands the words to the table (which then owns them, also on failure of
 * a later step) and finishes it. */
static int finish_table(embx_table *t, char *blob, size_t len, struct read_report *r, embx_err *e)
{
    if (!blob) {
        blob = malloc(1);
        if (!blob) return err_set(e, "out of memory");
        len = 0;
    }
    if (table_set_vocab(t, blob, len, true, e)) {
        free(blob);
        return EMBX_ERR;
    }
    if (table_finish(t, &r->notes, e)) return EMBX_ERR;
    r->rows = t->n;
    return EMBX_OK;
}

/* A malformed row stops the read; the message says how to get the rows
 * before it (a file cut short by a failed copy is the common case). */
static int err_bad_row(embx_err *e, const char *path, size_t line, const char *why, bool cut,
                       size_t before)
{
    if (cut && before)
        return err_set(e, "%s:%zu: %s: the file ends mid-row (cut short?); --limit %zu loads the %zu "
                       "row%s before it", path, line, why, before, before, before == 1 ? "" : "s");
    return err_set(e, "%s:%zu: %s", path, line, why);
}

/* A header claiming more rows than the file holds is an error (the file was
 * cut short, or the header is wrong) unless skip_bad, which keeps the rows
 * there and says so in r->header_note. */
static int header_rows_check(const char *path, const struct fmt_header *h,
                             const struct read_opts *o, size_t found, struct read_report *r,
                             embx_err *e)
{
    if (!h->present) return EMBX_OK;
    uint64_t expect = h->n;
    if (o->limit && o->limit < expect) expect = o->limit;
    if (found != expect) {
        if (found < expect && o->skip_bad) {
            snprintf(r->header_note, sizeof r->header_note,
                     "%s:1: header says %llu rows, but the file has %zu (kept those: --skip-bad)", path,
                     (unsigned long long)h->n, found);
            return EMBX_OK;
        }
        if (o->limit && o->limit < h->n)
            return err_set(e, "%s:1: header says %llu rows, but the file has only %zu%s", path,
                           (unsigned long long)h->n, found,
                           found < expect ? " (cut short? --skip-bad loads the rows there)" : "");
        return err_set(e, "%s:1: header says %llu rows, but the file has %zu%s", path,
                       (unsigned long long)h->n, found,
                       found < expect ? " (cut short? --skip-bad loads the rows there)" : "");
    }
    return EMBX_OK;
}


/* The error for a file that yielded no rows, saying why. */
static int err_no_rows(const char *path, size_t skipped, const struct fmt_header *h,
                       const struct read_report *r, embx_err *e)
{
    if (skipped)
        return err_set(e, "%s: no valid rows (%zu skipped; first: %s)", path, skipped, r->first_skip);
    if (h->present) return err_set(e, "%s:1: only a header, no rows follow", path);
    return err_set(e, "%s:1: no vectors in the file", path);
}

static int read_mapped(fmt_input *in, const struct fmt_header *h, size_t dim,
                       const struct read_opts *o, embx_table **out, struct read_report *r,
                       embx_err *e)
{
    const char *path = in->path;
    const char *data = (const char *)in->data + in->pos;
    size_t len = in->len - in->pos;
    size_t first_line = h->present ? 2 : 1;
    if (o->limit) len = limit_end(data, len, o->limit);

    int nthreads = threads_for(o);
    size_t nchunks = len < (4u << 20) ? 1 : (size_t)nthreads * 4;
    struct chunk *ch = calloc(nchunks, sizeof *ch);
    if (!ch) return err_set(e, "out of memory");
    /* chunk boundaries at line starts */
    size_t prev = 0;
    for (size_t i = 0; i < nchunks; i++) {
        ch[i].b = prev;
        size_t target = i + 1 == nchunks ? len : len / nchunks * (i + 1);
        if (target < prev) target = prev;
        if (target < len) {
            const char *nl = memchr(data + target, '\n', len - target);
            target = nl ? (size_t)(nl - data) + 1 : len;
        }
        ch[i].e = target;
        prev = target;
    }

    progress pg;
    bool show = !o->quiet;
    if (show) progress_start(&pg, "reading", (double)len * 2);
    int stop = 0;            /* set by any thread on Ctrl-C */
    size_t done_bytes = 0;   /* progress across threads */

    #pragma omp parallel for schedule(dynamic, 1) num_threads(nthreads) if (nchunks > 1)
    for (size_t i = 0; i < nchunks; i++) {
        const char *p = data + ch[i].b, *end = data + ch[i].e;
        size_t n = 0;
        const char *rel = p;
        while (p < end && !__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
            const char *stepend = end - p > RELEASE_STEP ? p + RELEASE_STEP : end;
            const char *nl = memchr(stepend - 1, '\n', (size_t)(end - (stepend - 1)));
            stepend = nl ? nl + 1 : end;
            n += count_lines(p, stepend);
            input_release(in, (size_t)(rel - (const char *)in->data),
                          (size_t)(stepend - (const char *)in->data));
            size_t step = (size_t)(stepend - p);
            rel = p = stepend;
            size_t done = __atomic_add_fetch(&done_bytes, step, __ATOMIC_RELAXED);
            if (progress_cancelled()) __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
#ifdef _OPENMP
            if (show && omp_get_thread_num() == 0) progress_update(&pg, (double)done, NULL);
#else
            if (show) progress_update(&pg, (double)done, NULL);
#endif
        }
        ch[i].lines = n;
    }
    if (stop) {
        if (show) progress_finish(&pg);
        free(ch);
        return err_cancelled(e);
    }
    size_t total = 0;
    for (size_t i = 0; i < nchunks; i++) {
        ch[i].line0 = first_line + total;
        ch[i].slot0 = total;
        total += ch[i].lines;
    }
    /* A valid row holds at least 2*D bytes of text for its 4*D bytes of
     * matrix, so a matrix beyond twice the text means D is absurd: then a
     * short first row is an error even with skip_bad, before allocating. */
    bool oversized = (double)total * (double)dim * 4.0 > 2.0 * (double)len + (double)(1u << 26);
    int rc = check_first_row(path, data, data + len, first_line, dim, o->skip_bad && !oversized, e);
    embx_table *t = NULL;
    unsigned char *ok = NULL;
    if (rc == EMBX_OK) {
        t = table_create(total ? total : 1, dim, e);
        ok = calloc(total ? total : 1, 1);
        if (!t || !ok) {
            if (t && !ok) err_set(e, "out of memory");
            rc = EMBX_ERR;
        }
    }
    if (rc != EMBX_OK) {
        if (show) progress_finish(&pg);
        table_free(t);
        free(ok);
        free(ch);
        return rc;
    }

    #pragma omp parallel for schedule(dynamic, 1) num_threads(nthreads) if (nchunks > 1)
    for (size_t i = 0; i < nchunks; i++) {
        struct chunk *c = &ch[i];
        const char *p = data + c->b, *end = data + c->e;
        const char *rel = p;
        size_t line = c->line0, slot = c->slot0;
        char why[160];
        while (p < end) {
            const char *word = NULL, *next = NULL;
            size_t wlen = 0;
            int st;
            if (parse_row_fast(p, end, dim, t->vecs + slot * dim, &word, &wlen, &next, &c->crlf)) {
                st = ROW_OK;
            } else {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *eol = nl ? nl : end;
                next = nl ? nl + 1 : end;
                st = parse_row(p, eol, dim, t->vecs + slot * dim, &word, &wlen, why, sizeof why);
                if (eol > p && eol[-1] == '\r') c->crlf = true;
            }
            if (st == ROW_OK && memchr(word, '\0', wlen)) {
                snprintf(why, sizeof why, "the word contains a NUL byte");
                st = ROW_BAD;
            }
            if (st == ROW_OK) {
                if (wordbuf_add(&c->words, word, wlen)) {
                    set_first(c, line, "out of memory");
                    c->failed = true;
                    break;
                }
                ok[slot] = 1;
                c->good++;
            } else if (st == ROW_BLANK) {
                c->blanks++;
            } else {
                set_first(c, line, why);
                if (!o->skip_bad) {
                    c->failed = true;
                    c->cut = next == (const char *)in->data + in->len && next > p && next[-1] != '\n';
                    break;
                }
                c->skipped++;
            }
            p = next;
            line++;
            slot++;
            if ((size_t)(p - rel) >= RELEASE_STEP) {
                input_release(in, (size_t)(rel - (const char *)in->data),
                              (size_t)(p - (const char *)in->data));
                size_t step = (size_t)(p - rel);
                rel = p;
                size_t done = __atomic_add_fetch(&done_bytes, step, __ATOMIC_RELAXED);
                if (progress_cancelled()) __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
                if (__atomic_load_n(&stop, __ATOMIC_RELAXED)) break;
#ifdef _OPENMP
                if (show && omp_get_thread_num() == 0)
                    progress_update(&pg, (double)done, NULL);
#else
                if (show) progress_update(&pg, (double)done, NULL);
#endif
            }
        }
        input_release(in, (size_t)(rel - (const char *)in->data),
                      (size_t)(p - (const char *)in->data));
    }
    if (show) progress_finish(&pg);

    rc = EMBX_OK;
    if (__atomic_load_n(&stop, __ATOMIC_RELAXED)) rc = err_cancelled(e);
    size_t good = 0, skipped = 0;
    for (size_t i = 0; rc == EMBX_OK && i < nchunks; i++) {
        if (ch[i].failed) {
            rc = err_bad_row(e, path, ch[i].err_line, ch[i].err, ch[i].cut, good + ch[i].good);
            break;
        }
        good += ch[i].good;
        skipped += ch[i].skipped;
        if (ch[i].skipped) fill_report(r, skipped, path, ch[i].err_line, ch[i].err);
        if (ch[i].crlf) r->crlf = true;
    }
    if (rc == EMBX_OK && good == 0) rc = err_no_rows(path, skipped, h, r, e);
    if (rc == EMBX_OK) rc = header_rows_check(path, h, o, good + skipped, r, e);
    char *blob = NULL;
    size_t blen = 0;
    if (rc == EMBX_OK) {
        /* close the holes left by blank and skipped lines */
        size_t outrow = 0;
        for (size_t s = 0; s < total; s++) {
            if (!ok[s]) continue;
            if (outrow != s) memmove(t->vecs + outrow * dim, t->vecs + s * dim, dim * sizeof(float));
            outrow++;
        }
        t->n = outrow;
        for (size_t i = 0; i < nchunks; i++) blen += ch[i].words.len;
        blob = malloc(blen ? blen : 1);
        if (!blob) rc = err_set(e, "out of memory");
        size_t off = 0;
        for (size_t i = 0; blob && i < nchunks; i++) {
            if (ch[i].words.len) memcpy(blob + off, ch[i].words.p, ch[i].words.len);
            off += ch[i].words.len;
        }
    }
    for (size_t i = 0; i < nchunks; i++) free(ch[i].words.p);
    free(ch);
    free(ok);
    if (rc == EMBX_OK) {
        rc = finish_table(t, blob, blen, r, e);
        blob = NULL;
    }
    free(blob);
    if (rc == EMBX_OK) {
        r->skipped = skipped;
        *out = t;
        return EMBX_OK;
    }
    table_free(t);
    return rc;
}

/* gzip: one thread over a decompressed window, growing the matrix. */
static int read_stream(fmt_input *in, const struct fmt_header *h, size_t dim,
                       const struct read_opts *o, embx_table **out, struct read_report *r,
                       embx_err *e)
{
    const char *path = in->path;
    size_t line = h->present ? 2 : 1;
    /* The matrix grows by doubling as rows arrive. A header's row count of
     * up to 4 GB of matrix is taken at its word (only the pages the rows
     * fill are ever touched), which saves the copies and the slack. */
    size_t cap = 1u << 14;
    if (h->present && h->n < cap) cap = h->n ? (size_t)h->n : 1;
    if (cap > (1u << 26) / dim) cap = (1u << 26) / dim ? (1u << 26) / dim : 1; /* <= 64 MB to start */
    if (h->present && h->n > cap && (double)h->n * (double)dim * 4.0 <= 4294967296.0) {
        cap = (size_t)h->n;
        if (o->limit && o->limit < cap) cap = o->limit;
    }
    embx_table *t = NULL;
    struct wordbuf words = {0};
    size_t skipped = 0, total = 0;
    int rc = EMBX_OK;
    bool first = true;
    char why[160];
    progress pg;
    bool show = !o->quiet;
    if (show) progress_start(&pg, "reading", 0);
    for (;;) {
        if (o->limit && total >= o->limit) break;
        size_t have = in->len - in->pos;
        const char *p = (const char *)in->data + in->pos;
        const char *nl = have ? memchr(p, '\n', have) : NULL;
        if (!nl && !in->eof) {
            size_t got = input_fill(in, have + (1u << 20), e);
            if (got == (size_t)-1) {
                err_prefix(e, "%s:%zu", path, line);
                rc = EMBX_ERR;
                break;
            }
            continue;
        }
        if (!have) break;
        const char *eol = nl ? nl : p + have;
        if (first) {
            /* rows of more than 64 MB must be proven by the first row */
            rc = check_first_row(path, p, eol, line, dim, o->skip_bad && dim <= (1u << 24), e);
            if (rc) break;
        }
        if (!t) {
            t = table_create(cap, dim, e);
            if (!t) {
                rc = EMBX_ERR;
                break;
            }
        }
        if (t->n == t->cap && table_reserve(t, t->cap * 2, e)) {
            rc = EMBX_ERR;
            break;
        }
        const char *word = NULL;
        size_t wlen = 0;
        const char *next;
        int st = parse_row_fast(p, eol, dim, t->vecs + t->n * dim, &word, &wlen, &next, &r->crlf)
                     ? ROW_OK
                     : parse_row(p, eol, dim, t->vecs + t->n * dim, &word, &wlen, why, sizeof why);
        if (eol > p && eol[-1] == '\r') r->crlf = true;
        if (st == ROW_OK && memchr(word, '\0', wlen)) {
            snprintf(why, sizeof why, "the word contains a NUL byte");
            st = ROW_BAD;
        }
        if (st != ROW_BLANK) first = false;
        if (st == ROW_OK) {
            if (wordbuf_add(&words, word, wlen)) {
                rc = err_set(e, "out of memory");
                break;
            }
            t->n++;
            total++;
        } else if (st == ROW_BAD) {
            if (!o->skip_bad) {
                rc = err_bad_row(e, path, line, why, !nl && in->eof, t->n);
                break;
            }
            fill_report(r, ++skipped, path, line, why);
            total++;
        }
        in->pos = nl ? (size_t)(nl + 1 - (const char *)in->data) : in->len;
        line++;
        if ((line & 4095) == 0) {
            if (progress_cancelled()) {
                rc = err_cancelled(e);
                break;
            }
            if (show) progress_update(&pg, (double)input_offset(in), NULL);
        }
    }
    if (show) progress_finish(&pg);
    if (rc == EMBX_OK && (!t || t->n == 0)) rc = err_no_rows(path, skipped, h, r, e);
    if (rc == EMBX_OK) rc = header_rows_check(path, h, o, total, r, e);
    if (rc == EMBX_OK) {
        rc = finish_table(t, words.p, words.len, r, e);
        words.p = NULL;
    }
    free(words.p);
    if (rc == EMBX_OK) {
        r->skipped = skipped;
        *out = t;
        return EMBX_OK;
    }
    table_free(t);
    return rc;
}

int text_read(fmt_input *in, const struct fmt_header *h, const struct read_opts *o,
              embx_table **out, struct read_report *r, embx_err *e)
{
    size_t dim;
    if (h->present) {
        dim = (size_t)h->dim;
    } else {
        /* a window large enough for DIM_SAMPLE long rows */
        if (in->gz && input_fill(in, 4u << 20, e) == (size_t)-1) {
            err_prefix(e, "%s:1", in->path);
            return EMBX_ERR;
        }
        const char *p = (const char *)in->data + in->pos;
        size_t avail = in->len - in->pos;
        dim = infer_dim(p, p + avail);
        if (dim == 0) {
            bool any = false;
            for (size_t i = 0; i < avail && !any; i++)
                any = !blank(p[i]) && p[i] != '\n' && p[i] != '\r';
            if (!any) return err_set(e, "%s:1: no vectors in the file", in->path);
            return err_set(e, "%s:1: no numeric values: not a vector file (text to train vectors "
                           "from? embx train %s)", in->path, in->path);
        }
    }
    return in->gz ? read_stream(in, h, dim, o, out, r, e) : read_mapped(in, h, dim, o, out, r, e);
}
