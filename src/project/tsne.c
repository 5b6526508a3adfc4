/* tsne: input affinities from nearest neighbours, then gradient descent on
 * the KL divergence with the exact gradient or the Barnes-Hut approximation.
 *
 * Conventions (as bhtsne and openTSNE): the gradient omits the constant 4,
 * so the automatic learning rate max(n / 12, 200) is scikit-learn's
 * max(n / 48, 50). Every per-point sum runs in a fixed order and the totals
 * are added serially, so the result does not depend on the thread count. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <float.h>
#include <stdint.h>
#include <time.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cblas.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "tsne.h"
#include "pca.h"
#include "quadtree.h"
#include "fftrep.h"
#include "knn.h"
#include "topk.h"
#include "table.h"

/* The exact gradient costs n^2 per iteration; above this many points it would
 * take hours, so Barnes-Hut is used even when the exact method is asked for. */
#define TSNE_EXACT_LIMIT 20000

void tsne_opts_init(struct tsne_opts *o)
{
    memset(o, 0, sizeof *o);
    o->perplexity = 30.0;
    o->theta = 0.5;
    o->iters = 1000;
    o->exaggeration_iters = 250;
    o->exaggeration = 12.0;
    o->learning_rate = 0.0;
    o->method = TSNE_AUTO;
    o->metric = TSNE_COSINE;
    o->seed = 1;
}

double tsne_max_perplexity(size_t n)
{
    return n < 2 ? 0.0 : (double)(n - 1) / 3.0;
}

/* ---- input neighbours ---------------------------------------------------- */

/* Exact Euclidean k nearest neighbours of every row (self excluded): BLAS
 * sgemm for the inner products over blocks, per-query heaps for the
 * selection. Writes nbr (n x k). */
static int knn_euclidean(const float *X, size_t n, size_t dim, size_t k, int nt,
                         size_t *nbr, embx_err *e)
{
    enum { QB = 512, RB = 2048 };
    float *sq = malloc(sizeof(float) * n);
    float *G = malloc(sizeof(float) * QB * RB);
    struct knn_hit *hb = malloc(sizeof *hb * QB * k);
    struct topk *heaps = malloc(sizeof *heaps * QB);
    if (!sq || !G || !hb || !heaps) {
        free(sq); free(G); free(hb); free(heaps);
        return err_set(e, "out of memory for the neighbour search of %zu points", n);
    }
    for (size_t i = 0; i < n; i++) {
        const float *x = X + i * dim;
        float s = 0.0f;
        for (size_t j = 0; j < dim; j++) s += x[j] * x[j];
        sq[i] = s;
    }
    int rc = EMBX_OK;
    for (size_t q0 = 0; q0 < n; q0 += QB) {
        size_t qn = n - q0 < QB ? n - q0 : QB;
        for (size_t a = 0; a < qn; a++) topk_init(&heaps[a], hb + a * k, k);
        for (size_t r0 = 0; r0 < n; r0 += RB) {
            size_t rn = n - r0 < RB ? n - r0 : RB;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)qn, (int)rn, (int)dim,
                        1.0f, X + q0 * dim, (int)dim, X + r0 * dim, (int)dim, 0.0f, G, (int)rn);
            #pragma omp parallel for num_threads(nt) schedule(static)
            for (size_t a = 0; a < qn; a++) {
                const float *g = G + a * rn;
                float qq = sq[q0 + a];
                for (size_t b = 0; b < rn; b++) {
                    size_t j = r0 + b;
                    if (j == q0 + a) continue;
                    /* score = -squared distance: the closest rank first */
                    float s = 2.0f * g[b] - qq - sq[j];
                    if (s > 0.0f) s = 0.0f;
                    if (topk_wants(&heaps[a], s, j)) topk_push(&heaps[a], j, s);
                }
            }
        }
        for (size_t a = 0; a < qn; a++)
            for (size_t c = 0; c < k; c++) nbr[(q0 + a) * k + c] = c < heaps[a].n ? heaps[a].h[c].row : SIZE_MAX;
        if (progress_cancelled()) { rc = err_cancelled(e); break; }
    }
    free(sq); free(G); free(hb); free(heaps);
    return rc;
}

