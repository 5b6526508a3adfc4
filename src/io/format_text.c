/* format_text: GloVe, word2vec text and fastText .vec rows.
 *
 * A row's vector is its last D blank-separated fields and the word is
 * everything before them, so tokens with spaces or non-breaking spaces (the
 * Common Crawl GloVe files have them) survive. Plain files are mapped and
 * cut into blocks at line boundaries, which all threads parse in one pass
 * (each maps its block's pages in one call before and drops them from memory
 * after, so peak RSS stays near the matrix size). Gzip input is cut into
 * blocks by a decompressing thread and parsed by the others as it arrives;
 * with --limit it is read by one thread through a window. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "floatparse.h"
#include "format_priv.h"
#include "progress.h"
#include "textrow.h"

#define BLOCK_BYTES (1u << 20)    /* text per parse block */
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

/* ---- the parallel parse: blocks of whole lines, placed in file order ----
 *
 * Each thread takes the next block (a slice of the mapped file, or a buffer
 * from the decompressing thread) and parses its rows into a scratch matrix
 * that stays in cache. Blocks are committed in file order, which fixes their
 * first row and line number, and copied into the table. A thread never waits
 * for its turn: a finished block waits in a ring and the thread goes on with
 * the next one; whoever completes the block due next commits it and every
 * waiting block after it. So the file is read once, both cores stay busy,
 * the rows are exactly those of a sequential parse, and the first bad line
 * of the file is the one reported. */

/* One block's rows before they are placed. */
struct parsed {
    float *vecs;          /* good rows */
    float *inv;           /* their inverse norms */
    size_t cap_rows;
    struct wordbuf words; /* their words, NUL-terminated */
    size_t good, skipped, lines;
    size_t err_line;      /* first bad line, 1-based within the block (0 = none) */
    char err[200];
    bool failed;          /* stopped at err (not skip_bad) */
    bool cut;             /* the bad row is the data's last and has no line end: cut short */
    bool crlf;
    size_t k, bytes;      /* which block, and its size in bytes */
    size_t slot;          /* where its rows go, once committed */
};

static void parsed_error(struct parsed *b, const char *why)
{
    if (b->err_line == 0) {
        b->err_line = b->lines + 1;
        snprintf(b->err, sizeof b->err, "%s", why);
    }
}

/* Parses the lines of [p, end) into b (which keeps its buffers); fast is
 * tried on each row first. */
static void parse_block(const char *p, const char *end, size_t dim, bool skip_bad, textrow_fn fast,
                        struct parsed *b)
{
    b->good = b->skipped = b->lines = b->err_line = 0;
    b->words.len = 0;
    b->failed = b->crlf = b->cut = false;
    char why[160];
    while (p < end) {
        if (b->good == b->cap_rows) {
            size_t nc = b->cap_rows ? b->cap_rows * 2 : 64;
            float *v = nc <= SIZE_MAX / sizeof(float) / dim ? realloc(b->vecs, nc * dim * sizeof(float))
                                                            : NULL;
            if (v) b->vecs = v;
            float *inv = v ? realloc(b->inv, nc * sizeof(float)) : NULL;
            if (!inv) {
                parsed_error(b, "out of memory");
                b->failed = true;
                return;
            }
            b->inv = inv;
            b->cap_rows = nc;
        }
        float *dst = b->vecs + b->good * dim;
        const char *word = NULL, *next = NULL;
        size_t wlen = 0;
        int st;
        if (fast(p, end, dim, dst, &word, &wlen, &next, &b->crlf)) {
            st = ROW_OK;
        } else {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *eol = nl ? nl : end;
            next = nl ? nl + 1 : end;
            st = parse_row(p, eol, dim, dst, &word, &wlen, why, sizeof why);
            if (eol > p && eol[-1] == '\r') b->crlf = true;
        }
        if (st == ROW_OK && memchr(word, '\0', wlen)) {
            snprintf(why, sizeof why, "the word contains a NUL byte");
            st = ROW_BAD;
        }
        if (st == ROW_OK) {
            if (wordbuf_add(&b->words, word, wlen)) {
                parsed_error(b, "out of memory");
                b->failed = true;
                return;
            }
            b->good++;
        } else if (st == ROW_BAD) {
            parsed_error(b, why);
            if (!skip_bad) {
                b->failed = true;
                /* blocks end after a newline except the data's last one */
                b->cut = next == end && next > p && next[-1] != '\n';
                return;
            }
            b->skipped++;
        }
        /* the parse's loads form one dependency chain: ask for the text a
         * row ahead so it streams in while this one is parsed (the hardware
         * prefetcher stops at every 4 KB page of the mapping) */
        size_t rl = (size_t)(next - p);
        const char *ahead = next + rl;
        for (size_t i = 0; i < rl && ahead + i < end; i += 64) __builtin_prefetch(ahead + i);
        p = next;
        b->lines++;
    }
    /* the norms while the rows are in cache, not in a pass over the table */
    table_row_inv_norms(b->vecs, b->good, dim, b->inv);
}

