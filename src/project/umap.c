/* umap: fuzzy graph, spectral start and SGD layout (see umap.h).
 *
 * Follows umap-learn's reference choices: target log2(neighbors) for the
 * bandwidth search, local connectivity 1, fuzzy union a + b - ab, edges
 * sampled in proportion to their weight (an edge of weight w every max/w
 * epochs), 5 negative samples per positive one, gradients clipped at 4 and a
 * learning rate that falls linearly to 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>
#include <time.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_errno.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "umap.h"
#include "rng.h"
#include "pca.h"

/* Spectral start by subspace iteration: beyond this many points or rounds
 * the PCA start is used instead. */
#define SPECTRAL_MAX_POINTS 2000000
#define SPECTRAL_ROUNDS 600

void umap_opts_init(struct umap_opts *o)
{
    memset(o, 0, sizeof *o);
    o->neighbors = 15;
    o->min_dist = 0.1;
    o->spread = 1.0;
    o->negative = 5;
    o->learning_rate = 1.0;
    o->init = UMAP_INIT_SPECTRAL;
    o->seed = 1;
}

/* uniform in [0, 1) */
static double unif(uint64_t *s)
{
    *s = rng_mix(*s);
    return rng_unit_of(*s);
}

static double gauss(uint64_t *s)
{
    double u = unif(s), v = unif(s);
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

/* ---- the curve ------------------------------------------------------------ */

int umap_fit_ab(double spread, double min_dist, double *a, double *b, embx_err *e)
{
    if (!(spread > 0.0) || !(min_dist >= 0.0) || min_dist > spread)
        return err_set(e, "need 0 <= min-dist <= spread and spread > 0 (got min-dist %g, spread %g)", min_dist, spread);
    enum { M = 300 };
    double xs[M], ys[M];
    for (int t = 0; t < M; t++) {
        xs[t] = 3.0 * spread * t / (M - 1);
        ys[t] = xs[t] < min_dist ? 1.0 : exp(-(xs[t] - min_dist) / spread);
    }
    /* Levenberg-Marquardt on (a, b): two parameters, so the normal
     * equations are solved directly. */
    double pa = 1.0, pb = 1.0, lambda = 1e-3;
    double cost = 0.0;
    for (int t = 0; t < M; t++) {
        double r = 1.0 / (1.0 + pa * pow(xs[t], 2.0 * pb)) - ys[t];
        cost += r * r;
    }
    for (int it = 0; it < 500; it++) {
        double jtj[3] = {0, 0, 0}, jtr[2] = {0, 0};
        for (int t = 0; t < M; t++) {
            double x = xs[t];
            double u = x > 0.0 ? pow(x, 2.0 * pb) : 0.0;
            double g = 1.0 / (1.0 + pa * u);
            double r = g - ys[t];
            double ja = -u * g * g;
            double jb = x > 0.0 ? -pa * g * g * u * 2.0 * log(x) : 0.0;
            jtj[0] += ja * ja; jtj[1] += ja * jb; jtj[2] += jb * jb;
            jtr[0] += ja * r; jtr[1] += jb * r;
        }
        bool improved = false;
        while (lambda < 1e12) {
            double m00 = jtj[0] * (1.0 + lambda), m11 = jtj[2] * (1.0 + lambda), m01 = jtj[1];
            double det = m00 * m11 - m01 * m01;
            if (!(fabs(det) > 0.0)) { lambda *= 10.0; continue; }
            double da = -(m11 * jtr[0] - m01 * jtr[1]) / det;
            double db = -(m00 * jtr[1] - m01 * jtr[0]) / det;
            double na = pa + da, nb = pb + db;
            if (na > 0.0 && nb > 0.0) {
                double c = 0.0;
                for (int t = 0; t < M; t++) {
                    double r = 1.0 / (1.0 + na * pow(xs[t], 2.0 * nb)) - ys[t];
                    c += r * r;
                }
                if (c < cost) {
                    bool done = cost - c < 1e-14 * (1.0 + cost);
                    pa = na; pb = nb; cost = c;
                    lambda = fmax(lambda / 10.0, 1e-12);
                    improved = !done;
                    break;
                }
            }
            lambda *= 10.0;
        }
        if (!improved) break;
    }
    if (!isfinite(pa) || !isfinite(pb)) return err_set(e, "could not fit the UMAP curve to min-dist %g, spread %g", min_dist, spread);
    *a = pa; *b = pb;
    return EMBX_OK;
}

/* ---- the fuzzy graph -------------------------------------------------------- */

struct trip { size_t i, j; double w; int dir; };

static int cmp_trip(const void *pa, const void *pb)
{
    const struct trip *a = pa, *b = pb;
    if (a->i != b->i) return a->i < b->i ? -1 : 1;
    if (a->j != b->j) return a->j < b->j ? -1 : 1;
    return a->dir - b->dir;
}

/* Bandwidth of one point: sum_j exp(-(d_j - rho) / sigma) = log2(neighbors). */
static void smooth_knn(const double *d, size_t m, double target, double mean_all,
                       double *rho_out, double *sigma_out)
{
    double rho = 0.0, mean = 0.0;
    for (size_t c = 0; c < m; c++) if (d[c] > 0.0) { rho = d[c]; break; }
    for (size_t c = 0; c < m; c++) mean += d[c];
    mean = m ? mean / (double)m : 0.0;
    double lo = 0.0, hi = INFINITY, mid = 1.0;
    for (int it = 0; it < 64; it++) {
        double s = 0.0;
        for (size_t c = 0; c < m; c++) {
            double x = d[c] - rho;
            s += x > 0.0 ? exp(-x / mid) : 1.0;
        }
        if (fabs(s - target) < 1e-5) break;
        if (s > target) { hi = mid; mid = (lo + hi) / 2.0; }
        else { lo = mid; mid = isinf(hi) ? mid * 2.0 : (lo + hi) / 2.0; }
    }
    double floor_ = 1e-3 * (rho > 0.0 ? mean : mean_all);
    *rho_out = rho;
    *sigma_out = mid < floor_ ? floor_ : mid;
}

struct fgraph {
    size_t n, m;          /* points, directed edges (both directions of each pair) */
    size_t *start;        /* n + 1 */
    size_t *tail;         /* m */
    double *w;            /* m */
};

static void fgraph_free(struct fgraph *f)
{
    free(f->start); free(f->tail); free(f->w);
    memset(f, 0, sizeof *f);
}

static int fuzzy_graph(const struct knngraph *g, size_t kk, int nt, struct fgraph *f, embx_err *e)
{
    size_t n = g->n, k = g->k;
    struct trip *t = malloc(sizeof *t * 2 * n * kk);
    double *d = malloc(sizeof(double) * n * kk);
    if (!t || !d) { free(t); free(d); return err_set(e, "out of memory for the UMAP graph of %zu points", n); }
    bool cosine = g->metric == KNNG_COSINE;
    double mean_all = 0.0;
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < kk; c++) {
            double v = g->nbr[i * k + c] == SIZE_MAX ? INFINITY : (double)g->d2[i * k + c];
            /* umap-learn's cosine distance 1 - cos; Euclidean distance */
            v = cosine ? v / 2.0 : sqrt(v);
            d[i * kk + c] = v;
            if (isfinite(v)) mean_all += v;
        }
    mean_all /= (double)(n * kk);
    double target = log2((double)kk + 1.0);
    #pragma omp parallel for num_threads(nt) schedule(static)
    for (size_t i = 0; i < n; i++) {
        size_t m = 0;
        while (m < kk && isfinite(d[i * kk + m])) m++;
        double rho, sigma;
        smooth_knn(d + i * kk, m, target, mean_all, &rho, &sigma);
        for (size_t c = 0; c < kk; c++) {
            size_t j = g->nbr[i * k + c];
            struct trip *a = &t[2 * (i * kk + c)], *b = a + 1;
            double x = d[i * kk + c] - rho;
            double w = c < m ? (x > 0.0 ? exp(-x / sigma) : 1.0) : 0.0;
            if (c >= m || j == SIZE_MAX) { j = i; w = 0.0; }
            a->i = i; a->j = j; a->w = w; a->dir = 0;
            b->i = j; b->j = i; b->w = w; b->dir = 1;
        }
    }
    free(d);
    size_t nt2 = 2 * n * kk;
    qsort(t, nt2, sizeof *t, cmp_trip);
    f->n = n;
    f->start = calloc(n + 1, sizeof(size_t));
    f->tail = malloc(sizeof(size_t) * nt2);
    f->w = malloc(sizeof(double) * nt2);
    if (!f->start || !f->tail || !f->w) { free(t); fgraph_free(f); return err_set(e, "out of memory for the UMAP graph"); }
    size_t m = 0;
    for (size_t a = 0; a < nt2;) {
        size_t b = a;
        double wd = 0.0, wt = 0.0;
        while (b < nt2 && t[b].i == t[a].i && t[b].j == t[a].j) {
            if (t[b].dir == 0) wd = fmax(wd, t[b].w); else wt = fmax(wt, t[b].w);
            b++;
        }
        double w = wd + wt - wd * wt;
        if (t[a].i != t[a].j && w > 0.0) {
            f->tail[m] = t[a].j; f->w[m] = w; f->start[t[a].i + 1]++;
            m++;
        }
        a = b;
    }
    free(t);
    for (size_t i = 0; i < n; i++) f->start[i + 1] += f->start[i];
    f->m = m;
    return EMBX_OK;
}

