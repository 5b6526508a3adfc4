/* quant: int8 pre-scan with exact re-scoring (see quant.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "quant.h"
#include "topk.h"

struct quant {
    const embx_table *t;     /* what it was built from, to notice a new table */
    const float *vecs;
    size_t n, dim;
    uint64_t fingerprint;
    int8_t *q;               /* n x dim, row i = round(unit(row i) / scale[i]) */
    float *scale;            /* n; 0 for zero rows */
};

enum { QBLOCK = 4096 };

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

int quant_build(const embx_table *t, struct quant **out, embx_err *e)
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

typedef int8_t v16c __attribute__((vector_size(16)));
typedef int16_t v16s __attribute__((vector_size(32)));
typedef int32_t v16i __attribute__((vector_size(64)));

/* Integer dot products of nb int8 rows with q8; products of two int8 fit in
 * int16, their sums are widened to int32. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx2", "default")))
#endif
static void dot_i8(const int8_t *rows, size_t nb, size_t dim, const int8_t *q8, int32_t *out)
{
    size_t d16 = dim / 16 * 16;
    for (size_t i = 0; i < nb; i++) {
        const int8_t *r = rows + i * dim;
        v16i acc = {0};
        for (size_t j = 0; j < d16; j += 16) {
            v16c a, b;
            memcpy(&a, r + j, 16);
            memcpy(&b, q8 + j, 16);
            v16s p = __builtin_convertvector(a, v16s) * __builtin_convertvector(b, v16s);
            acc += __builtin_convertvector(p, v16i);
        }
        int32_t s = 0;
        for (size_t j = d16; j < dim; j++) s += (int32_t)r[j] * q8[j];
        for (int k = 0; k < 16; k++) s += acc[k];
        out[i] = s;
    }
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

int quant_query(const embx_table *t, const struct quant *qz, const float *q, size_t k, size_t cand,
                size_t limit, const size_t *exclude, size_t nexclude,
                struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    *nhits = 0;
    if (!quant_matches(qz, t)) return err_set(e, "the int8 copy is out of date");
    if (k == 0) return EMBX_OK;
    if (cand < k) cand = k;
    size_t rows = limit && limit < t->n ? limit : t->n, dim = t->dim;
    int8_t *q8 = malloc(dim);
    struct knn_hit *c = malloc(sizeof(*c) * cand);
    size_t *crow = malloc(sizeof(size_t) * cand);
    int rc = EMBX_OK;
    if (!q8 || !c || !crow) { rc = err_set(e, "out of memory"); goto done; }
    double ss = 0;
    for (size_t j = 0; j < dim; j++) ss += (double)q[j] * q[j];
    if (!(ss > 0) || !isfinite(ss)) { rc = err_set(e, "the query vector is zero: it has no direction to compare with"); goto done; }
    quantize(q, (float)(1.0 / sqrt(ss)), dim, q8);

    /* Pass 1: approximate scores over the int8 copy, best `cand` kept. */
    struct topk tk;
    topk_init(&tk, c, cand);
    int32_t s[QBLOCK];
    for (size_t r0 = 0; r0 < rows; r0 += QBLOCK) {
        size_t nb = rows - r0 < QBLOCK ? rows - r0 : QBLOCK;
        dot_i8(qz->q + r0 * dim, nb, dim, q8, s);
        for (size_t j = 0; j < nb; j++) {
            float sc = qz->scale[r0 + j];
            if (sc == 0.0f) continue;
            float approx = (float)s[j] * sc;
            if (!topk_wants(&tk, approx, r0 + j)) continue;
            if (nexclude && excluded(r0 + j, exclude, nexclude)) continue;
            topk_push(&tk, r0 + j, approx);
        }
    }
    /* Pass 2: exact cosine of the candidates, in row order. */
    qsort(c, tk.n, sizeof(*c), by_row);
    for (size_t i = 0; i < tk.n; i++) crow[i] = c[i].row;
    rc = knn_query_rows(t, q, crow, tk.n, k, hits, nhits, e);
done:
    free(q8); free(c); free(crow);
    return rc;
}