/* What the threads share; guarded by mu. */
struct pipeline {
    pthread_mutex_t mu;
    pthread_cond_t turn;      /* a block was committed or a buffer freed */
    size_t next;              /* the block to commit next */
    bool stop;                /* an error or Ctrl-C: everyone leaves */
    int rc;
    embx_err *e;
    const char *path;
    embx_table *t;
    float *inv;               /* the rows' inverse norms, t->cap of them */
    bool growable;            /* the matrix may move: copy under the lock */
    struct wordbuf words;
    size_t rows, skipped, lines, first_line;
    struct read_report *r;
    progress *pg;             /* NULL when quiet */
    double done;              /* bytes committed */
    /* npool parse buffers: a block in flight holds one, so at most npool
     * blocks are between being taken and being committed, and block k
     * waits in ring[k % npool] */
    struct parsed *all, **free, **ring;
    size_t npool, nfree;
    bool stream_err;          /* the stream failed after block stream_err_k - 1 */
    size_t stream_err_k;
    char stream_msg[512];
};

/* Places block b (every earlier block is placed): its rows, words, counts
 * and its first error. Sets b->slot to the row where its rows go, or
 * SIZE_MAX when they need no copy (none, or copied here). Under mu. */
static void commit_block(struct pipeline *pl, struct parsed *b)
{
    size_t dim = pl->t->dim;
    size_t line0 = pl->first_line + pl->lines;
    b->slot = SIZE_MAX;
    if (b->failed) {
        pl->rc = err_bad_row(pl->e, pl->path, line0 + b->err_line - 1, b->err, b->cut, pl->rows + b->good);
        pl->stop = true;
        return;
    }
    if (b->skipped) {
        pl->skipped += b->skipped;
        fill_report(pl->r, pl->skipped, pl->path, line0 + b->err_line - 1, b->err);
    }
    if (b->crlf) pl->r->crlf = true;
    pl->t->n = pl->rows; /* the rows a growing matrix must keep */
    if (pl->rows + b->good > pl->t->cap) {
        size_t want = pl->t->cap * 2 > pl->rows + b->good ? pl->t->cap * 2 : pl->rows + b->good;
        float *inv = pl->growable ? realloc(pl->inv, want * sizeof(float)) : NULL;
        if (inv) pl->inv = inv;
        if (!inv || table_reserve(pl->t, want, pl->e)) {
            if (pl->growable && !inv) err_set(pl->e, "out of memory");
            if (!pl->growable) err_set(pl->e, "%s: more rows than the file can hold", pl->path);
            pl->rc = EMBX_ERR;
            pl->stop = true;
            return;
        }
    }
    if (b->words.len) {
        if (wordbuf_add(&pl->words, b->words.p, b->words.len - 1)) { /* keeps the blob's NULs */
            pl->rc = err_set(pl->e, "out of memory");
            pl->stop = true;
            return;
        }
    }
    size_t slot = pl->rows;
    pl->rows += b->good;
    pl->lines += b->lines;
    pl->done += (double)b->bytes;
    if (pl->pg) progress_update(pl->pg, pl->done, NULL);
    if (!b->good) return;
    if (pl->growable) {
        memcpy(pl->t->vecs + slot * dim, b->vecs, b->good * dim * sizeof(float));
        memcpy(pl->inv + slot, b->inv, b->good * sizeof(float));
    } else {
        b->slot = slot;
    }
}

