/* Unit tests of the project area: PCA recovers known axes, t-SNE separates
 * generated clusters, is reproducible, survives cancellation and duplicates,
 * and the selections pick the rows they say. */
#include <check.h>
#include "unit.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "args.h"
#include "fftrep.h"
#include "pca.h"
#include "quadtree.h"
#include "progress.h"
#include "selargs.h"
#include "table.h"
#include "tsne.h"

/* Gaussian blobs: n points in dim dimensions around `blobs` random centres
 * (spread `spread`, noise 1); label[i] = i % blobs. */
static float *make_blobs(size_t n, size_t dim, int blobs, double spread, unsigned long seed, int *label)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    double *c = malloc(sizeof(double) * (size_t)blobs * dim);
    for (size_t i = 0; i < (size_t)blobs * dim; i++) c[i] = gsl_ran_gaussian(r, spread);
    float *X = malloc(sizeof(float) * n * dim);
    for (size_t i = 0; i < n; i++) {
        label[i] = (int)(i % (size_t)blobs);
        for (size_t j = 0; j < dim; j++)
            X[i * dim + j] = (float)(c[(size_t)label[i] * dim + j] + gsl_ran_gaussian(r, 1.0));
    }
    free(c);
    gsl_rng_free(r);
    return X;
}

/* Fraction of each point's 10 nearest 2-D neighbours that share its label. */
static double label_agreement(const double *Y, const int *label, size_t n)
{
    enum { K = 10 };
    double agree = 0.0;
    double *d = malloc(sizeof(double) * n);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            double dx = Y[2 * i] - Y[2 * j], dy = Y[2 * i + 1] - Y[2 * j + 1];
            d[j] = j == i ? INFINITY : dx * dx + dy * dy;
        }
        for (int k = 0; k < K; k++) {
            size_t best = 0;
            for (size_t j = 1; j < n; j++) if (d[j] < d[best]) best = j;
            if (label[best] == label[i]) agree += 1.0;
            d[best] = INFINITY;
        }
    }
    free(d);
    return agree / (double)(n * K);
}

static bool all_finite(const double *Y, size_t n)
{
    for (size_t i = 0; i < 2 * n; i++) if (!isfinite(Y[i])) return false;
    return true;
}