/* Cosine neighbours through the knn engine, over a table holding just X. */
static int knn_cosine(const float *X, size_t n, size_t dim, size_t k, int nt,
                      size_t *nbr, embx_err *e)
{
    embx_table *t = table_create(n, dim, e);
    if (!t) return EMBX_ERR;
    memcpy(t->vecs, X, sizeof(float) * n * dim);
    t->n = n;
    size_t *self = malloc(sizeof(size_t) * n);
    struct knn_hit *hits = malloc(sizeof *hits * n * k);
    int rc = EMBX_ERR;
    if (!self || !hits) { err_set(e, "out of memory for the neighbour search of %zu points", n); goto done; }
    if (table_compute_norms(t, e) != EMBX_OK) goto done;
    for (size_t i = 0; i < n; i++) self[i] = i;
    rc = knn_query_batch(t, X, n, k, 0, self, 1, nt, hits, e);
    if (rc != EMBX_OK) goto done;
    for (size_t i = 0; i < n * k; i++) nbr[i] = hits[i].row;
done:
    free(self); free(hits);
    table_free(t);
    return rc;
}

/* ---- affinities ------------------------------------------------------------ */

/* Columns as 32 bits: the attraction pass streams all of P every iteration
 * and is bound by memory. Values stay double (the layouts of the exact
 * method, which the README shows, are unchanged). */
struct sparse {
    size_t *start;   /* n + 1 */
    uint32_t *col;
    double *val;
};

/* Conditional probabilities p_{j|i} over row i's neighbours, with the
 * Gaussian bandwidth found by bisection so the entropy is log(perplexity).
 * d2 holds squared distances; distances are shifted by their minimum, which
 * leaves p unchanged and keeps exp() in range (duplicates give distance 0). */
static void calibrate(const double *d2, size_t k, double perplexity, double *p)
{
    double target = log(perplexity), beta = 1.0, lo = -INFINITY, hi = INFINITY;
    double dmin = INFINITY;
    for (size_t j = 0; j < k; j++) if (d2[j] < dmin) dmin = d2[j];
    if (k == 0) return;
    for (int it = 0; it < 200; it++) {
        double sum = 0.0, dsum = 0.0;
        for (size_t j = 0; j < k; j++) {
            double s = d2[j] - dmin;
            p[j] = exp(-beta * s);
            sum += p[j];
            dsum += s * p[j];
        }
        double h = log(sum) + beta * dsum / sum;
        if (fabs(h - target) < 1e-5) break;
        if (h > target) {
            lo = beta;
            beta = isinf(hi) ? beta * 2.0 : 0.5 * (beta + hi);
        } else {
            hi = beta;
            beta = isinf(lo) ? beta * 0.5 : 0.5 * (beta + lo);
        }
        if (beta > 1e300 || beta < 1e-300) break;
    }
    double sum = 0.0;
    for (size_t j = 0; j < k; j++) {
        p[j] = exp(-beta * (d2[j] - dmin));
        sum += p[j];
    }
    for (size_t j = 0; j < k; j++) p[j] /= sum;
}