/* ---- starts ------------------------------------------------------------------ */

static size_t components(const struct fgraph *f, size_t *lab)
{
    size_t n = f->n, nc = 0;
    size_t *stack = malloc(sizeof(size_t) * (n ? n : 1));
    if (!stack) return 0;
    for (size_t i = 0; i < n; i++) lab[i] = SIZE_MAX;
    for (size_t s = 0; s < n; s++) {
        if (lab[s] != SIZE_MAX) continue;
        size_t top = 0;
        stack[top++] = s;
        lab[s] = nc;
        while (top) {
            size_t u = stack[--top];
            for (size_t a = f->start[u]; a < f->start[u + 1]; a++)
                if (lab[f->tail[a]] == SIZE_MAX) { lab[f->tail[a]] = nc; stack[top++] = f->tail[a]; }
        }
        nc++;
    }
    free(stack);
    return nc;
}

/* Orthonormalises the 3 columns of V (n x 3, row-major) against u and each
 * other (modified Gram-Schmidt); false when a column vanishes. */
static bool orthonormalise(double *V, size_t n, const double *u)
{
    for (int c = 0; c < 3; c++) {
        double p = 0.0;
        for (size_t i = 0; i < n; i++) p += V[3 * i + c] * u[i];
        for (size_t i = 0; i < n; i++) V[3 * i + c] -= p * u[i];
        for (int q = 0; q < c; q++) {
            double r = 0.0;
            for (size_t i = 0; i < n; i++) r += V[3 * i + c] * V[3 * i + q];
            for (size_t i = 0; i < n; i++) V[3 * i + c] -= r * V[3 * i + q];
        }
        double s = 0.0;
        for (size_t i = 0; i < n; i++) s += V[3 * i + c] * V[3 * i + c];
        if (!(s > 1e-300)) return false;
        s = 1.0 / sqrt(s);
        for (size_t i = 0; i < n; i++) V[3 * i + c] *= s;
    }
    return true;
}