START_TEST(test_pca_recovers_axes)
{
    enum { N = 3000, D = 20 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    /* Two orthonormal directions u (strong) and v (weaker), plus an offset. */
    double u[D], v[D], nu = 0, nv = 0, uv = 0;
    for (int j = 0; j < D; j++) { u[j] = gsl_ran_gaussian(r, 1); v[j] = gsl_ran_gaussian(r, 1); }
    for (int j = 0; j < D; j++) nu += u[j] * u[j];
    for (int j = 0; j < D; j++) u[j] /= sqrt(nu);
    for (int j = 0; j < D; j++) uv += u[j] * v[j];
    for (int j = 0; j < D; j++) v[j] -= uv * u[j];
    for (int j = 0; j < D; j++) nv += v[j] * v[j];
    for (int j = 0; j < D; j++) v[j] /= sqrt(nv);
    float *X = malloc(sizeof(float) * N * D);
    for (int i = 0; i < N; i++) {
        double a = gsl_ran_gaussian(r, 5.0), b = gsl_ran_gaussian(r, 2.0);
        for (int j = 0; j < D; j++)
            X[i * D + j] = (float)(10.0 + a * u[j] + b * v[j] + gsl_ran_gaussian(r, 0.1));
    }
    struct pca p;
    embx_err e;
    ck_assert_int_eq(pca_fit(X, D, D, NULL, N, 2, NULL, &p, &e), EMBX_OK);
    double cu = 0, cv = 0;
    for (int j = 0; j < D; j++) { cu += p.components[j] * u[j]; cv += p.components[D + j] * v[j]; }
    ck_assert_msg(fabs(cu) > 0.999, "PC1 . u = %g", cu);
    ck_assert_msg(fabs(cv) > 0.999, "PC2 . v = %g", cv);
    /* variances 25 and 4 (+ noise 0.01 each), total 29 + 20 * 0.01 */
    ck_assert_msg(fabs(p.variance[0] - 25.0) < 2.0, "variance %g", p.variance[0]);
    ck_assert_msg(fabs(p.variance[1] - 4.0) < 0.4, "variance %g", p.variance[1]);
    ck_assert_msg(p.ratio[0] > 0.8 && p.ratio[0] + p.ratio[1] > 0.99, "ratios %g %g", p.ratio[0], p.ratio[1]);
    ck_assert_msg(fabs(p.mean[0] - 10.0) < 0.5, "mean %g", p.mean[0]);
    /* sign convention: the largest coefficient of each component is positive */
    for (int c = 0; c < 2; c++) {
        int best = 0;
        for (int j = 1; j < D; j++) if (fabs(p.components[c * D + j]) > fabs(p.components[c * D + best])) best = j;
        ck_assert(p.components[c * D + best] > 0);
    }
    /* a row list selects rows: PCA of every other row agrees */
    size_t rows[N / 2];
    for (size_t i = 0; i < N / 2; i++) rows[i] = 2 * i;
    struct pca q;
    ck_assert_int_eq(pca_fit(X, D, D, rows, N / 2, 2, NULL, &q, &e), EMBX_OK);
    double cq = 0;
    for (int j = 0; j < D; j++) cq += q.components[j] * p.components[j];
    ck_assert_msg(cq > 0.999, "subset PC1 . PC1 = %g", cq);
    double Y[2 * 4];
    pca_transform(&p, X, D, NULL, 4, Y);
    for (int i = 0; i < 8; i++) ck_assert(isfinite(Y[i]));
    pca_free(&p);
    pca_free(&q);
    ck_assert_int_eq(pca_fit(X, D, D, NULL, 1, 2, NULL, &p, &e), EMBX_ERR);
    free(X);
    gsl_rng_free(r);
}
END_TEST

static void check_blobs(enum tsne_method method, enum tsne_metric metric, int iters)
{
    enum { N = 500, D = 50 };
    int label[N];
    float *X = make_blobs(N, D, 5, 3.0, 11, label);
    struct tsne_opts o;
    tsne_opts_init(&o);
    o.method = method;
    o.metric = metric;
    o.iters = iters;
    o.threads = 1;   /* threads are the reproducibility test's business */
    double *Y = malloc(sizeof(double) * 2 * N);
    struct tsne_info info;
    embx_err e;
    ck_assert_int_eq(tsne_run(X, N, D, &o, Y, &info, &e), EMBX_OK);
    ck_assert_int_eq(info.method, method);
    ck_assert(all_finite(Y, N));
    double agree = label_agreement(Y, label, N);
    ck_assert_msg(agree > 0.95, "10-NN label agreement %g", agree);
    ck_assert_msg(info.kl > 0 && info.kl < 3, "KL %g", info.kl);
    free(Y);
    free(X);
}

/* Exact repulsion sums, for checking the approximations. */
static void exact_repulsion(const double *Y, size_t n, double *rep, double *sq)
{
    for (size_t i = 0; i < n; i++) {
        double fx = 0, fy = 0, s = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i) continue;
            double dx = Y[2 * i] - Y[2 * j], dy = Y[2 * i + 1] - Y[2 * j + 1];
            double q = 1.0 / (1.0 + dx * dx + dy * dy);
            s += q; fx += q * q * dx; fy += q * q * dy;
        }
        rep[2 * i] = fx; rep[2 * i + 1] = fy; sq[i] = s;
    }
}

/* Barnes-Hut against the exact sums on layouts that stress the tree: dense
 * clusters far apart (deep cells, collapsed chains), a point far out (a wide
 * root), runs of identical points (twins count q = 1 with no force; more
 * twins than a leaf holds). theta 0 must be exact; the error must shrink as
 * theta does, for every point, not only on average. */