static int cmp_colval(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* P = (P_cond + P_cond^T) / (2n) in compressed rows, columns sorted. */
static int symmetrize(size_t n, size_t k, const size_t *nbr, const double *pc,
                      struct sparse *P, embx_err *e)
{
    size_t *cnt = calloc(n + 1, sizeof *cnt);
    if (!cnt) return err_set(e, "out of memory for the affinities");
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < k; c++) {
            size_t j = nbr[i * k + c];
            if (j == SIZE_MAX) continue;
            cnt[i]++; cnt[j]++;
        }
    size_t nnz = 0;
    for (size_t i = 0; i < n; i++) nnz += cnt[i];
    /* (column, value-bits) pairs, sorted per row, then merged. */
    size_t *pairs = malloc(sizeof(size_t) * 2 * (nnz ? nnz : 1));
    size_t *pos = malloc(sizeof(size_t) * (n + 1));
    P->start = malloc(sizeof(size_t) * (n + 1));
    if (!pairs || !pos || !P->start) {
        free(cnt); free(pairs); free(pos);
        return err_set(e, "out of memory for the affinities");
    }
    pos[0] = 0;
    for (size_t i = 0; i < n; i++) pos[i + 1] = pos[i] + cnt[i];
    memcpy(cnt, pos, sizeof(size_t) * (n + 1));
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < k; c++) {
            size_t j = nbr[i * k + c];
            if (j == SIZE_MAX) continue;
            double v = pc[i * k + c] / (2.0 * (double)n);
            size_t bits;
            _Static_assert(sizeof(size_t) == sizeof(double), "64-bit size_t");
            memcpy(&bits, &v, sizeof v);
            pairs[2 * cnt[i]] = j; pairs[2 * cnt[i] + 1] = bits; cnt[i]++;
            pairs[2 * cnt[j]] = i; pairs[2 * cnt[j] + 1] = bits; cnt[j]++;
        }
    size_t out = 0;
    P->col = malloc(sizeof *P->col * (nnz ? nnz : 1));
    P->val = malloc(sizeof *P->val * (nnz ? nnz : 1));
    if (!P->col || !P->val) {
        free(cnt); free(pairs); free(pos);
        return err_set(e, "out of memory for the affinities");
    }
    for (size_t i = 0; i < n; i++) {
        size_t a = pos[i], b = pos[i + 1];
        qsort(pairs + 2 * a, b - a, 2 * sizeof(size_t), cmp_colval);
        P->start[i] = out;
        for (size_t t = a; t < b;) {
            /* p_{j|i} and p_{i|j} of one pair, added in double */
            double v = 0.0;
            size_t j = pairs[2 * t];
            for (; t < b && pairs[2 * t] == j; t++) {
                double x;
                memcpy(&x, &pairs[2 * t + 1], sizeof x);
                v += x;
            }
            P->col[out] = (uint32_t)j;
            P->val[out] = v;
            out++;
        }
    }
    P->start[n] = out;
    free(cnt); free(pairs); free(pos);
    return EMBX_OK;
}

/* ---- gradient -------------------------------------------------------------- */

struct work {
    size_t n;
    int nt;
    enum tsne_method method;
    double theta;
    fftrep *fft;
    const struct sparse *P;
    quadtree qt;
    double *rep, *att, *sq, *kls;
};

/* Attraction on point i: sum_j p_ij q_ij (y_i - y_j). */
static void attraction(const struct sparse *P, const double *Y, size_t i, double *a)
{
    double ax = 0.0, ay = 0.0;
    double yx = Y[2 * i], yy = Y[2 * i + 1];
    for (size_t t = P->start[i]; t < P->start[i + 1]; t++) {
        size_t j = P->col[t];
        double dx = yx - Y[2 * j], dy = yy - Y[2 * j + 1];
        double pq = P->val[t] / (1.0 + dx * dx + dy * dy);
        ax += pq * dx;
        ay += pq * dy;
    }
    a[0] = ax;
    a[1] = ay;
}

/* KL(P || Q) over the entries of P, for a layout whose normalization is Z. */
static double kl_divergence(const struct work *w, const double *Y, double Z)
{
    const struct sparse *P = w->P;
    #pragma omp parallel for num_threads(w->nt) schedule(dynamic, 256)
    for (size_t i = 0; i < w->n; i++) {
        double k = 0.0;
        for (size_t t = P->start[i]; t < P->start[i + 1]; t++) {
            size_t j = P->col[t];
            double p = P->val[t];
            double dx = Y[2 * i] - Y[2 * j], dy = Y[2 * i + 1] - Y[2 * j + 1];
            double q = 1.0 / (1.0 + dx * dx + dy * dy);
            if (p > 0.0) k += p * log(p / fmax(q / Z, DBL_MIN));
        }
        w->kls[i] = k;
    }
    double s = 0.0;
    for (size_t i = 0; i < w->n; i++) s += w->kls[i];
    return s;
}

/* grad = exag * attraction - repulsion / Z (without the constant 4). Both
 * forces of a point are computed in one parallel pass (one barrier per
 * iteration matters when the cores are shared). When kl is non-NULL it
 * receives KL(P || Q) with unexaggerated P. Returns -1 when out of memory. */