/* A free parse buffer, waiting for one while all are in flight; NULL once
 * the pipeline stopped. */
static struct parsed *pipeline_buffer(struct pipeline *pl)
{
    pthread_mutex_lock(&pl->mu);
    while (pl->nfree == 0 && !pl->stop) pthread_cond_wait(&pl->turn, &pl->mu);
    struct parsed *b = pl->stop ? NULL : pl->free[--pl->nfree];
    pthread_mutex_unlock(&pl->mu);
    return b;
}

static void pipeline_unused(struct pipeline *pl, struct parsed *b)
{
    pthread_mutex_lock(&pl->mu);
    pl->free[pl->nfree++] = b;
    pthread_cond_broadcast(&pl->turn);
    pthread_mutex_unlock(&pl->mu);
}

/* Hands in parsed block b (NULL: only the stream's error, if any, is due)
 * and commits every block whose turn has come; the rows of those committed
 * here are copied into the table outside the lock, then their buffers go
 * back to the pool. */
static void pipeline_publish(struct pipeline *pl, struct parsed *b)
{
    struct parsed *done[64];
    size_t nd = 0;
    pthread_mutex_lock(&pl->mu);
    if (b) pl->ring[b->k % pl->npool] = b;
    while (!pl->stop && nd < sizeof done / sizeof done[0]) {
        if (pl->stream_err && pl->next == pl->stream_err_k) {
            pl->rc = err_set(pl->e, "%s:%zu: %s", pl->path, pl->first_line + pl->lines, pl->stream_msg);
            pl->stop = true;
            break;
        }
        struct parsed *c = pl->ring[pl->next % pl->npool];
        if (!c || c->k != pl->next) break;
        pl->ring[pl->next % pl->npool] = NULL;
        commit_block(pl, c);
        done[nd++] = c;
        if (!pl->stop) pl->next++;
    }
    pthread_cond_broadcast(&pl->turn);
    pthread_mutex_unlock(&pl->mu);
    if (nd == 0) return;
    size_t dim = pl->t->dim;
    for (size_t i = 0; i < nd; i++)
        if (done[i]->slot != SIZE_MAX) {
            memcpy(pl->t->vecs + done[i]->slot * dim, done[i]->vecs, done[i]->good * dim * sizeof(float));
            memcpy(pl->inv + done[i]->slot, done[i]->inv, done[i]->good * sizeof(float));
        }
    pthread_mutex_lock(&pl->mu);
    for (size_t i = 0; i < nd; i++) pl->free[pl->nfree++] = done[i];
    pthread_cond_broadcast(&pl->turn);
    pthread_mutex_unlock(&pl->mu);
}

static void pipeline_stop(struct pipeline *pl, int rc)
{
    pthread_mutex_lock(&pl->mu);
    if (!pl->stop) {
        pl->stop = true;
        pl->rc = rc == EMBX_CANCELLED ? err_cancelled(pl->e) : rc;
    }
    pthread_cond_broadcast(&pl->turn);
    pthread_mutex_unlock(&pl->mu);
}

static bool pipeline_stopped(struct pipeline *pl)
{
    pthread_mutex_lock(&pl->mu);
    bool s = pl->stop;
    pthread_mutex_unlock(&pl->mu);
    return s;
}

/* Start of the line that holds byte `at` of [data, data+len) cut at block
 * boundaries: the byte after the first newline at or after at-1. */
static size_t block_start(const char *data, size_t len, size_t at)
{
    if (at == 0) return 0;
    if (at >= len) return len;
    const char *nl = memchr(data + at - 1, '\n', len - (at - 1));
    return nl ? (size_t)(nl - data) + 1 : len;
}