START_TEST(test_quadtree_against_exact)
{
    enum { N = 2000 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double *Y = malloc(sizeof(double) * 2 * N), *r0 = malloc(sizeof(double) * 2 * N);
    double *s0 = malloc(sizeof(double) * N);
    for (size_t i = 0; i < N; i++) {
        double c = (double)(i % 5) * 30.0;
        double w = i % 5 == 4 ? 1e-3 : 1.0;     /* one very dense cluster */
        Y[2 * i] = c + gsl_ran_gaussian(r, w);
        Y[2 * i + 1] = -c + gsl_ran_gaussian(r, w);
    }
    Y[0] = 5000.0; Y[1] = -3000.0;                    /* far out */
    for (size_t i = 10; i < 60; i++) { Y[2 * i] = 3.25; Y[2 * i + 1] = -1.5; }  /* 50 twins */
    Y[2 * 100] = Y[2 * 101]; Y[2 * 100 + 1] = Y[2 * 101 + 1];                 /* one pair */
    exact_repulsion(Y, N, r0, s0);
    quadtree qt = {0};
    const double thetas[] = {0.0, 0.1, 0.25, 0.5};
    double prev = 0.0;
    for (size_t c = 0; c < sizeof thetas / sizeof *thetas; c++) {
        ck_assert_int_eq(quadtree_build(&qt, Y, N, thetas[c]), 0);
        double worst = 0.0, worst_z = 0.0;
        for (size_t i = 0; i < N; i++) {
            double f[2] = {0, 0};
            double z = quadtree_repulsion(&qt, i, f);
            double fn = hypot(r0[2 * i], r0[2 * i + 1]);
            double err = hypot(f[0] - r0[2 * i], f[1] - r0[2 * i + 1]) / fmax(fn, 1e-300);
            if (fn == 0.0) err = hypot(f[0], f[1]);
            if (err > worst) worst = err;
            if (fabs(z - s0[i]) / s0[i] > worst_z) worst_z = fabs(z - s0[i]) / s0[i];
        }
        if (thetas[c] == 0.0) {
            ck_assert_msg(worst < 1e-9 && worst_z < 1e-12, "theta 0: force error %g, Z error %g", worst, worst_z);
        } else {
            ck_assert_msg(worst_z < 0.05 * thetas[c], "theta %g: Z error %g", thetas[c], worst_z);
            ck_assert_msg(worst < 0.5 * thetas[c], "theta %g: worst force error %g", thetas[c], worst);
            ck_assert_msg(worst >= prev, "theta %g: error %g below the smaller theta's %g", thetas[c], worst, prev);
        }
        prev = worst;
    }
    /* the 50 twins (more than a leaf holds): each feels the other 49 with
     * q = 1 and no force from them */
    ck_assert_int_eq(quadtree_build(&qt, Y, N, 0.0), 0);
    double f[2] = {0, 0};
    double z = quadtree_repulsion(&qt, 20, f);
    ck_assert_msg(s0[20] > 49.0 && fabs(z - s0[20]) < 1e-12 * s0[20], "twin: Z %g vs %g", z, s0[20]);
    ck_assert_msg(fabs(f[0] - r0[40]) <= 1e-9 * fabs(r0[40]), "twin: force %g vs %g", f[0], r0[40]);
    quadtree_free(&qt);
    free(Y); free(r0); free(s0);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_repulsion_approximations)
{
    enum { N = 1500 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2);
    double *Y = malloc(sizeof(double) * 2 * N), *r0 = malloc(sizeof(double) * 2 * N), *r1 = malloc(sizeof(double) * 2 * N);
    double *s0 = malloc(sizeof(double) * N), *s1 = malloc(sizeof(double) * N);
    /* spans from a fresh PCA start (1e-3) to a converged layout (~40) */
    const double scales[] = {1e-3, 1.0, 10.0, 20.0};
    fftrep *f = fftrep_new(N, 2);
    quadtree qt = {0};
    for (size_t c = 0; c < sizeof scales / sizeof *scales; c++) {
        for (size_t i = 0; i < N; i++) {
            Y[2 * i] = gsl_ran_gaussian(r, scales[c]) + (double)(i % 4) * scales[c];
            Y[2 * i + 1] = gsl_ran_gaussian(r, scales[c]);
        }
        exact_repulsion(Y, N, r0, s0);
        double z0 = 0, z1 = 0, e = 0, nf = 0;
        ck_assert_int_eq(fftrep_compute(f, Y, r1, s1), 0);
        for (size_t i = 0; i < N; i++) {
            z0 += s0[i]; z1 += s1[i];
            e += pow(r0[2 * i] - r1[2 * i], 2) + pow(r0[2 * i + 1] - r1[2 * i + 1], 2);
            nf += r0[2 * i] * r0[2 * i] + r0[2 * i + 1] * r0[2 * i + 1];
        }
        ck_assert_msg(fabs(z1 - z0) < 0.01 * z0, "FFT: Z %g vs exact %g at scale %g", z1, z0, scales[c]);
        ck_assert_msg(sqrt(e / nf) < 0.05, "FFT: force error %g at scale %g", sqrt(e / nf), scales[c]);
        /* Barnes-Hut with theta 0.5 and, with theta 0, exactly */
        for (int th = 0; th < 2; th++) {
            ck_assert_int_eq(quadtree_build(&qt, Y, N, th ? 0.5 : 0.0), 0);
            z1 = 0; e = 0;
            for (size_t i = 0; i < N; i++) {
                double fo[2] = {0, 0};
                z1 += quadtree_repulsion(&qt, i, fo);
                e += pow(r0[2 * i] - fo[0], 2) + pow(r0[2 * i + 1] - fo[1], 2);
            }
            double tol = th ? 0.05 : 1e-9;
            ck_assert_msg(fabs(z1 - z0) < tol * z0, "BH theta %d: Z %g vs %g", th, z1, z0);
            ck_assert_msg(sqrt(e / nf) < tol, "BH theta %d: force error %g", th, sqrt(e / nf));
        }
    }
    quadtree_free(&qt);
    fftrep_free(f);
    free(Y); free(r0); free(r1); free(s0); free(s1);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_tsne_blobs_exact) { check_blobs(TSNE_EXACT, TSNE_EUCLIDEAN, 1000); }
END_TEST
START_TEST(test_tsne_blobs_bh) { check_blobs(TSNE_BARNES_HUT, TSNE_EUCLIDEAN, 1000); }
END_TEST
START_TEST(test_tsne_blobs_cosine) { check_blobs(TSNE_BARNES_HUT, TSNE_COSINE, 1000); }
END_TEST
START_TEST(test_tsne_blobs_fft) { check_blobs(TSNE_FFT, TSNE_EUCLIDEAN, 400); }
END_TEST

/* Runs o on 2 threads into A and on 1 thread into B; true when bit-identical. */
static bool same_on_1_and_2_threads(const float *X, size_t n, size_t dim, struct tsne_opts *o,
                                    double *A, double *B)
{
    struct tsne_info info;
    embx_err e;
    o->threads = 2;
    ck_assert_int_eq(tsne_run(X, n, dim, o, A, &info, &e), EMBX_OK);
    o->threads = 1;
    ck_assert_int_eq(tsne_run(X, n, dim, o, B, &info, &e), EMBX_OK);
    return memcmp(A, B, sizeof(double) * 2 * n) == 0;
}

START_TEST(test_tsne_reproducible)
{
    enum { N = 300, D = 10 };
    int label[N];
    float *X = make_blobs(N, D, 3, 3.0, 5, label);
    struct tsne_opts o;
    tsne_opts_init(&o);
    o.iters = 300;
    o.random_init = true;
    o.seed = 42;
    o.method = TSNE_BARNES_HUT;
    o.threads = 2;
    double *A = malloc(sizeof(double) * 2 * N), *B = malloc(sizeof(double) * 2 * N);
    struct tsne_info info;
    embx_err e;
    ck_assert_int_eq(tsne_run(X, N, D, &o, A, &info, &e), EMBX_OK);
    ck_assert_int_eq(tsne_run(X, N, D, &o, B, &info, &e), EMBX_OK);
    ck_assert_msg(memcmp(A, B, sizeof(double) * 2 * N) == 0, "same seed, different layout");
    /* per-point sums in a fixed order: one thread gives the same bits */
    ck_assert_msg(same_on_1_and_2_threads(X, N, D, &o, A, B), "thread count changed the layout");
    /* the FFT path too (a few iterations: its grid costs the same at any n) */
    o.method = TSNE_FFT;
    o.iters = 60;
    o.exaggeration_iters = 30;
    ck_assert_msg(same_on_1_and_2_threads(X, N, D, &o, A, B), "FFT: thread count changed the layout");
    o.method = TSNE_BARNES_HUT;
    o.iters = 300;
    o.exaggeration_iters = 250;
    ck_assert_int_eq(tsne_run(X, N, D, &o, A, &info, &e), EMBX_OK);
    o.threads = 2;
    o.seed = 43;
    ck_assert_int_eq(tsne_run(X, N, D, &o, B, &info, &e), EMBX_OK);
    ck_assert_msg(memcmp(A, B, sizeof(double) * 2 * N) != 0, "another seed, same layout");
    free(A); free(B); free(X);
}
END_TEST

static void cancel_at_120(void *ctx, int iter, double kl)
{
    (void)ctx; (void)kl;
    if (iter == 120) progress_cancel_flag = 1;
}

START_TEST(test_tsne_cancel_keeps_layout)
{
    enum { N = 400, D = 20 };
    int label[N];
    float *X = make_blobs(N, D, 4, 3.0, 9, label);
    struct tsne_opts o;
    tsne_opts_init(&o);
    o.on_iter = cancel_at_120;
    double *Y = malloc(sizeof(double) * 2 * N);
    struct tsne_info info;
    embx_err e;
    int rc = tsne_run(X, N, D, &o, Y, &info, &e);
    progress_reset_cancel();
    ck_assert_int_eq(rc, EMBX_CANCELLED);
    ck_assert(info.cancelled);
    ck_assert_int_eq(info.iters_done, 120);
    ck_assert(all_finite(Y, N));
    ck_assert(isfinite(info.kl));
    /* the layout is spread out, not the initial 1e-4 blob */
    double maxabs = 0;
    for (size_t i = 0; i < 2 * N; i++) maxabs = fmax(maxabs, fabs(Y[i]));
    ck_assert_msg(maxabs > 0.1, "layout extent %g", maxabs);
    free(Y); free(X);
}
END_TEST

START_TEST(test_tsne_duplicates_and_small)
{
    enum { N = 60, D = 8 };
    int label[N];
    float *X = make_blobs(N, D, 3, 3.0, 3, label);
    /* rows 30..59 are copies of rows 0..29: zero distances everywhere */
    memcpy(X + 30 * D, X, sizeof(float) * 30 * D);
    struct tsne_opts o;
    tsne_opts_init(&o);
    o.iters = 400;
    double Y[2 * N];
    struct tsne_info info;
    embx_err e;
    for (int m = TSNE_EXACT; m <= TSNE_BARNES_HUT; m++) {
        for (int metric = TSNE_COSINE; metric <= TSNE_EUCLIDEAN; metric++) {
            o.method = (enum tsne_method)m;
            o.metric = (enum tsne_metric)metric;
            ck_assert_int_eq(tsne_run(X, N, D, &o, Y, &info, &e), EMBX_OK);
            ck_assert(all_finite(Y, N));
            ck_assert(isfinite(info.kl));
            ck_assert_uint_eq(info.duplicates, N);
            /* perplexity 30 is too large for 60 points */
            ck_assert(info.perplexity_lowered);
            ck_assert_double_eq_tol(info.perplexity, 59.0 / 3.0, 1e-12);
        }
    }
    /* all points identical */
    for (size_t i = 1; i < N; i++) memcpy(X + i * D, X, sizeof(float) * D);
    o.method = TSNE_BARNES_HUT;
    ck_assert_int_eq(tsne_run(X, N, D, &o, Y, &info, &e), EMBX_OK);
    ck_assert(all_finite(Y, N));
    /* three points work, two do not */
    ck_assert_int_eq(tsne_run(X, 3, D, &o, Y, &info, &e), EMBX_OK);
    ck_assert(all_finite(Y, 3));
    ck_assert_int_eq(tsne_run(X, 2, D, &o, Y, &info, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "at least 3 points"));
    free(X);
}
END_TEST

/* ---- selections ---- */

static const char *const sel_words[] = {"the", "paris", "pari", "parade", "london", "king", "queen", "man", "woman", "apple"};
#define NW 10

static embx_table *word_table(void)
{
    embx_err e;
    embx_table *t = unit_table(sel_words, NW, 4);
    /* row i points in direction i (mod 4) with a growing tilt */
    for (size_t i = 0; i < NW; i++)
        for (size_t j = 0; j < 4; j++) table_row(t, i)[j] = (j == i % 4 ? 1.0f : 0.0f) + 0.1f * (float)i * (j == 3);
    ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
    return t;
}

static const struct optspec sel_opts[] = { SELECTION_OPTSPECS, {0} };

/* Parses "plot tsne ARGS" and selects; returns the status. */
static int select_line(embx_table *t, const char *line, struct selection *sel, embx_err *e)
{
    struct token *tk;
    size_t n;
    ck_assert_int_eq(args_tokenize(line, &tk, &n, e), EMBX_OK);
    struct args a;
    ck_assert_int_eq(args_parse(&a, "plot", sel_opts, tk, n, 1, e), EMBX_OK);
    int rc = selection_from_args(t, &a, 1, 4, 0, sel, e);
    args_free(&a);
    return rc;
}

START_TEST(test_selection_cases)
{
    embx_table *t = word_table();
    struct selection s;
    embx_err e;

    ck_assert_int_eq(select_line(t, "plot tsne", &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 4);
    ck_assert_str_eq(s.desc, "the first 4 words");
    selection_free(&s);

    ck_assert_int_eq(select_line(t, "plot tsne king nosuch queen zzz king", &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 2);
    ck_assert_uint_eq(s.rows[0], 5);
    ck_assert_uint_eq(s.rows[1], 6);
    ck_assert_uint_eq(s.nmissing, 2);
    ck_assert_str_eq(s.note, "not in the table: nosuch, zzz");
    selection_free(&s);

    ck_assert_int_eq(select_line(t, "plot tsne nosuch zzz", &s, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "nosuch"));

    ck_assert_int_eq(select_line(t, "plot tsne --top 3", &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 3);
    ck_assert_uint_eq(s.rows[2], 2);
    selection_free(&s);
    ck_assert_int_eq(select_line(t, "plot tsne --top 99", &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, NW);
    selection_free(&s);

    struct selection s2;
    ck_assert_int_eq(select_line(t, "plot tsne --sample 5 --seed 3", &s, &e), EMBX_OK);
    ck_assert_int_eq(select_line(t, "plot tsne --sample 5 --seed 3", &s2, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 5);
    ck_assert(memcmp(s.rows, s2.rows, 5 * sizeof(size_t)) == 0);
    for (size_t i = 1; i < 5; i++) ck_assert(s.rows[i] > s.rows[i - 1]);
    ck_assert_ptr_nonnull(strstr(s.desc, "seed 3"));
    selection_free(&s);
    selection_free(&s2);

    ck_assert_int_eq(select_line(t, "plot tsne --near king 3", &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 4);
    ck_assert_uint_eq(s.rows[0], 5);
    ck_assert(s.highlight && s.highlight[0] && !s.highlight[1]);
    ck_assert_str_eq(s.desc, "4 words near king");
    selection_free(&s);
    ck_assert_int_eq(select_line(t, "plot tsne --near kingg 3", &s, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "king"));
    ck_assert_int_eq(select_line(t, "plot tsne --near king many", &s, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "--near"));

    ck_assert_int_eq(select_line(t, "plot tsne --prefix par", &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 3);
    ck_assert_uint_eq(s.rows[0], 1);
    ck_assert_uint_eq(s.rows[2], 3);
    selection_free(&s);
    ck_assert_int_eq(select_line(t, "plot tsne --prefix par --top 2", &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 2);
    selection_free(&s);
    ck_assert_int_eq(select_line(t, "plot tsne --prefix xyz", &s, &e), EMBX_ERR);

    char path[] = "/tmp/embx-test-selXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *fp = fdopen(fd, "w");
    fputs("king\troyal\r\nqueen\troyal\nnosuch\tx\n\nlondon\tcity\nparis city\napple\n", fp);
    fclose(fp);
    char line[128];
    snprintf(line, sizeof line, "plot tsne --file %s", path);
    ck_assert_int_eq(select_line(t, line, &s, &e), EMBX_OK);
    ck_assert_uint_eq(s.n, 5);
    ck_assert_int_eq(s.ngroups, 2);
    ck_assert_str_eq(s.group_names[0], "royal");
    ck_assert_str_eq(s.group_names[1], "city");
    ck_assert_int_eq(s.group[1], 0);
    ck_assert_int_eq(s.group[3], 1);   /* "paris city": blank-separated */
    ck_assert_int_eq(s.group[4], -1);  /* apple: no group */
    ck_assert_uint_eq(s.nmissing, 1);
    selection_free(&s);
    unlink(path);
    ck_assert_int_eq(select_line(t, line, &s, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, path));

    ck_assert_int_eq(select_line(t, "plot tsne king --top 3", &s, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "choose one selection"));
    table_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("project");
    TCase *tc = tcase_create("project");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_pca_recovers_axes);
    tcase_add_test(tc, test_tsne_blobs_exact);
    tcase_add_test(tc, test_tsne_blobs_bh);
    tcase_add_test(tc, test_tsne_blobs_cosine);
    tcase_add_test(tc, test_tsne_blobs_fft);
    tcase_add_test(tc, test_repulsion_approximations);
    tcase_add_test(tc, test_quadtree_against_exact);
    tcase_add_test(tc, test_tsne_reproducible);
    tcase_add_test(tc, test_tsne_cancel_keeps_layout);
    tcase_add_test(tc, test_tsne_duplicates_and_small);
    tcase_add_test(tc, test_selection_cases);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