/* The eigenvectors of the normalised Laplacian I - D^-1/2 W D^-1/2 with
 * the 2nd and 3rd smallest eigenvalues: subspace iteration on
 * (I + D^-1/2 W D^-1/2) / 2 with the known top vector D^1/2 1 projected out,
 * then Rayleigh-Ritz on the 3 x 3 problem (GSL). */
static int spectral(const struct fgraph *f, unsigned long seed, int nt, double *Y)
{
    size_t n = f->n;
    double *isd = malloc(sizeof(double) * n), *u = malloc(sizeof(double) * n);
    double *V = malloc(sizeof(double) * 3 * n), *W = malloc(sizeof(double) * 3 * n);
    /* the operator's weights w_ij / sqrt(d_j) in float with 32-bit tails:
     * half the memory each round streams through */
    size_t m = f->start[n];
    float *wn = malloc(sizeof(float) * (m ? m : 1));
    uint32_t *tl = malloc(sizeof(uint32_t) * (m ? m : 1));
    int rc = -1;
    /* a small graph's product is over before a second thread is worth the
     * two waits per round it costs */
    int pt = m > 2000000 ? nt : 1;
    if (!isd || !u || !V || !W || !wn || !tl) goto done;
    double norm = 0.0;
    for (size_t i = 0; i < n; i++) {
        double dg = 0.0;
        for (size_t a = f->start[i]; a < f->start[i + 1]; a++) dg += f->w[a];
        isd[i] = dg > 0.0 ? 1.0 / sqrt(dg) : 0.0;
        u[i] = sqrt(dg);
        norm += dg;
    }
    norm = 1.0 / sqrt(norm);
    for (size_t a = 0; a < m; a++) {
        tl[a] = (uint32_t)f->tail[a];
        wn[a] = (float)(f->w[a] * isd[f->tail[a]]);
    }
    for (size_t i = 0; i < n; i++) u[i] *= norm;
    uint64_t st = rng_mix(seed ^ 0x5bec7);
    for (size_t i = 0; i < 3 * n; i++) V[i] = gauss(&st);
    if (!orthonormalise(V, n, u)) goto done;
    for (int r = 0; r < SPECTRAL_ROUNDS; r++) {
        if (progress_cancelled()) goto done;
        #pragma omp parallel for num_threads(pt) schedule(static)
        for (size_t i = 0; i < n; i++) {
            double s[3] = {0, 0, 0};
            for (size_t a = f->start[i]; a < f->start[i + 1]; a++) {
                size_t j = tl[a];
                double w = wn[a];
                s[0] += w * V[3 * j]; s[1] += w * V[3 * j + 1]; s[2] += w * V[3 * j + 2];
            }
            for (int c = 0; c < 3; c++) W[3 * i + c] = 0.5 * (V[3 * i + c] + isd[i] * s[c]);
        }
        double *tmp = V; V = W; W = tmp;
        if (!orthonormalise(V, n, u)) goto done;
    }
    /* Rayleigh-Ritz: H = V' M V with M the shifted operator */
    #pragma omp parallel for num_threads(pt) schedule(static)
    for (size_t i = 0; i < n; i++) {
        double s[3] = {0, 0, 0};
        for (size_t a = f->start[i]; a < f->start[i + 1]; a++) {
            size_t j = tl[a];
            double w = wn[a];
            s[0] += w * V[3 * j]; s[1] += w * V[3 * j + 1]; s[2] += w * V[3 * j + 2];
        }
        for (int c = 0; c < 3; c++) W[3 * i + c] = 0.5 * (V[3 * i + c] + isd[i] * s[c]);
    }
    gsl_matrix *H = gsl_matrix_alloc(3, 3), *Ev = gsl_matrix_alloc(3, 3);
    gsl_vector *ev = gsl_vector_alloc(3);
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(3);
    if (H && Ev && ev && ws) {
        for (int p = 0; p < 3; p++)
            for (int q = 0; q < 3; q++) {
                double s = 0.0;
                for (size_t i = 0; i < n; i++) s += V[3 * i + p] * W[3 * i + q];
                gsl_matrix_set(H, (size_t)p, (size_t)q, s);
            }
        for (int p = 0; p < 3; p++)
            for (int q = p + 1; q < 3; q++) {
                double hm = 0.5 * (gsl_matrix_get(H, (size_t)p, (size_t)q) + gsl_matrix_get(H, (size_t)q, (size_t)p));
                gsl_matrix_set(H, (size_t)p, (size_t)q, hm); gsl_matrix_set(H, (size_t)q, (size_t)p, hm);
            }
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int st2 = gsl_eigen_symmv(H, ev, Ev, ws);
        if (st2 == GSL_SUCCESS) st2 = gsl_eigen_symmv_sort(ev, Ev, GSL_EIGEN_SORT_VAL_DESC);
        gsl_set_error_handler(old);
        if (st2 == GSL_SUCCESS) {
            for (size_t i = 0; i < n; i++)
                for (int c = 0; c < 2; c++) {
                    double s = 0.0;
                    for (int q = 0; q < 3; q++) s += V[3 * i + q] * gsl_matrix_get(Ev, (size_t)q, (size_t)c);
                    Y[2 * i + c] = s;
                }
            rc = 0;
        }
    }
    gsl_matrix_free(H); gsl_matrix_free(Ev); gsl_vector_free(ev);
    if (ws) gsl_eigen_symmv_free(ws);
done:
    free(isd); free(u); free(V); free(W); free(wn); free(tl);
    return rc;
}