/* The rows of a plain file (mapped: blocks are slices of the mapping) or a
 * stream (blocks come from the decompressing thread). */
static int read_blocks(fmt_input *in, const struct fmt_header *h, size_t dim,
                       const struct read_opts *o, embx_table **out, struct read_report *r,
                       embx_err *e)
{
    const char *path = in->path;
    bool stream = in->gz;
    const char *data = (const char *)in->data + in->pos;
    size_t len = stream ? 0 : in->len - in->pos;
    size_t first_line = h->present ? 2 : 1;
    if (!stream && o->limit) len = limit_end(data, len, o->limit);
    int nthreads = threads_for(o);
    if (!stream && len < (4u << 20)) nthreads = 1;

    /* the first row is checked before anything sized by D is allocated */
    if (stream) {
        for (size_t want = 1u << 20;; want *= 2) {
            size_t have = input_fill(in, want, e);
            if (have == (size_t)-1) {
                err_prefix(e, "%s:%zu", path, first_line);
                return EMBX_ERR;
            }
            const char *p = (const char *)in->data + in->pos, *end = p + have, *q = p;
            while (q < end && (blank(*q) || *q == '\r' || *q == '\n')) q++;
            if (in->eof || (q < end && memchr(q, '\n', (size_t)(end - q)))) {
                int rc = check_first_row(path, p, end, first_line, dim,
                                         o->skip_bad && dim <= (1u << 24), e);
                if (rc) return rc;
                break;
            }
        }
    } else {
        int rc = check_first_row(path, data, data + len, first_line, dim,
                                 o->skip_bad && dim <= (1u << 24), e);
        if (rc) return rc;
    }

    /* A valid row holds a word and D blank-separated values: a mapped file
     * cannot have more rows than this, so the matrix is reserved at that
     * size (pages never written are never committed). Streams grow it. */
    embx_table *t = NULL;
    bool growable = stream;
    if (!stream) {
        embx_err scratch;
        t = table_create(len / (2 * dim + 1) + 1, dim, &scratch);
        if (!t) growable = true;
    }
    if (!t) {
        size_t cap = 1u << 14;
        if (h->present && h->n < cap) cap = h->n ? (size_t)h->n : 1;
        if (cap > (1u << 26) / dim) cap = (1u << 26) / dim ? (1u << 26) / dim : 1;
        if (h->present && h->n > cap && (double)h->n * (double)dim * 4.0 <= 4294967296.0)
            cap = (size_t)h->n;
        t = table_create(cap, dim, e);
        if (!t) return EMBX_ERR;
    }

    input_blocks *ib = NULL;
    if (stream && input_blocks_start(in, BLOCK_BYTES, 2 * nthreads + 2, &ib, e)) {
        table_free(t);
        return EMBX_ERR;
    }
    struct pipeline pl = {.e = e, .path = path, .t = t, .growable = growable,
                          .first_line = first_line, .r = r, .rc = EMBX_OK};
    pl.inv = malloc((t->cap ? t->cap : 1) * sizeof(float));
    /* two blocks per thread and two more in flight: a thread whose block
     * must wait for an earlier one parses the next meanwhile */
    pl.npool = 2 * (size_t)nthreads + 2 < 64 ? 2 * (size_t)nthreads + 2 : 64;
    pl.all = calloc(pl.npool, sizeof *pl.all);
    pl.free = calloc(pl.npool, sizeof *pl.free);
    pl.ring = calloc(pl.npool, sizeof *pl.ring);
    if (!pl.all || !pl.free || !pl.ring || !pl.inv) {
        free(pl.inv);
        free(pl.all);
        free(pl.free);
        free(pl.ring);
        input_blocks_stop(ib);
        table_free(t);
        return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < pl.npool; i++) pl.free[pl.nfree++] = &pl.all[i];
    pthread_mutex_init(&pl.mu, NULL);
    pthread_cond_init(&pl.turn, NULL);
    progress pg;
    if (!o->quiet) {
        progress_start(&pg, "reading", (double)len);
        pl.pg = &pg;
    }
    size_t nblocks = stream ? 0 : (len + BLOCK_BYTES - 1) / BLOCK_BYTES;
    size_t taken = 0;  /* plain files: next block to take */
    textrow_fn fast = textrow_best();

    #pragma omp parallel num_threads(nthreads)
    {
        for (;;) {
            if (progress_cancelled()) {
                pipeline_stop(&pl, EMBX_CANCELLED);
                break;
            }
            /* a buffer first, then a block: the block due next always
             * has one, so the pool cannot run dry waiting for it */
            struct parsed *b = pipeline_buffer(&pl);
            if (!b) break;
            size_t k;
            const char *p, *end;
            if (stream) {
                size_t blen;
                embx_err ge;
                int g = input_blocks_next(ib, &p, &blen, &k, &ge);
                if (g <= 0) {
                    if (g < 0) {
                        pthread_mutex_lock(&pl.mu);
                        if (!pl.stream_err) {
                            pl.stream_err = true;
                            pl.stream_err_k = k;
                            snprintf(pl.stream_msg, sizeof pl.stream_msg, "%s", ge.msg);
                        }
                        pthread_mutex_unlock(&pl.mu);
                        pipeline_publish(&pl, NULL);
                    }
                    pipeline_unused(&pl, b);
                    break;
                }
                end = p + blen;
            } else {
                k = __atomic_fetch_add(&taken, 1, __ATOMIC_RELAXED);
                if (k >= nblocks) {
                    pipeline_unused(&pl, b);
                    break;
                }
                size_t b0 = block_start(data, len, k * BLOCK_BYTES);
                size_t b1 = block_start(data, len, (k + 1) * BLOCK_BYTES);
                p = data + b0;
                end = data + (b1 > b0 ? b1 : b0);
                input_prefault(in, (size_t)(p - (const char *)in->data),
                               (size_t)(end - (const char *)in->data));
            }
            parse_block(p, end, dim, o->skip_bad, fast, b);
            b->k = k;
            b->bytes = (size_t)(end - p);
            /* the block's words and values are copied out: its text can go */
            if (stream) input_blocks_release(ib, k);
            else
                input_release(in, (size_t)(p - (const char *)in->data),
                              (size_t)(end - (const char *)in->data));
            pipeline_publish(&pl, b);
        }
        if (stream && pipeline_stopped(&pl)) input_blocks_cancel(ib);
    }
    input_blocks_stop(ib);
    if (pl.pg) progress_finish(&pg);
    pthread_cond_destroy(&pl.turn);
    pthread_mutex_destroy(&pl.mu);
    for (size_t i = 0; i < pl.npool; i++) {
        free(pl.all[i].vecs);
        free(pl.all[i].inv);
        free(pl.all[i].words.p);
    }
    free(pl.all);
    free(pl.free);
    free(pl.ring);

    int rc = pl.rc;
    if (rc == EMBX_OK) {
        t->n = pl.rows;
        if (pl.rows == 0) rc = err_no_rows(path, pl.skipped, h, r, e);
    }
    if (rc == EMBX_OK) rc = header_rows_check(path, h, o, pl.rows + pl.skipped, r, e);
    if (rc == EMBX_OK) {
        t->inv_norms = pl.inv; /* the table's now (table_finish keeps them) */
        t->norms_owned = true;
        pl.inv = NULL;
        rc = finish_table(t, pl.words.p, pl.words.len, r, e);
        pl.words.p = NULL;
    }
    free(pl.inv);
    free(pl.words.p);
    if (rc == EMBX_OK) {
        r->skipped = pl.skipped;
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
    /* each row is cut at its line end here, where the SIMD parsers (which
     * read past it) never take one */
    textrow_fn fast = textrow_parse_portable;
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
        int st = fast(p, eol, dim, t->vecs + t->n * dim, &word, &wlen, &next, &r->crlf)
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
    /* a stream cut short by --limit keeps the simple one-thread reader */
    return in->gz && o->limit ? read_stream(in, h, dim, o, out, r, e)
                              : read_blocks(in, h, dim, o, out, r, e);
}
