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
        long x = lrintf(v[j] * mult * inv);
        out[j] = (int8_t)(x > 127 ? 127 : x < -127 ? -127 : x);
    }
    return s;
}

int quant_build(const embx_table *t, int threads, struct quant **out, embx_err *e)
{
    *out = NULL;
    struct quant *qz = calloc(1, sizeof *qz);
    if (!qz) return err_set(e, "out of memory");
    qz->q = malloc(t->n * t->dim + 1);
    qz->scale = malloc(sizeof(float) * (t->n + 1));
    if (!qz->q || !qz->scale) {
        quant_free(qz);
        return err_set(e, "out of memory for the int8 copy (%zu MB)", t->n * t->dim >> 20);
    }
    int nt = pick_threads(threads, t->n * t->dim);
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(static, 1024)
#endif
    for (size_t i = 0; i < t->n; i++)
        qz->scale[i] = t->inv_norms[i] == 0.0f ? 0.0f
                     : quantize(table_row(t, i), t->inv_norms[i], t->dim, qz->q + i * t->dim);
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

size_t quant_memory(const struct quant *q) { return q ? q->n * q->dim + q->n * sizeof(float) : 0; }

void quant_free(struct quant *q)
{
    if (!q) return;
    free(q->q);
    free(q->scale);
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