static int pca_start(const float *X, size_t n, size_t dim, double *Y)
{
    struct pca p;
    embx_err pe;
    if (pca_fit(X, dim, dim, NULL, n, dim >= 2 ? 2 : 1, NULL, &p, &pe) != EMBX_OK) return -1;
    double *tmp = malloc(sizeof(double) * n * (size_t)p.k);
    if (!tmp) { pca_free(&p); return -1; }
    pca_transform(&p, X, dim, NULL, n, tmp);
    for (size_t i = 0; i < n; i++) {
        Y[2 * i] = tmp[i * (size_t)p.k];
        Y[2 * i + 1] = p.k > 1 ? tmp[i * (size_t)p.k + 1] : 0.0;
    }
    free(tmp);
    pca_free(&p);
    return 0;
}

/* Scales so the largest coordinate is 10 and adds a little noise (as
 * umap-learn), so coincident starts can separate. */
static bool scale_start(double *Y, size_t n, unsigned long seed)
{
    double mx = 0.0;
    for (size_t i = 0; i < 2 * n; i++) if (fabs(Y[i]) > mx) mx = fabs(Y[i]);
    if (!(mx > 0.0) || !isfinite(mx)) return false;
    uint64_t st = rng_mix(seed ^ 0x5ca1e);
    for (size_t i = 0; i < 2 * n; i++) Y[i] = Y[i] * (10.0 / mx) + 1e-4 * gauss(&st);
    return true;
}

/* ---- optimisation ------------------------------------------------------------- */

/* negative samples computed together (see epoch_block) */
#define NEG_BATCH 8

/* min/max instructions, not branches that mispredict whenever clipping
 * comes and goes */
static inline float clip4f(float g)
{
#ifdef __SSE2__
    __m128 v = _mm_min_ss(_mm_set_ss(g), _mm_set_ss(4.0f));
    return _mm_cvtss_f32(_mm_max_ss(v, _mm_set_ss(-4.0f)));
#else
    g = g < 4.0f ? g : 4.0f;
    return g > -4.0f ? g : -4.0f;
#endif
}

/* x^b for x > 0 in float, the SGD's only transcendental (one per sample):
 * 2^(b log2 x) with polynomial log2 on the mantissa (error 5e-6) and
 * polynomial 2^f (relative error 2.3e-7), so relative error under 1e-5,
 * far below the SGD's own noise; inline, no branches, so the samples of a
 * batch overlap instead of waiting on a library call each. */
static inline float pow_b(float x, float b)
{
    union { float f; uint32_t u; } v = { x };
    float ex = (float)((int)(v.u >> 23) - 127);
    v.u = (v.u & 0x007FFFFFu) | 0x3F800000u;
    float t = v.f - 1.0f;
    float l = -2.482598444e-02f;
    l = l * t + 1.179068611e-01f;
    l = l * t - 2.723558270e-01f;
    l = l * t + 4.538582053e-01f;
    l = l * t - 7.169875679e-01f;
    l = l * t + 1.442395589e+00f;
    l = l * t + 5.060327954e-06f;
    float y = b * (ex + l);
    y = y < -126.0f ? -126.0f : y > 126.0f ? 126.0f : y;
    int yi = (int)y;
    yi -= y < (float)yi;                 /* floor, without a library call */
    float fi = (float)yi, fr = y - fi;
    float p = 1.894379423e-03f;
    p = p * fr + 8.940582529e-03f;
    p = p * fr + 5.587655687e-02f;
    p = p * fr + 2.401316919e-01f;
    p = p * fr + 6.931567767e-01f;
    p = p * fr + 9.999997696e-01f;
    union { uint32_t u; float f; } sc = { (uint32_t)(yi + 127) << 23 };
    return p * sc.f;
}

