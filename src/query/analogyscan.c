/* analogyscan: batched analogies through shared words (see analogyscan.h). */
#include "config.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cblas.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "analogyscan.h"
#include "topk.h"

#ifdef HAVE_OPENBLAS
int openblas_get_num_threads(void);
void openblas_set_num_threads(int num_threads);
#endif

enum { BLOCK = 4096, WORD_CHUNK = 64 };

#define COSMUL_EPS 1e-6f

/* Slot of row r in the distinct-word list (open addressing, r+1 keys). */
struct wordmap {
    size_t *key, *val, n;
};

static size_t wm_slot(const struct wordmap *w, size_t r)
{
    size_t i = (r * 0x9E3779B97F4A7C15ULL) & (w->n - 1);
    while (w->key[i] && w->key[i] != r + 1) i = (i + 1) & (w->n - 1);
    return i;
}

int analogy_scan(const embx_table *t, const struct ascan_question *q, size_t m, size_t k,
                 size_t limit, int threads, struct knn_hit *hits_add, struct knn_hit *hits_mul,
                 progress *p, embx_err *e)
{
    if (!t || t->n == 0 || t->dim == 0) return err_set(e, "the table is empty");
    if (t->dim > INT32_MAX) return err_set(e, "dimension %zu is too large", t->dim);
    for (size_t i = 0; i < m * k; i++) {
        if (hits_add) { hits_add[i].row = SIZE_MAX; hits_add[i].score = 0.0f; }
        if (hits_mul) { hits_mul[i].row = SIZE_MAX; hits_mul[i].score = 0.0f; }
    }
    if (m == 0 || k == 0 || (!hits_add && !hits_mul)) return EMBX_OK;
    size_t rows = limit && limit < t->n ? limit : t->n, dim = t->dim;
    size_t kk = k < rows ? k : rows;

    /* distinct words, and each question's three as indices into them */
    struct wordmap wm = {0};
    wm.n = 16;
    while (wm.n < m * 6) wm.n *= 2;
    wm.key = calloc(wm.n, sizeof(size_t));
    wm.val = malloc(sizeof(size_t) * wm.n);
    size_t *qi = malloc(sizeof(size_t) * m * 3), *urow = malloc(sizeof(size_t) * m * 3 + 1);
    size_t nu = 0;
    float *U = NULL, *S = NULL;
    struct topk *ta = NULL, *tm = NULL;
    int rc = EMBX_OK;
    if (!wm.key || !wm.val || !qi || !urow) { rc = err_set(e, "out of memory"); goto done; }
    for (size_t i = 0; i < m; i++) {
        size_t r3[3] = {q[i].a, q[i].b, q[i].c};
        for (int j = 0; j < 3; j++) {
            if (r3[j] >= t->n) { rc = err_set(e, "analogy row %zu out of range", r3[j]); goto done; }
            size_t s = wm_slot(&wm, r3[j]);
            if (!wm.key[s]) { wm.key[s] = r3[j] + 1; wm.val[s] = nu; urow[nu++] = r3[j]; }
            qi[i * 3 + (size_t)j] = wm.val[s];
        }
    }
    /* unit copies of the distinct words (zero rows stay zero) */
    U = malloc(sizeof(float) * nu * dim);
    S = malloc(sizeof(float) * nu * BLOCK);
    ta = hits_add ? malloc(sizeof(*ta) * m) : NULL;
    tm = hits_mul ? malloc(sizeof(*tm) * m) : NULL;
    if (!U || !S || (hits_add && !ta) || (hits_mul && !tm)) { rc = err_set(e, "out of memory"); goto done; }
    for (size_t u = 0; u < nu; u++) {
        const float *src = table_row(t, urow[u]);
        float *dst = U + u * dim;
        double ss = 0;
        for (size_t j = 0; j < dim; j++) ss += (double)src[j] * src[j];
        float inv = ss > 0 && isfinite(ss) ? (float)(1.0 / sqrt(ss)) : 0.0f;
        for (size_t j = 0; j < dim; j++) dst[j] = src[j] * inv;
    }
    for (size_t i = 0; i < m; i++) {
        if (ta) topk_init(&ta[i], hits_add + i * k, kk);
        if (tm) topk_init(&tm[i], hits_mul + i * k, kk);
    }

    int nt = 1;
#ifdef _OPENMP
    nt = threads > 0 ? threads : omp_get_num_procs();
    if (nt < 1) nt = 1;
#else
    (void)threads;
#endif
#ifdef HAVE_OPENBLAS
    /* our threads each call BLAS on their own slice (see knn.c) */
    int saved = openblas_get_num_threads();
    if (saved != 1) openblas_set_num_threads(1);
#endif
    size_t nblocks = (rows + BLOCK - 1) / BLOCK, nwc = (nu + WORD_CHUNK - 1) / WORD_CHUNK;
    int stop = 0;
    if (p) progress_start(p, "analogies", (double)nblocks);
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) if (nt > 1)
#endif
    for (size_t blk = 0; blk < nblocks; blk++) {
#ifdef _OPENMP
#pragma omp single
#endif
        {
            if (progress_cancelled()) stop = 1;
            if (p) progress_update(p, (double)blk, NULL);
        }   /* implicit barrier: every thread sees the same stop */
        if (stop) break;
        size_t r0 = blk * BLOCK, nb = rows - r0 < BLOCK ? rows - r0 : BLOCK;
        const float *inv = t->inv_norms + r0;
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (size_t c = 0; c < nwc; c++) {
            size_t u0 = c * WORD_CHUNK, nuc = nu - u0 < WORD_CHUNK ? nu - u0 : WORD_CHUNK;
            float *Sc = S + u0 * nb;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)nuc, (int)nb, (int)dim,
                        1.0f, U + u0 * dim, (int)dim, t->vecs + r0 * dim, (int)dim, 0.0f, Sc, (int)nb);
            for (size_t u = 0; u < nuc; u++)
                for (size_t j = 0; j < nb; j++) Sc[u * nb + j] *= inv[j];
        }
#ifdef _OPENMP
#pragma omp for schedule(static)
#endif
        for (size_t i = 0; i < m; i++) {
            const float *sa = S + qi[i * 3] * nb, *sb = S + qi[i * 3 + 1] * nb, *sc = S + qi[i * 3 + 2] * nb;
            size_t xa = q[i].a, xb = q[i].b, xc = q[i].c;
            for (size_t j = 0; j < nb; j++) {
                if (inv[j] == 0.0f) continue;
                size_t r = r0 + j;
                if (ta) {
                    float s = sb[j] + sc[j] - sa[j];
                    if (topk_wants(&ta[i], s, r) && s == s && r != xa && r != xb && r != xc)
                        topk_push(&ta[i], r, s);
                }
                if (tm) {
                    float num = (1.0f + sb[j]) / 2.0f * ((1.0f + sc[j]) / 2.0f);
                    float s = num / ((1.0f + sa[j]) / 2.0f + COSMUL_EPS);
                    if (topk_wants(&tm[i], s, r) && s == s && r != xa && r != xb && r != xc)
                        topk_push(&tm[i], r, s);
                }
            }
        }
    }
#ifdef HAVE_OPENBLAS
    if (saved != 1) openblas_set_num_threads(saved);
#endif
    if (p) progress_finish(p);
    if (stop) { rc = err_cancelled(e); goto done; }
    for (size_t i = 0; i < m; i++) {
        if (ta) topk_sort(&ta[i]);
        if (tm) topk_sort(&tm[i]);
    }
done:
    free(wm.key); free(wm.val); free(qi); free(urow);
    free(U); free(S); free(ta); free(tm);
    return rc;
}
