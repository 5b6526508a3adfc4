/* knngraph: exact or NN-descent neighbour graphs (see knngraph.h). */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>
#include <time.h>
#include <gsl/gsl_cblas.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "knngraph.h"
#include "rng.h"
#include "nndescent.h"
#include "topk.h"

void knngraph_opts_init(struct knngraph_opts *o)
{
    memset(o, 0, sizeof *o);
    o->k = 15;
    o->metric = KNNG_COSINE;
    o->method = KNNG_AUTO;
    o->exact_max = KNNGRAPH_EXACT_MAX;
    o->recall_sample = 200;
    o->seed = 1;
}

enum knngraph_method knngraph_resolve(const struct knngraph_opts *o, size_t n, size_t *k)
{
    *k = o->k < n - 1 ? o->k : n - 1;
    enum knngraph_method method = o->method;
    /* The exact search costs ~n^2 whatever k; NN-descent's local joins grow
       with k (on 2 cores, 100,000 x 300: exact 88 s; NN-descent 36 s for 14
       neighbours at recall 0.32, 326 s for t-SNE's 91 at recall 0.78), so
       the exact range widens with k. */
    if (method == KNNG_AUTO) {
        size_t widen = *k > 15 ? *k / 15 : 1;
        method = n <= o->exact_max * widen ? KNNG_EXACT : KNNG_NNDESCENT;
    }
    /* NN-descent needs more points than neighbours with room to move */
    if (method == KNNG_NNDESCENT && n <= 2 * *k + 2) method = KNNG_EXACT;
    return method;
}

static int resolve_threads(int t)
{
#ifdef _OPENMP
    return t > 0 ? t : omp_get_max_threads();
#else
    (void)t;
    return 1;
#endif
}

/* Exact neighbours of the m query rows qrows[] (NULL = all n) among all n
 * rows: sgemm over blocks, a heap per query. Distances as in knngraph.h. */
static int exact_search(const float *X, size_t n, size_t dim, bool cosine, const size_t *qrows,
                        size_t m, size_t k, int nt, progress *prog, size_t *nbr, float *d2, embx_err *e)
{
    enum { QB = 512, RB = 2048 };
    float *sq = malloc(sizeof(float) * n), *inv = malloc(sizeof(float) * n);
    float *Q = malloc(sizeof(float) * QB * dim);
    float *G = malloc(sizeof(float) * QB * RB);
    struct knn_hit *hb = malloc(sizeof *hb * QB * k);
    struct topk *heaps = malloc(sizeof *heaps * QB);
    int rc = EMBX_OK;
    if (!sq || !inv || !Q || !G || !hb || !heaps) {
        rc = err_set(e, "out of memory for the neighbour search of %zu points", n);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t j = 0; j < dim; j++) s += (double)X[i * dim + j] * X[i * dim + j];
        sq[i] = (float)s;
        inv[i] = s > 0.0 ? (float)(1.0 / sqrt(s)) : 0.0f;
    }
    for (size_t q0 = 0; q0 < m; q0 += QB) {
        size_t qn = m - q0 < QB ? m - q0 : QB;
        for (size_t a = 0; a < qn; a++) {
            size_t qi = qrows ? qrows[q0 + a] : q0 + a;
            memcpy(Q + a * dim, X + qi * dim, sizeof(float) * dim);
            topk_init(&heaps[a], hb + a * k, k);
        }
        for (size_t r0 = 0; r0 < n; r0 += RB) {
            size_t rn = n - r0 < RB ? n - r0 : RB;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)qn, (int)rn, (int)dim,
                        1.0f, Q, (int)dim, X + r0 * dim, (int)dim, 0.0f, G, (int)rn);
            #pragma omp parallel for num_threads(nt) schedule(static)
            for (size_t a = 0; a < qn; a++) {
                size_t qi = qrows ? qrows[q0 + a] : q0 + a;
                const float *g = G + a * rn;
                for (size_t b = 0; b < rn; b++) {
                    size_t j = r0 + b;
                    if (j == qi) continue;
                    float d = cosine ? 2.0f - 2.0f * g[b] * inv[qi] * inv[j] : sq[qi] + sq[j] - 2.0f * g[b];
                    if (d < 0.0f) d = 0.0f;
                    if (topk_wants(&heaps[a], -d, j)) topk_push(&heaps[a], j, -d);
                }
            }
        }
        for (size_t a = 0; a < qn; a++) {
            topk_sort(&heaps[a]);
            for (size_t c = 0; c < k; c++) {
                bool ok = c < heaps[a].n;
                nbr[(q0 + a) * k + c] = ok ? heaps[a].h[c].row : SIZE_MAX;
                if (d2) d2[(q0 + a) * k + c] = ok ? -heaps[a].h[c].score : INFINITY;
            }
        }
        if (prog) progress_update(prog, (double)(q0 + qn), NULL);
        if (progress_cancelled()) { rc = err_cancelled(e); break; }
    }
done:
    free(sq); free(inv); free(Q); free(G); free(hb); free(heaps);
    return rc;
}

