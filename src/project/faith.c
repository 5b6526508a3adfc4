/* faith: trustworthiness and kNN preservation of a 2-D layout (see faith.h).
 *
 * Full-space distances come from BLAS sgemm in row blocks; ranks are needed
 * only for the map neighbours that are not true neighbours, so each is
 * counted by one pass over the row instead of sorting it. Per-point terms are
 * stored and summed in order, so the result does not depend on threads. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdint.h>
#include <gsl/gsl_cblas.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "faith.h"
#include "rng.h"
#include "topk.h"

void faith_opts_init(struct faith_opts *o)
{
    memset(o, 0, sizeof *o);
    o->k = 10;
    o->max_sample = 5000;
    o->cosine = true;
    o->seed = 1;
}

/* Sorted seeded sample of s of the indices 0..n-1 (partial Fisher-Yates). */
static size_t *sample_indices(size_t n, size_t s, unsigned long seed)
{
    size_t *perm = malloc(sizeof(size_t) * n);
    if (!perm) return NULL;
    for (size_t i = 0; i < n; i++) perm[i] = i;
    uint64_t st = rng_mix(seed ^ 0xfa17);
    for (size_t i = 0; i < s; i++) {
        st = rng_mix(st);
        size_t j = i + (size_t)(st % (uint64_t)(n - i));
        size_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    size_t *out = realloc(perm, sizeof(size_t) * (s ? s : 1));
    if (!out) { free(perm); return NULL; }
    /* insertion into order: s is at most a few thousand */
    for (size_t i = 1; i < s; i++) {
        size_t v = out[i], j = i;
        while (j > 0 && out[j - 1] > v) { out[j] = out[j - 1]; j--; }
        out[j] = v;
    }
    return out;
}

int faith_score(const float *X, size_t ld, size_t dim, const size_t *rows, size_t n,
                const double *Y, const struct faith_opts *o, struct faith *out,
                double *point_pres, embx_err *e)
{
    memset(out, 0, sizeof *out);
    if (n < 4) return err_set(e, "faithfulness needs at least 4 points, got %zu", n);
    if (o->k < 1 || o->k > FAITH_MAX_K) return err_set(e, "faithfulness k must be 1..%d, got %zu", FAITH_MAX_K, o->k);
    size_t s = o->max_sample && n > o->max_sample ? o->max_sample : n;
    if (s < 4) s = n < 4 ? n : 4;
    /* Trustworthiness normalises by 2n - 3k - 1, which must stay positive. */
    size_t k = o->k;
    while (k > 1 && (k >= s - 1 || 2 * s < 3 * k + 2)) k--;
    int nt = o->threads;
#ifdef _OPENMP
    if (nt <= 0) nt = omp_get_max_threads();
#else
    nt = 1;
#endif
    enum { B = 256 };
    size_t *idx = s < n ? sample_indices(n, s, o->seed) : NULL;
    float *A = malloc(sizeof(float) * s * dim);
    float *sq = malloc(sizeof(float) * s);
    float *G = malloc(sizeof(float) * B * s);
    double *pen = malloc(sizeof(double) * s), *pres = malloc(sizeof(double) * s);
    int rc = EMBX_ERR;
    if ((s < n && !idx) || !A || !sq || !G || !pen || !pres) {
        err_set(e, "out of memory for the faithfulness of %zu points", s);
        goto done;
    }
    for (size_t a = 0; a < s; a++) {
        size_t i = idx ? idx[a] : a;
        const float *x = X + (rows ? rows[i] : i) * ld;
        double q = 0.0;
        for (size_t j = 0; j < dim; j++) q += (double)x[j] * x[j];
        float scale = o->cosine && q > 0.0 ? (float)(1.0 / sqrt(q)) : 1.0f;
        float *y = A + a * dim;
        double q2 = 0.0;
        for (size_t j = 0; j < dim; j++) { y[j] = x[j] * scale; q2 += (double)y[j] * y[j]; }
        sq[a] = (float)q2;
    }
    for (size_t b0 = 0; b0 < s; b0 += B) {
        size_t bn = s - b0 < B ? s - b0 : B;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)bn, (int)s, (int)dim,
                    1.0f, A + b0 * dim, (int)dim, A, (int)dim, 0.0f, G, (int)s);
        #pragma omp parallel for num_threads(nt) schedule(dynamic, 8)
        for (size_t r = 0; r < bn; r++) {
            size_t a = b0 + r;
            float *d = G + r * s;
            struct knn_hit hb[FAITH_MAX_K], lb[FAITH_MAX_K];
            struct topk hi, lo;
            topk_init(&hi, hb, k);
            topk_init(&lo, lb, k);
            size_t ia = idx ? idx[a] : a;
            double xa = Y[2 * ia], ya = Y[2 * ia + 1];
            for (size_t j = 0; j < s; j++) {
                /* squared distance; rounding may make it slightly negative */
                float dj = sq[a] + sq[j] - 2.0f * d[j];
                d[j] = dj < 0.0f ? 0.0f : dj;
                if (j == a) continue;
                if (topk_wants(&hi, -d[j], j)) topk_push(&hi, j, -d[j]);
                size_t ij = idx ? idx[j] : j;
                double dx = Y[2 * ij] - xa, dy = Y[2 * ij + 1] - ya;
                float dl = (float)(dx * dx + dy * dy);
                if (topk_wants(&lo, -dl, j)) topk_push(&lo, j, -dl);
            }
            double p = 0.0;
            size_t common = 0;
            for (size_t c = 0; c < lo.n; c++) {
                size_t j = lo.h[c].row;
                bool in = false;
                for (size_t m = 0; m < hi.n && !in; m++) in = hi.h[m].row == j;
                if (in) { common++; continue; }
                /* rank of j among a's full-space neighbours (1 = nearest) */
                size_t rank = 1;
                float dj = d[j];
                for (size_t m = 0; m < s; m++)
                    if (m != a && m != j && (d[m] < dj || (d[m] == dj && m < j))) rank++;
                p += (double)(rank - k);
            }
            pen[a] = p;
            pres[a] = (double)common / (double)k;
        }
        if (progress_cancelled()) { rc = err_cancelled(e); goto done; }
    }
    double tp = 0.0, tq = 0.0;
    for (size_t a = 0; a < s; a++) { tp += pen[a]; tq += pres[a]; }
    double ds = (double)s, dk = (double)k;
    out->trust = 1.0 - 2.0 / (ds * dk * (2.0 * ds - 3.0 * dk - 1.0)) * tp;
    out->preservation = tq / ds;
    out->k = k;
    out->points = s;
    out->sampled = s < n;
    if (point_pres) {
        for (size_t i = 0; i < n; i++) point_pres[i] = NAN;
        for (size_t a = 0; a < s; a++) point_pres[idx ? idx[a] : a] = pres[a];
    }
    rc = EMBX_OK;
done:
    free(idx); free(A); free(sq); free(G); free(pen); free(pres);
    return rc;
}
