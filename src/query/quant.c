/* quant: int8 pre-scan with exact re-scoring (see quant.h). */
#include "config.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernels.h"
#include "quant.h"
#include "topk.h"
#ifdef _OPENMP
#include <omp.h>
#endif

struct quant {
    const embx_table *t;     /* what it was built from, to notice a new table */
    const float *vecs;
    size_t n, dim;
    uint64_t fingerprint;
    int8_t *q;               /* n x dim, row i = round(unit(row i) / scale[i]) */
    float *scale;            /* n; 0 for zero rows */
    float *err;              /* n; |unit(row i) - scale[i] q[i]|, rounded up */
};

enum {
    QBLOCK = 4096,
    PARALLEL_MIN = 1 << 21   /* int8 bytes below which one thread is faster */
};

/* Threads for `bytes` of int8 work when asked for `threads` (0 = all cores). */
static int pick_threads(int threads, size_t bytes)
{
#ifdef _OPENMP
    int n = threads > 0 ? threads : omp_get_num_procs();
    return bytes < PARALLEL_MIN || n < 1 ? 1 : n;
#else
    (void)threads; (void)bytes;
    return 1;
#endif
}

/* A hash of some of the matrix's values: a different table loaded at the
 * same address with the same shape is still noticed. */
static uint64_t fingerprint(const embx_table *t)
{
    uint64_t h = 1469598103934665603ULL;
    size_t total = t->n * t->dim, step = total / 257 + 1;
    for (size_t i = 0; i < total; i += step) {
        uint32_t bits;
        memcpy(&bits, &t->vecs[i], sizeof bits);
        h = (h ^ bits) * 1099511628211ULL;
    }
    return h;
}

#if defined(__SSE__)
#include <xmmintrin.h>
/* lrintf (the current rounding mode, nearest-even by default) without the
 * libm call, which was a sixth of building the copy; |x| <= 127.5 here. */
static inline long round_nearest(float x) { return _mm_cvtss_si32(_mm_set_ss(x)); }
#else
static inline long round_nearest(float x) { return lrintf(x); }
#endif

/* int8 quantization of v (dim floats) with the scale that maps the largest
 * magnitude to 127; returns the scale (0 for a zero vector). */
static float quantize(const float *v, float mult, size_t dim, int8_t *out)
{
    float m = 0;
    for (size_t j = 0; j < dim; j++) {
        float a = fabsf(v[j] * mult);
        if (a > m) m = a;
    }
    if (!(m > 0)) { memset(out, 0, dim); return 0.0f; }
    float s = m / 127.0f, inv = 1.0f / s;
    for (size_t j = 0; j < dim; j++) {
        long x = round_nearest(v[j] * mult * inv);
        out[j] = (int8_t)(x > 127 ? 127 : x < -127 ? -127 : x);
    }
    return s;
}

/* |v * mult - scale * q8| for the real product v * mult, rounded up to a
 * float: how far the int8 row is from the unit row. */
static float residual(const float *v, float mult, float scale, const int8_t *q8, size_t dim)
{
    double ss = 0;
    for (size_t j = 0; j < dim; j++) {
        double d = (double)v[j] * mult - (double)scale * q8[j];
        ss += d * d;
    }
    double r = sqrt(ss) * (1 + 1e-9) + 1e-12; /* the double sums' own error */
    float f = (float)r;
    return (double)f < r ? nextafterf(f, INFINITY) : f;
}

int quant_build(const embx_table *t, int threads, struct quant **out, embx_err *e)
{
    *out = NULL;
    struct quant *qz = calloc(1, sizeof *qz);
    if (!qz) return err_set(e, "out of memory");
    qz->q = malloc(t->n * t->dim + 1);
    qz->scale = malloc(sizeof(float) * (t->n + 1));
    qz->err = malloc(sizeof(float) * (t->n + 1));
    if (!qz->q || !qz->scale || !qz->err) {
        quant_free(qz);
        return err_set(e, "out of memory for the int8 copy (%zu MB)", t->n * t->dim >> 20);
    }
    int nt = pick_threads(threads, t->n * t->dim);
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(static, 1024)
#endif
    for (size_t i = 0; i < t->n; i++) {
        qz->scale[i] = t->inv_norms[i] == 0.0f ? 0.0f
                     : quantize(table_row(t, i), t->inv_norms[i], t->dim, qz->q + i * t->dim);
        qz->err[i] = qz->scale[i] == 0.0f ? 0.0f
                   : residual(table_row(t, i), t->inv_norms[i], qz->scale[i], qz->q + i * t->dim, t->dim);
    }
    qz->t = t;
    qz->vecs = t->vecs;
    qz->n = t->n;
    qz->dim = t->dim;
    qz->fingerprint = fingerprint(t);
    *out = qz;
    return EMBX_OK;
}