/* Recall of g against exact search: the mean share of the exact k nearest
 * neighbours found, over m seeded sample points (m >= n: all points). */
static int knngraph_recall(const struct knngraph *g, const float *X, size_t dim, size_t m,
                    unsigned long seed, int threads, double *recall, embx_err *e)
{
    size_t n = g->n, k = g->k;
    if (m > n) m = n;
    if (m == 0 || k == 0) { *recall = 1.0; return EMBX_OK; }
    size_t *q = malloc(sizeof(size_t) * n);
    size_t *ex = malloc(sizeof(size_t) * m * k);
    if (!q || !ex) { free(q); free(ex); return err_set(e, "out of memory for the recall check"); }
    for (size_t i = 0; i < n; i++) q[i] = i;
    uint64_t st = rng_mix(seed ^ 0x4ec411);
    if (m < n)
        for (size_t i = 0; i < m; i++) {
            st = rng_mix(st);
            size_t j = i + (size_t)(st % (uint64_t)(n - i));
            size_t t = q[i]; q[i] = q[j]; q[j] = t;
        }
    int rc = exact_search(X, n, dim, g->metric == KNNG_COSINE, q, m, k, resolve_threads(threads),
                          NULL, ex, NULL, e);
    if (rc == EMBX_OK) {
        size_t found = 0, total = 0;
        for (size_t a = 0; a < m; a++) {
            const size_t *ap = g->nbr + q[a] * k, *xp = ex + a * k;
            for (size_t c = 0; c < k; c++) {
                if (xp[c] == SIZE_MAX) continue;
                total++;
                for (size_t d = 0; d < k; d++) if (ap[d] == xp[c]) { found++; break; }
            }
        }
        *recall = total ? (double)found / (double)total : 1.0;
    }
    free(q); free(ex);
    return rc;
}

int knngraph_build(const float *X, size_t n, size_t dim, const struct knngraph_opts *o,
                   struct knngraph **out, embx_err *e)
{
    *out = NULL;
    if (n < 2) return err_set(e, "a neighbour graph needs at least 2 points, got %zu", n);
    size_t k;
    enum knngraph_method method = knngraph_resolve(o, n, &k);
    if (k < 1) return err_set(e, "a neighbour graph needs at least 1 neighbour");
    int nt = resolve_threads(o->threads);
    double t0 = progress_now();
    struct knngraph *g = calloc(1, sizeof *g);
    if (!g) return err_set(e, "out of memory for the neighbour graph");
    g->n = n; g->k = k; g->metric = o->metric;
    g->nbr = malloc(sizeof(size_t) * n * k);
    g->d2 = malloc(sizeof(float) * n * k);
    if (!g->nbr || !g->d2) { knngraph_free(g); return err_set(e, "out of memory for the neighbour graph of %zu points", n); }
    bool cosine = o->metric == KNNG_COSINE;
    int rc;
    if (o->prog) progress_start(o->prog, method == KNNG_EXACT ? "neighbours" : "NN-descent",
                                method == KNNG_EXACT ? (double)n : 12.0);
    if (method == KNNG_EXACT) {
        rc = exact_search(X, n, dim, cosine, NULL, n, k, nt, o->prog, g->nbr, g->d2, e);
        g->recall = 1.0;
    } else {
        struct nndescent_opts no;
        nndescent_opts_init(&no);
        no.k = k; no.cosine = cosine; no.seed = o->seed; no.threads = nt; no.prog = o->prog;
        g->approximate = true;
        rc = nndescent_build(X, n, dim, &no, g->nbr, g->d2, &g->rounds, e);
        if (rc == EMBX_OK) {
            g->recall_points = o->recall_sample < n ? o->recall_sample : n;
            rc = knngraph_recall(g, X, dim, g->recall_points, o->seed, nt, &g->recall, e);
        }
    }
    if (o->prog) progress_finish(o->prog);
    if (rc != EMBX_OK) { knngraph_free(g); return rc; }
    g->seconds = progress_now() - t0;
    *out = g;
    return EMBX_OK;
}

int knngraph_set_key(struct knngraph *g, const void *owner, const size_t *rows, embx_err *e)
{
    g->owner = owner;
    free(g->rows);
    g->rows = NULL;
    if (!rows) return EMBX_OK;
    g->rows = malloc(sizeof(size_t) * g->n);
    if (!g->rows) return err_set(e, "out of memory for the neighbour graph");
    memcpy(g->rows, rows, sizeof(size_t) * g->n);
    return EMBX_OK;
}

bool knngraph_fits(const struct knngraph *g, const void *owner, const size_t *rows, size_t n,
                   enum knngraph_metric metric, size_t k)
{
    if (!g || g->owner != owner || g->n != n || g->metric != metric) return false;
    if (g->k < k && g->k < n - 1) return false;
    if ((g->rows == NULL) != (rows == NULL)) return false;
    return !rows || memcmp(g->rows, rows, sizeof(size_t) * n) == 0;
}

void knngraph_free(struct knngraph *g)
{
    if (!g) return;
    free(g->nbr); free(g->d2); free(g->rows);
    free(g);
}