static int gradient(struct work *w, const double *Y, double exag, double *grad, double *kl)
{
    size_t n = w->n;
    int nt = w->nt;
    const struct sparse *P = w->P;
    if (w->method == TSNE_FFT) {
        if (fftrep_compute(w->fft, Y, w->rep, w->sq) != 0) return -1;
        #pragma omp parallel for num_threads(nt) schedule(static)
        for (size_t i = 0; i < n; i++) attraction(P, Y, i, w->att + 2 * i);
    } else if (w->method == TSNE_EXACT) {
        #pragma omp parallel for num_threads(nt) schedule(dynamic, 16)
        for (size_t i = 0; i < n; i++) {
            double fx = 0.0, fy = 0.0, s = 0.0;
            double yx = Y[2 * i], yy = Y[2 * i + 1];
            for (size_t j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = yx - Y[2 * j], dy = yy - Y[2 * j + 1];
                double q = 1.0 / (1.0 + dx * dx + dy * dy);
                s += q;
                fx += q * q * dx;
                fy += q * q * dy;
            }
            w->rep[2 * i] = fx; w->rep[2 * i + 1] = fy; w->sq[i] = s;
            attraction(P, Y, i, w->att + 2 * i);
        }
    } else {
        if (quadtree_build(&w->qt, Y, n, w->theta) != 0) return -1;
        /* points in Morton order: consecutive walks visit the same cells */
        #pragma omp parallel for num_threads(nt) schedule(dynamic, 64)
        for (size_t s = 0; s < n; s++) {
            size_t i = quadtree_point(&w->qt, s);
            double f[2] = {0.0, 0.0};
            w->sq[i] = quadtree_repulsion(&w->qt, i, f);
            w->rep[2 * i] = f[0]; w->rep[2 * i + 1] = f[1];
            /* attraction in row order: P streams from memory in sequence */
            attraction(P, Y, s, w->att + 2 * s);
        }
    }
    double Z = 0.0;
    for (size_t i = 0; i < n; i++) Z += w->sq[i];
    if (Z < DBL_MIN) Z = DBL_MIN;
    for (size_t i = 0; i < 2 * n; i++) grad[i] = exag * w->att[i] - w->rep[i] / Z;
    if (kl) *kl = kl_divergence(w, Y, Z);
    return 0;
}

/* ---- driver ------------------------------------------------------------------ */

static void init_layout(const float *X, size_t n, size_t dim, const struct tsne_opts *o,
                        double *Y)
{
    bool random = o->random_init;
    if (!random) {
        struct pca p;
        embx_err pe;
        if (pca_fit(X, dim, dim, NULL, n, dim >= 2 ? 2 : 1, NULL, &p, &pe) != EMBX_OK) {
            random = true;
        } else {
            double *tmp = malloc(sizeof(double) * n * (size_t)p.k);
            if (!tmp) {
                random = true;
            } else {
                pca_transform(&p, X, dim, NULL, n, tmp);
                double m = 0.0, v = 0.0;
                for (size_t i = 0; i < n; i++) m += tmp[i * (size_t)p.k];
                m /= (double)n;
                for (size_t i = 0; i < n; i++) {
                    double d = tmp[i * (size_t)p.k] - m;
                    v += d * d;
                }
                double sd = sqrt(v / (double)n);
                if (!(sd > 0.0)) {
                    random = true;
                } else {
                    for (size_t i = 0; i < n; i++) {
                        Y[2 * i] = tmp[i * (size_t)p.k] / sd * 1e-4;
                        Y[2 * i + 1] = p.k > 1 ? tmp[i * (size_t)p.k + 1] / sd * 1e-4 : 0.0;
                    }
                }
                free(tmp);
            }
            pca_free(&p);
        }
    }
    if (random) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, o->seed);
        for (size_t i = 0; i < 2 * n; i++) Y[i] = gsl_ran_gaussian(r, 1e-4);
        gsl_rng_free(r);
    }
}