#ifdef __SSE2__
/* pow_b on 4 lanes (the same polynomials, SSE2 only) */
static inline __m128 pow_b4(__m128 x, __m128 b)
{
    __m128i xi = _mm_castps_si128(x);
    __m128 ex = _mm_cvtepi32_ps(_mm_sub_epi32(_mm_srli_epi32(xi, 23), _mm_set1_epi32(127)));
    __m128 t = _mm_sub_ps(_mm_castsi128_ps(_mm_or_si128(_mm_and_si128(xi, _mm_set1_epi32(0x007FFFFF)),
                                                        _mm_set1_epi32(0x3F800000))), _mm_set1_ps(1.0f));
    __m128 l = _mm_set1_ps(-2.482598444e-02f);
    l = _mm_add_ps(_mm_mul_ps(l, t), _mm_set1_ps(1.179068611e-01f));
    l = _mm_add_ps(_mm_mul_ps(l, t), _mm_set1_ps(-2.723558270e-01f));
    l = _mm_add_ps(_mm_mul_ps(l, t), _mm_set1_ps(4.538582053e-01f));
    l = _mm_add_ps(_mm_mul_ps(l, t), _mm_set1_ps(-7.169875679e-01f));
    l = _mm_add_ps(_mm_mul_ps(l, t), _mm_set1_ps(1.442395589e+00f));
    l = _mm_add_ps(_mm_mul_ps(l, t), _mm_set1_ps(5.060327954e-06f));
    __m128 y = _mm_mul_ps(b, _mm_add_ps(ex, l));
    y = _mm_max_ps(_mm_min_ps(y, _mm_set1_ps(126.0f)), _mm_set1_ps(-126.0f));
    __m128i yi = _mm_cvttps_epi32(y);
    /* truncation to floor: one less where that rounded up */
    yi = _mm_add_epi32(yi, _mm_castps_si128(_mm_cmplt_ps(y, _mm_cvtepi32_ps(yi))));
    __m128 fr = _mm_sub_ps(y, _mm_cvtepi32_ps(yi));
    __m128 p = _mm_set1_ps(1.894379423e-03f);
    p = _mm_add_ps(_mm_mul_ps(p, fr), _mm_set1_ps(8.940582529e-03f));
    p = _mm_add_ps(_mm_mul_ps(p, fr), _mm_set1_ps(5.587655687e-02f));
    p = _mm_add_ps(_mm_mul_ps(p, fr), _mm_set1_ps(2.401316919e-01f));
    p = _mm_add_ps(_mm_mul_ps(p, fr), _mm_set1_ps(6.931567767e-01f));
    p = _mm_add_ps(_mm_mul_ps(p, fr), _mm_set1_ps(9.999997696e-01f));
    __m128 sc = _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(yi, _mm_set1_epi32(127)), 23));
    return _mm_mul_ps(p, sc);
}
#endif

/* The SGD state: per directed edge (grouped by head as in the fuzzy graph)
 * its tail, sampling period in epochs and the epochs its next positive and
 * negative samples are due; positions in float, the precision the layout
 * needs (as umap-learn), half the memory traffic of double. */
struct sgd {
    size_t n;
    const size_t *start;
    uint32_t *head, *tail;
    uint32_t *fired;               /* per block: the edges due this epoch */
    float *eps, *next, *nextneg;   /* next = +inf: never sampled */
    float a, b, gamma;
    int nneg;
    float *Y;                      /* live positions, n x 2 */
    float *snap[2];                /* the epochs' starting positions, alternating */
    size_t *cut;                   /* nt + 1 block boundaries */
    unsigned char *stop;           /* per epoch: stop before it (Ctrl-C) */
};

/* The summed clipped repulsions on a point at (cx, cy) from the m <= 8
 * points (ox, oy) (use 0: a skipped sample). */