bool quant_matches(const struct quant *q, const embx_table *t)
{
    return q && t && q->t == t && q->vecs == t->vecs && q->n == t->n && q->dim == t->dim
        && q->fingerprint == fingerprint(t);
}

size_t quant_memory(const struct quant *q) { return q ? q->n * q->dim + 2 * q->n * sizeof(float) : 0; }

void quant_free(struct quant *q)
{
    if (!q) return;
    free(q->q);
    free(q->scale);
    free(q->err);
    free(q);
}

static bool excluded(size_t row, const size_t *ex, size_t nex)
{
    for (size_t i = 0; i < nex; i++)
        if (ex[i] == row) return true;
    return false;
}

static int by_row(const void *a, const void *b)
{
    const struct knn_hit *x = a, *y = b;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Offers the approximate scores of int8 rows [r0, r1) to ts: a streaming
 * kernel, then one compare per row against the running threshold. */
static void scan_q(const struct quant *qz, const struct kernels *kn, const int8_t *q8, size_t r0, size_t r1,
                   const size_t *exclude, size_t nexclude, struct topsel *ts)
{
    int32_t s[QBLOCK];
    size_t dim = qz->dim;
    for (size_t b = r0; b < r1; b += QBLOCK) {
        size_t nb = r1 - b < QBLOCK ? r1 - b : QBLOCK;
        kn->dot_i8(qz->q + b * dim, nb, dim, q8, s);
        const float *scale = qz->scale + b;
        for (size_t j = 0; j < nb; j++) {
            float approx = (float)s[j] * scale[j];
            if (!topsel_wants(ts, approx, b + j) || scale[j] == 0.0f) continue;   /* zero rows never match */
            if (nexclude && excluded(b + j, exclude, nexclude)) continue;
            topsel_add(ts, b + j, approx);
        }
    }
}

/* Buffer room per selection of `cand`: enough that the cuts back to cand
 * (each a pass over the buffer) are rare. */
static size_t sel_cap(size_t cand) { return 2 * cand + 256; }

int quant_query(const embx_table *t, const struct quant *qz, const float *q, size_t k, size_t cand,
                size_t limit, const size_t *exclude, size_t nexclude, int threads,
                struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    *nhits = 0;
    if (!quant_matches(qz, t)) return err_set(e, "the int8 copy is out of date");
    if (k == 0) return EMBX_OK;
    if (cand < k) cand = k;
    size_t rows = limit && limit < t->n ? limit : t->n, dim = t->dim;
    if (cand > rows) cand = rows;
    int nt = pick_threads(threads, rows * dim);
    const struct kernels *kn = kernels_best();
    size_t nblocks = (rows + QBLOCK - 1) / QBLOCK;
    if ((size_t)nt > nblocks) nt = (int)nblocks;
    if (nt < 1) nt = 1;
    int8_t *q8 = malloc(dim);
    size_t cap = sel_cap(cand);
    struct knn_hit *c = malloc(sizeof(*c) * cap * (size_t)nt);
    size_t *partn = calloc((size_t)nt, sizeof(size_t));
    size_t *crow = malloc(sizeof(size_t) * cand);
    int rc = EMBX_OK;
    if (!q8 || !c || !partn || !crow) { rc = err_set(e, "out of memory"); goto done; }
    double ss = 0;
    for (size_t j = 0; j < dim; j++) ss += (double)q[j] * q[j];
    if (!(ss > 0) || !isfinite(ss)) { rc = err_set(e, "the query vector is zero: it has no direction to compare with"); goto done; }
    quantize(q, (float)(1.0 / sqrt(ss)), dim, q8);

    /* Pass 1: approximate scores over the int8 copy, best `cand` kept; each
     * thread keeps its own best, merged after with the same tie rule. */
    if (nt == 1) {
        struct topsel ts;
        topsel_init(&ts, c, cap, cand);
        scan_q(qz, kn, q8, 0, rows, exclude, nexclude, &ts);
        partn[0] = topsel_finish(&ts);
    } else {
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
#endif
        {
#ifdef _OPENMP
            size_t tid = (size_t)omp_get_thread_num();
#else
            size_t tid = 0;
#endif
            struct topsel my;
            topsel_init(&my, c + cap * tid, cap, cand);
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 2)
#endif
            for (size_t blk = 0; blk < nblocks; blk++) {
                size_t r0 = blk * QBLOCK, r1 = r0 + QBLOCK < rows ? r0 + QBLOCK : rows;
                scan_q(qz, kn, q8, r0, r1, exclude, nexclude, &my);
            }
            partn[tid] = topsel_finish(&my);
        }
    }
    /* the threads' bests side by side (each moves down or stays), then the best cand of them */
    size_t m = 0;
    for (int i = 0; i < nt; i++) {
        memmove(c + m, c + cap * (size_t)i, sizeof(*c) * partn[i]);
        m += partn[i];
    }
    topk_select(c, m, cand);
    if (m > cand) m = cand;
    /* Pass 2: exact cosine of the candidates, in row order. */
    qsort(c, m, sizeof(*c), by_row);
    for (size_t i = 0; i < m; i++) crow[i] = c[i].row;
    rc = knn_query_rows(t, q, crow, m, k, threads, hits, nhits, e);
done:
    free(q8); free(c); free(partn); free(crow);
    return rc;
}