int tsne_run(const float *Xin, size_t n, size_t dim, const struct tsne_opts *o,
             double *Y, struct tsne_info *info, embx_err *e)
{
    memset(info, 0, sizeof *info);
    info->kl = NAN;
    if (n < 3) return err_set(e, "t-SNE needs at least 3 points, got %zu", n);
    if (n > 0x7fffffffu) return err_set(e, "t-SNE of %zu points: at most 2^31 - 1", n);
    if (!(o->perplexity > 0.0)) return err_set(e, "perplexity must be positive, got %g", o->perplexity);
    if (o->iters < 1) return err_set(e, "iterations must be at least 1, got %d", o->iters);
    if (!(o->theta >= 0.0)) return err_set(e, "theta must be >= 0, got %g", o->theta);
    int nt = o->threads;
#ifdef _OPENMP
    if (nt <= 0) nt = omp_get_max_threads();
#else
    nt = 1;
#endif
    double perp = o->perplexity;
    if (perp > tsne_max_perplexity(n)) {
        perp = tsne_max_perplexity(n);
        info->perplexity_lowered = true;
    }
    info->perplexity = perp;
    size_t k = (size_t)floor(3.0 * perp + 1.0);
    if (k > n - 1) k = n - 1;
    if (k < 1) k = 1;
    info->neighbours = k;
    enum tsne_method method = o->method;
    if (method == TSNE_AUTO)
        method = n <= TSNE_EXACT_MAX ? TSNE_EXACT : n <= TSNE_BH_MAX ? TSNE_BARNES_HUT : TSNE_FFT;
    if (o->theta == 0.0) method = TSNE_EXACT;
    if (method == TSNE_EXACT && n > TSNE_EXACT_LIMIT) method = TSNE_BARNES_HUT;
    info->method = method;

    double t0 = progress_now();
    clock_t c0 = clock();
    int rc = EMBX_ERR;
    float *X = malloc(sizeof(float) * n * dim);
    size_t *nbr = malloc(sizeof(size_t) * n * k);
    double *d2 = malloc(sizeof(double) * n * k);
    double *pc = malloc(sizeof(double) * n * k);
    struct sparse P = {0};
    struct work w = {0};
    double *grad = malloc(sizeof(double) * 2 * n);
    double *upd = calloc(2 * n, sizeof(double));
    double *gains = malloc(sizeof(double) * 2 * n);
    w.rep = malloc(sizeof(double) * 2 * n);
    w.att = malloc(sizeof(double) * 2 * n);
    w.sq = malloc(sizeof(double) * n);
    w.kls = malloc(sizeof(double) * n);
    if (!X || !nbr || !d2 || !pc || !grad || !upd || !gains || !w.rep || !w.att || !w.sq || !w.kls) {
        err_set(e, "out of memory for t-SNE of %zu points", n);
        goto done;
    }
    memcpy(X, Xin, sizeof(float) * n * dim);
    if (o->metric == TSNE_COSINE) {
        /* Cosine t-SNE is t-SNE of the unit-length rows: the squared chord
         * distance 2 - 2 cos is what the Gaussian kernel sees. */
        for (size_t i = 0; i < n; i++) {
            float *x = X + i * dim;
            double s = 0.0;
            for (size_t j = 0; j < dim; j++) s += (double)x[j] * x[j];
            if (s > 0.0) {
                float inv = (float)(1.0 / sqrt(s));
                for (size_t j = 0; j < dim; j++) x[j] *= inv;
            }
        }
    }
    const struct knngraph *kg = o->graph;
    if (kg && kg->n == n && kg->k >= k &&
        kg->metric == (o->metric == TSNE_COSINE ? KNNG_COSINE : KNNG_EUCLIDEAN)) {
        for (size_t i = 0; i < n; i++)
            memcpy(nbr + i * k, kg->nbr + i * kg->k, sizeof(size_t) * k);
        info->used_graph = true;
        rc = EMBX_OK;
    } else if (o->metric == TSNE_COSINE) {
        rc = knn_cosine(X, n, dim, k, nt, nbr, e);
    } else {
        rc = knn_euclidean(X, n, dim, k, nt, nbr, e);
    }
    if (rc != EMBX_OK) goto done;
    rc = EMBX_ERR;

    /* Exact squared distances of the chosen neighbours, in double. */
    size_t dups = 0;
    #pragma omp parallel for num_threads(nt) schedule(static) reduction(+:dups)
    for (size_t i = 0; i < n; i++) {
        const float *xi = X + i * dim;
        size_t m = 0;
        bool dup = false;
        for (size_t c = 0; c < k; c++) {
            size_t j = nbr[i * k + c];
            if (j == SIZE_MAX) continue;
            const float *xj = X + j * dim;
            double s = 0.0;
            for (size_t t = 0; t < dim; t++) {
                double d = (double)xi[t] - xj[t];
                s += d * d;
            }
            if (s == 0.0) dup = true;
            nbr[i * k + m] = j;
            d2[i * k + m] = s;
            m++;
        }
        for (size_t c = m; c < k; c++) nbr[i * k + c] = SIZE_MAX;
        calibrate(d2 + i * k, m, perp, pc + i * k);
        if (dup) dups++;
    }
    info->duplicates = dups;
    if (symmetrize(n, k, nbr, pc, &P, e) != EMBX_OK) goto done;
    free(nbr); nbr = NULL;
    free(d2); d2 = NULL;
    free(pc); pc = NULL;

    init_layout(X, n, dim, o, Y);
    free(X); X = NULL;
    info->seconds_affinity = progress_now() - t0;
    double t1 = progress_now();

    w.n = n;
    w.nt = nt;
    w.method = method;
    if (method == TSNE_FFT && !(w.fft = fftrep_new(n, nt))) {
        err_set(e, "out of memory for the interpolation grid");
        goto done;
    }
    w.theta = o->theta;
    w.P = &P;
    double lr = o->learning_rate > 0.0 ? o->learning_rate : fmax((double)n / 12.0, 200.0);
    for (size_t i = 0; i < 2 * n; i++) gains[i] = 1.0;
    double kl = NAN;
    int it;
    for (it = 0; it < o->iters; it++) {
        if (progress_cancelled()) { info->cancelled = true; break; }
        bool early = it < o->exaggeration_iters;
        double exag = early ? o->exaggeration : 1.0;
        double mom = early ? 0.5 : 0.8;
        bool want_kl = (it + 1) % 50 == 0 || it + 1 == o->iters;
        if (gradient(&w, Y, exag, grad, want_kl ? &kl : NULL) != 0) {
            err_set(e, "out of memory for the %s", method == TSNE_FFT ? "interpolation grid" : "Barnes-Hut tree");
            goto done;
        }
        for (size_t i = 0; i < 2 * n; i++) {
            double g = grad[i];
            if (upd[i] * g < 0.0) gains[i] += 0.2;
            else gains[i] *= 0.8;
            if (gains[i] < 0.01) gains[i] = 0.01;
            upd[i] = mom * upd[i] - lr * gains[i] * g;
        }
        /* Apply the step and recentre; a non-finite step (which the guards
         * above should make impossible) leaves the layout as it was. */
        double mx = 0.0, my = 0.0;
        bool finite = true;
        for (size_t i = 0; i < n; i++) {
            double x = Y[2 * i] + upd[2 * i], y = Y[2 * i + 1] + upd[2 * i + 1];
            if (!isfinite(x) || !isfinite(y)) { finite = false; break; }
            mx += x; my += y;
        }
        if (!finite) {
            err_set(e, "t-SNE diverged at iteration %d (try a smaller --learning-rate)", it + 1);
            goto done;
        }
        mx /= (double)n; my /= (double)n;
        for (size_t i = 0; i < n; i++) {
            Y[2 * i] += upd[2 * i] - mx;
            Y[2 * i + 1] += upd[2 * i + 1] - my;
        }
        if (o->prog) {
            char extra[64];
            if (isnan(kl)) snprintf(extra, sizeof extra, "iteration %d", it + 1);
            else snprintf(extra, sizeof extra, "iteration %d, KL %.4f", it + 1, kl);
            progress_update(o->prog, (double)(it + 1), extra);
        }
        if (o->on_iter) o->on_iter(o->ctx, it + 1, kl);
    }
    info->iters_done = it;
    if (info->cancelled) {
        /* KL of the layout being kept. */
        if (gradient(&w, Y, 1.0, grad, &kl) != 0) kl = NAN;
    }
    info->kl = kl;
    info->seconds_optimize = progress_now() - t1;
    info->cpu_seconds = (double)(clock() - c0) / CLOCKS_PER_SEC;
    rc = info->cancelled ? err_cancelled(e) : EMBX_OK;
done:
    free(X); free(nbr); free(d2); free(pc);
    free(P.start); free(P.col); free(P.val);
    free(grad); free(upd); free(gains);
    free(w.rep); free(w.att); free(w.sq); free(w.kls);
    quadtree_free(&w.qt);
    fftrep_free(w.fft);
    return rc;
}