static void neg_batch(float cx, float cy, float *ox, float *oy, float *use, int m,
                      float a, float b, float cneg, float *sx, float *sy)
{
#ifdef __SSE2__
    for (int p = m; p < NEG_BATCH; p++) { ox[p] = cx; oy[p] = cy; use[p] = 0.0f; }
    const __m128 vcx = _mm_set1_ps(cx), vcy = _mm_set1_ps(cy), va = _mm_set1_ps(a), vb = _mm_set1_ps(b);
    const __m128 one = _mm_set1_ps(1.0f), zero = _mm_setzero_ps(), four = _mm_set1_ps(4.0f), mfour = _mm_set1_ps(-4.0f);
    __m128 ax = zero, ay = zero;
    for (int p = 0; p < (m > 4 ? 8 : 4); p += 4) {
        __m128 u = _mm_loadu_ps(use + p);
        __m128 dx = _mm_sub_ps(vcx, _mm_loadu_ps(ox + p)), dy = _mm_sub_ps(vcy, _mm_loadu_ps(oy + p));
        __m128 dd = _mm_add_ps(_mm_mul_ps(dx, dx), _mm_mul_ps(dy, dy));
        __m128 den = _mm_mul_ps(_mm_add_ps(_mm_set1_ps(0.001f), dd), _mm_add_ps(_mm_mul_ps(va, pow_b4(dd, vb)), one));
        __m128 gc = _mm_div_ps(_mm_mul_ps(u, _mm_set1_ps(cneg)), den);
        /* coincident points: a fixed push apart */
        __m128 z = _mm_andnot_ps(_mm_cmpgt_ps(dd, zero), _mm_mul_ps(four, u));
        __m128 gx = _mm_max_ps(_mm_min_ps(_mm_mul_ps(gc, dx), four), mfour);
        __m128 gy = _mm_max_ps(_mm_min_ps(_mm_mul_ps(gc, dy), four), mfour);
        ax = _mm_add_ps(ax, _mm_add_ps(gx, z));
        ay = _mm_add_ps(ay, _mm_add_ps(gy, z));
    }
    float tx[4], ty[4];
    _mm_storeu_ps(tx, ax); _mm_storeu_ps(ty, ay);
    *sx = (tx[0] + tx[1]) + (tx[2] + tx[3]);
    *sy = (ty[0] + ty[1]) + (ty[2] + ty[3]);
#else
    float x = 0.0f, y = 0.0f;
    for (int p = 0; p < m; p++) {
        float dx = cx - ox[p], dy = cy - oy[p];
        float dd = dx * dx + dy * dy;
        if (dd > 0.0f) {
            float gc = use[p] * cneg / ((0.001f + dd) * (a * pow_b(dd, b) + 1.0f));
            x += clip4f(gc * dx); y += clip4f(gc * dy);
        } else {
            x += 4.0f * use[p]; y += 4.0f * use[p];
        }
    }
    *sx = x; *sy = y;
#endif
}

/* What an epoch of one block needs besides the state. */
struct blockrun {
    size_t lo, hi;       /* the block's heads */
    const float *S;      /* positions at the epoch's start */
    float alpha, fep;
    uint64_t rs;         /* negative samples' random stream */
};

/* One positive sample of edge e (head i, tail j) and its negative samples.
 * Both ends move when j is in the block (as umap-learn); a tail in another
 * block is read from S and only the head moves, by twice the step, since
 * the reverse edge moves the tail from its own block. Points of other
 * blocks are read from S, so the result does not depend on the threads'
 * timing. Positions are loaded and stored per edge, so two interleaved
 * calls never lose each other's updates. */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline void edge_step(const struct sgd *s, struct blockrun *br, size_t e)
{
    float *Y = s->Y;
    const float a = s->a, b = s->b, alpha = br->alpha, nneg = (float)s->nneg;
    size_t i = s->head[e], j = s->tail[e], lo = br->lo, hi = br->hi;
    bool own = j - lo < hi - lo;
    float cx = Y[2 * i], cy = Y[2 * i + 1];
    const float *o = own ? Y + 2 * j : br->S + 2 * j;
    float dx = cx - o[0], dy = cy - o[1];
    float d2 = dx * dx + dy * dy;
    if (d2 > 0.0f) {
        float pb = pow_b(d2, b);
        float gc = -2.0f * a * b * pb / (d2 * (a * pb + 1.0f));
        float gx = clip4f(gc * dx) * alpha, gy = clip4f(gc * dy) * alpha;
        if (own) {
            cx += gx; cy += gy;
            Y[2 * j] -= gx; Y[2 * j + 1] -= gy;
        } else {
            cx += 2.0f * gx; cy += 2.0f * gy;
        }
    }
    float eps = s->eps[e];
    s->next[e] += eps;
    int nn = (int)((br->fep - s->nextneg[e]) * nneg / eps);
    /* the negative samples of this edge in batches, each gradient taken at
     * the same position: independent, so they overlap */
    for (int p0 = 0; p0 < nn; p0 += NEG_BATCH) {
        int m = nn - p0 < NEG_BATCH ? nn - p0 : NEG_BATCH;
        float ox[NEG_BATCH], oy[NEG_BATCH], use[NEG_BATCH];
        for (int p = 0; p < m; p++) {
            uint64_t r = rng_splitmix(&br->rs);
            size_t k = (size_t)(((r >> 32) * (uint64_t)s->n) >> 32);
            const float *o2 = (k - lo < hi - lo ? Y : br->S) + 2 * k;
            ox[p] = o2[0]; oy[p] = o2[1];
            use[p] = k == i ? 0.0f : 1.0f;
        }
        float sx, sy;
        neg_batch(cx, cy, ox, oy, use, m, a, b, 2.0f * s->gamma * b, &sx, &sy);
        cx += sx * alpha;
        cy += sy * alpha;
    }
    if (nn > 0) s->nextneg[e] += (float)nn * eps / nneg;
    Y[2 * i] = cx; Y[2 * i + 1] = cy;
}