/* ---- exact top k through the int8 copy ----
 *
 * With u the unit query, v a unit row, û and v̂ their int8 versions, and
 * e = |v - v̂|, e_q = |u - û|:  |u.v - û.v̂| <= |u||v - v̂| + |u - û||v̂|
 * <= e + e_q (1 + e). The scan's float cosine f of the row is within
 * delta = (dim + 16) 2^-23 of u.v (a float dot of dim terms, two products).
 * So f lies in [a - B, a + B] with a = û.v̂ and B = e + e_q (1 + e) + delta
 * (plus margins for the unit vectors' own rounding). Any row whose upper
 * bound is below the k-th best lower bound cannot be among the k best: the
 * rest are scored exactly, as the scan scores them. */

/* One thread's share: its k best lower bounds so far, and the rows whose
 * upper bound reached the k-th of them when they were seen. */
struct bounds_sel {
    struct topk lo;
    size_t *rows;
    float *ub;
    size_t n, cap;
    bool oom;
};

static void bounds_add(struct bounds_sel *b, size_t row, float ub)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? 2 * b->cap : 1024;
        size_t *r = realloc(b->rows, nc * sizeof *r);
        if (r) b->rows = r;
        float *u = r ? realloc(b->ub, nc * sizeof *u) : NULL;
        if (!u) { b->oom = true; return; }
        b->ub = u;
        b->cap = nc;
    }
    b->rows[b->n] = row;
    b->ub[b->n++] = ub;
}

static void scan_bounds(const struct quant *qz, const struct kernels *kn, const int8_t *q8, double qs,
                        double eq, double delta, size_t r0, size_t r1, const size_t *exclude,
                        size_t nexclude, struct bounds_sel *b)
{
    int32_t s[QBLOCK];
    size_t dim = qz->dim;
    for (size_t blk = r0; blk < r1 && !b->oom; blk += QBLOCK) {
        size_t nb = r1 - blk < QBLOCK ? r1 - blk : QBLOCK;
        kn->dot_i8(qz->q + blk * dim, nb, dim, q8, s);
        for (size_t j = 0; j < nb; j++) {
            size_t row = blk + j;
            float scale = qz->scale[row];
            if (scale == 0.0f) continue;   /* zero rows never match */
            double a = (double)s[j] * scale * qs, ei = qz->err[row];
            double bound = ei * (1 + 1e-6) + (eq + 1e-6) * (1 + 1e-6 + ei) + delta + 1e-6;
            float ub = (float)(a + bound), lb = (float)(a - bound);
            float tau = b->lo.n < b->lo.k ? -INFINITY : b->lo.h[0].score;
            if (ub < tau) continue;
            if (nexclude && excluded(row, exclude, nexclude)) continue;
            bounds_add(b, row, ub);
            if (topk_wants(&b->lo, lb, row)) topk_push(&b->lo, row, lb);
        }
    }
}