/* One epoch of the block [lo, hi): the edges due this epoch are listed in
 * F, then taken from the two halves of the list in turn. Each sample's
 * arithmetic waits on the last one's result at the same point; two
 * independent streams let the processor overlap them. */
static void epoch_block(const struct sgd *s, size_t lo, size_t hi, const float *S,
                        int ep, float alpha, uint64_t rs, uint32_t *F)
{
    struct blockrun br = { .lo = lo, .hi = hi, .S = S, .alpha = alpha, .fep = (float)ep, .rs = rs };
    size_t e0 = s->start[lo], e1 = s->start[hi], nf = 0;
    for (size_t e = e0; e < e1; e++) {
        F[nf] = (uint32_t)e;
        nf += s->next[e] <= br.fep;
    }
    size_t h = (nf + 1) / 2;
    for (size_t q = 0; q < h; q++) {
        edge_step(s, &br, F[q]);
        if (q + h < nf) edge_step(s, &br, F[q + h]);
    }
}

/* Block boundaries with about equal sampling work (positive and negative
 * samples per epoch) in each block. */
static void split_blocks(const struct sgd *s, int nt, size_t *cut)
{
    size_t n = s->n;
    double total = 0.0;
    for (size_t e = 0; e < s->start[n]; e++)
        if (isfinite(s->next[e])) total += (1.0 + s->nneg) / s->eps[e] + 0.05;
    cut[0] = 0;
    double acc = 0.0;
    size_t i = 0;
    for (int t = 1; t < nt; t++) {
        double goal = total * t / nt;
        while (i < n && acc < goal) {
            for (size_t e = s->start[i]; e < s->start[i + 1]; e++)
                if (isfinite(s->next[e])) acc += (1.0 + s->nneg) / s->eps[e] + 0.05;
            i++;
        }
        cut[t] = i;
    }
    cut[nt] = n;
}

/* The epochs: one parallel region, one barrier per epoch. Returns the
 * epochs completed. */
static int optimise(struct sgd *s, int nt, int epochs, double lr, unsigned long seed, progress *prog)
{
    int done = epochs;
    #pragma omp parallel num_threads(nt)
    {
        int t = 0;
#ifdef _OPENMP
        t = omp_get_thread_num();
#endif
        size_t lo = s->cut[t], hi = s->cut[t + 1];
        for (int ep = 0; ep < epochs; ep++) {
            float *S = s->snap[ep & 1];
            memcpy(S + 2 * lo, s->Y + 2 * lo, sizeof(float) * 2 * (hi - lo));
            /* after it every block's snapshot is complete, and every thread
             * has finished reading the other snapshot (the last epoch) */
            #pragma omp barrier
            if (s->stop[ep]) {
                if (t == 0) done = ep;
                break;
            }
            float alpha = (float)(lr * (1.0 - (double)ep / (double)epochs));
            uint64_t rs = rng_mix(rng_mix(seed) ^ rng_mix(((uint64_t)ep << 20) + (uint64_t)t));
            epoch_block(s, lo, hi, S, ep, alpha, rs, s->fired + s->start[lo]);
            if (t == 0) {
                /* read by all after the next barrier, written only here */
                s->stop[ep + 1] = progress_cancelled() ? 1 : 0;
                if (prog) {
                    char extra[64];
                    snprintf(extra, sizeof extra, "epoch %d", ep + 1);
                    progress_update(prog, (double)(ep + 1), extra);
                }
            }
        }
    }
    return done;
}

int umap_run(const float *X, size_t n, size_t dim, const struct knngraph *g,
             const struct umap_opts *o, double *Y, struct umap_info *info, embx_err *e)
{
    memset(info, 0, sizeof *info);
    if (n < 4) return err_set(e, "UMAP needs at least 4 points, got %zu", n);
    if (!g || g->n != n) return err_set(e, "UMAP: the neighbour graph does not match the %zu points", n);
    if (o->neighbors < 2) return err_set(e, "--neighbors must be at least 2, got %d", o->neighbors);
    if (o->epochs < 0) return err_set(e, "--epochs must be positive, got %d", o->epochs);
    if (o->negative < 1) return err_set(e, "negative samples must be at least 1");
    if (n > UINT32_MAX) return err_set(e, "UMAP handles at most %u points, got %zu", UINT32_MAX, n);
    int nt = o->threads;
#ifdef _OPENMP
    if (nt <= 0) nt = omp_get_max_threads();
#else
    nt = 1;
#endif
    if ((size_t)nt > n / 2) nt = (int)(n / 2 > 0 ? n / 2 : 1);
    if (umap_fit_ab(o->spread, o->min_dist, &info->a, &info->b, e) != EMBX_OK) return EMBX_ERR;
    size_t kk = (size_t)o->neighbors - 1;
    if (kk > g->k) kk = g->k;
    int epochs = o->epochs > 0 ? o->epochs : n <= 10000 ? 500 : 200;
    info->epochs = epochs;
    double t0 = progress_now();
    clock_t c0 = clock();
    struct fgraph f = {0};
    struct sgd s = {0};
    size_t *lab = NULL;
    int rc = fuzzy_graph(g, kk, nt, &f, e);
    if (rc != EMBX_OK) return rc;
    info->seconds_fuzzy = progress_now() - t0;
    if (f.m > UINT32_MAX) { fgraph_free(&f); return err_set(e, "UMAP: %zu graph edges are too many", f.m); }
    rc = EMBX_ERR;
    lab = malloc(sizeof(size_t) * n);
    size_t m1 = f.m ? f.m : 1;
    s.tail = malloc(sizeof(uint32_t) * m1);
    s.head = malloc(sizeof(uint32_t) * m1);
    s.fired = malloc(sizeof(uint32_t) * m1);
    s.eps = malloc(sizeof(float) * m1);
    s.next = malloc(sizeof(float) * m1);
    s.nextneg = malloc(sizeof(float) * m1);
    s.Y = malloc(sizeof(float) * 2 * n);
    s.snap[0] = malloc(sizeof(float) * 2 * n);
    s.snap[1] = malloc(sizeof(float) * 2 * n);
    s.cut = malloc(sizeof(size_t) * ((size_t)nt + 1));
    s.stop = calloc((size_t)epochs + 1, 1);
    if (!lab || !s.tail || !s.head || !s.fired || !s.eps || !s.next || !s.nextneg || !s.Y || !s.snap[0] || !s.snap[1] || !s.cut || !s.stop) { err_set(e, "out of memory for UMAP of %zu points", n); goto done; }
    info->edges = f.m / 2;
    info->components = components(&f, lab);

    /* start */
    enum umap_init init = o->init;
    if (init == UMAP_INIT_SPECTRAL) {
        if (info->components != 1) {
            snprintf(info->init_note, sizeof info->init_note,
                     "the neighbour graph has %zu disconnected parts", info->components);
            init = UMAP_INIT_PCA;
        } else if (n > SPECTRAL_MAX_POINTS) {
            snprintf(info->init_note, sizeof info->init_note, "%zu points are too many for the spectral start", n);
            init = UMAP_INIT_PCA;
        } else if (spectral(&f, o->seed, nt, Y) != 0 || !scale_start(Y, n, o->seed)) {
            if (progress_cancelled()) { info->cancelled = true; rc = err_cancelled(e); goto done; }
            snprintf(info->init_note, sizeof info->init_note, "the spectral start did not converge");
            init = UMAP_INIT_PCA;
        }
        info->init_fallback = init != UMAP_INIT_SPECTRAL;
    }
    if (init == UMAP_INIT_PCA && (pca_start(X, n, dim, Y) != 0 || !scale_start(Y, n, o->seed)))
        init = UMAP_INIT_RANDOM;
    if (init == UMAP_INIT_RANDOM) {
        uint64_t st = rng_mix(o->seed ^ 0xa11d);
        for (size_t i = 0; i < 2 * n; i++) Y[i] = 20.0 * unif(&st) - 10.0;
    }
    info->init = init;
    info->seconds_init = progress_now() - t0;
    double t1 = progress_now();

    /* edge schedule: weights below max / epochs would never be sampled */
    double wmax = 0.0;
    for (size_t a = 0; a < f.m; a++) if (f.w[a] > wmax) wmax = f.w[a];
    for (size_t i = 0; i < n; i++)
        for (size_t a = f.start[i]; a < f.start[i + 1]; a++) s.head[a] = (uint32_t)i;
    for (size_t a = 0; a < f.m; a++) {
        s.tail[a] = (uint32_t)f.tail[a];
        if (f.w[a] < wmax / (double)epochs) { s.eps[a] = 1.0f; s.next[a] = INFINITY; s.nextneg[a] = 0.0f; continue; }
        double eps = wmax / f.w[a];
        s.eps[a] = (float)eps;
        s.next[a] = (float)eps;
        s.nextneg[a] = (float)(eps / (double)o->negative);
    }
    for (size_t i = 0; i < 2 * n; i++) s.Y[i] = (float)Y[i];
    s.n = n; s.start = f.start;
    s.a = (float)info->a; s.b = (float)info->b; s.gamma = 1.0f; s.nneg = o->negative;
    split_blocks(&s, nt, s.cut);
    int ep = optimise(&s, nt, epochs, o->learning_rate, o->seed, o->prog);
    info->cancelled = ep < epochs;
    for (size_t i = 0; i < 2 * n; i++) Y[i] = (double)s.Y[i];
    info->epochs_done = ep;
    info->seconds_optimize = progress_now() - t1;
    info->cpu_seconds = (double)(clock() - c0) / CLOCKS_PER_SEC;
    rc = info->cancelled ? err_cancelled(e) : EMBX_OK;
done:
    fgraph_free(&f);
    free(lab);
    free(s.tail); free(s.head); free(s.fired); free(s.eps); free(s.next); free(s.nextneg);
    free(s.Y); free(s.snap[0]); free(s.snap[1]); free(s.cut); free(s.stop);
    return rc;
}