static int by_score_desc(const void *x, const void *y)
{
    float a = *(const float *)x, b = *(const float *)y;
    return a > b ? -1 : a < b;
}

static int by_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

int quant_query_exact(const embx_table *t, const struct quant *qz, const float *q, size_t k, size_t limit,
                      const size_t *exclude, size_t nexclude, int threads, struct knn_hit *hits,
                      size_t *nhits, size_t *scored, embx_err *e)
{
    *nhits = 0;
    *scored = 0;
    if (!quant_matches(qz, t)) return err_set(e, "the int8 copy is out of date");
    size_t rows = limit && limit < t->n ? limit : t->n, dim = t->dim;
    if (k == 0 || rows == 0) return knn_query(t, q, k, limit, exclude, nexclude, threads, hits, nhits, e);
    double ss = 0;
    for (size_t j = 0; j < dim; j++) ss += (double)q[j] * q[j];
    if (!(ss > 0) || !isfinite(ss)) return err_set(e, "the query vector is zero: it has no direction to compare with");
    int8_t *q8 = malloc(dim);
    if (!q8) return err_set(e, "out of memory");
    double qinv = 1.0 / sqrt(ss);
    double qs = quantize(q, (float)qinv, dim, q8), eq2 = 0;
    for (size_t j = 0; j < dim; j++) {
        double d = q[j] * qinv - qs * q8[j];
        eq2 += d * d;
    }
    double eq = sqrt(eq2) * (1 + 1e-9) + 1e-6;   /* and the float unit query's distance from u */
    double delta = (double)(dim + 16) * 0x1p-23;
    int nt = pick_threads(threads, rows * dim);
    const struct kernels *kn = kernels_best();
    size_t nblocks = (rows + QBLOCK - 1) / QBLOCK;
    if ((size_t)nt > nblocks) nt = (int)nblocks;
    if (nt < 1) nt = 1;
    struct bounds_sel *sel = calloc((size_t)nt, sizeof *sel);
    struct knn_hit *lobuf = malloc(sizeof(*lobuf) * k * (size_t)nt);
    size_t *cand = NULL;
    float *los = NULL;
    int rc = EMBX_OK;
    if (!sel || !lobuf) { rc = err_set(e, "out of memory"); goto done; }
    for (int i = 0; i < nt; i++) topk_init(&sel[i].lo, lobuf + k * (size_t)i, k);
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(dynamic, 2)
#endif
    for (size_t blk = 0; blk < nblocks; blk++) {
#ifdef _OPENMP
        size_t tid = (size_t)omp_get_thread_num();
#else
        size_t tid = 0;
#endif
        size_t r0 = blk * QBLOCK, r1 = r0 + QBLOCK < rows ? r0 + QBLOCK : rows;
        scan_bounds(qz, kn, q8, qs, eq, delta, r0, r1, exclude, nexclude, &sel[tid]);
    }
    /* the k-th best lower bound of all */
    size_t nlo = 0, ncand = 0;
    for (int i = 0; i < nt; i++) {
        if (sel[i].oom) { rc = err_set(e, "out of memory"); goto done; }
        nlo += sel[i].lo.n;
        ncand += sel[i].n;
    }
    los = malloc(sizeof(float) * (nlo ? nlo : 1));
    cand = malloc(sizeof(size_t) * (ncand ? ncand : 1));
    if (!los || !cand) { rc = err_set(e, "out of memory"); goto done; }
    nlo = 0;
    for (int i = 0; i < nt; i++)
        for (size_t j = 0; j < sel[i].lo.n; j++) los[nlo++] = sel[i].lo.h[j].score;
    qsort(los, nlo, sizeof *los, by_score_desc);
    float tau = nlo >= k ? los[k - 1] : -INFINITY;
    size_t m = 0;
    for (int i = 0; i < nt; i++)
        for (size_t j = 0; j < sel[i].n; j++)
            if (sel[i].ub[j] >= tau) cand[m++] = sel[i].rows[j];
    /* the survivors in row order, scored as the scan scores them */
    qsort(cand, m, sizeof *cand, by_size);
    *scored = m;
    rc = knn_query_rows(t, q, cand, m, k, threads, hits, nhits, e);
done:
    if (sel)
        for (int i = 0; i < nt; i++) {
            free(sel[i].rows);
            free(sel[i].ub);
        }
    free(sel); free(lobuf); free(los); free(cand); free(q8);
    return rc;
}
