/* Unit tests of the map modules: faithfulness scores (identity layout is
 * fully trustworthy, agrees with a brute-force definition), neighbour graph
 * recall (matches a brute-force check), UMAP's curve fit, blobs kept apart,
 * a ring and a line keeping their order, reproducibility, the same quality
 * for any thread count. */
#include <check.h>
#include "unit.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "faith.h"
#include "knngraph.h"
#include "umap.h"

static float *gauss_matrix(size_t n, size_t dim, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    float *X = malloc(sizeof(float) * n * dim);
    for (size_t i = 0; i < n * dim; i++) X[i] = (float)gsl_ran_gaussian(r, 1.0);
    gsl_rng_free(r);
    return X;
}

START_TEST(test_faith_identity)
{
    /* 2-D data laid out as itself: every map neighbour is a true one */
    size_t n = 600;
    float *X = gauss_matrix(n, 2, 3);
    double *Y = malloc(sizeof(double) * 2 * n);
    for (size_t i = 0; i < 2 * n; i++) Y[i] = X[i];
    struct faith_opts o;
    faith_opts_init(&o);
    o.cosine = false;
    struct faith f;
    embx_err e;
    ck_assert_int_eq(faith_score(X, 2, 2, NULL, n, Y, &o, &f, NULL, &e), EMBX_OK);
    ck_assert(fabs(f.trust - 1.0) < 1e-12);
    ck_assert(fabs(f.preservation - 1.0) < 1e-12);
    ck_assert(!f.sampled);
    ck_assert_uint_eq(f.k, 10);
    /* on a sample: still exact, and said to be a sample */
    o.max_sample = 200;
    ck_assert_int_eq(faith_score(X, 2, 2, NULL, n, Y, &o, &f, NULL, &e), EMBX_OK);
    ck_assert(fabs(f.trust - 1.0) < 1e-12);
    ck_assert(f.sampled);
    ck_assert_uint_eq(f.points, 200);
    /* a shuffled layout is not trustworthy */
    for (size_t i = 0; i < n; i++) {
        size_t j = (i * 7919) % n;
        Y[2 * i] = X[2 * j]; Y[2 * i + 1] = X[2 * j + 1];
    }
    o.max_sample = 0;
    ck_assert_int_eq(faith_score(X, 2, 2, NULL, n, Y, &o, &f, NULL, &e), EMBX_OK);
    ck_assert_msg(f.trust < 0.7, "shuffled trust %f", f.trust);
    ck_assert_msg(f.preservation < 0.1, "shuffled preservation %f", f.preservation);
    free(X); free(Y);
}
END_TEST

/* Trustworthiness by its definition: full rank lists by sorting. */
static double brute_trust(const float *X, size_t n, size_t dim, const double *Y, size_t k)
{
    double *dh = malloc(sizeof(double) * n);
    size_t *ord = malloc(sizeof(size_t) * n), *rank = malloc(sizeof(size_t) * n);
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            double s = 0.0;
            for (size_t t = 0; t < dim; t++) { double d = (double)X[i * dim + t] - X[j * dim + t]; s += d * d; }
            dh[j] = j == i ? -1.0 : s;
            ord[j] = j;
        }
        /* insertion sort by (distance, index) */
        for (size_t a = 1; a < n; a++) {
            size_t v = ord[a], b = a;
            while (b > 0 && (dh[ord[b - 1]] > dh[v] || (dh[ord[b - 1]] == dh[v] && ord[b - 1] > v))) { ord[b] = ord[b - 1]; b--; }
            ord[b] = v;
        }
        for (size_t a = 0; a < n; a++) rank[ord[a]] = a;   /* self is rank 0 */
        /* map neighbours: k smallest 2-D distances */
        bool *taken = calloc(n, 1);
        taken[i] = true;
        for (size_t c = 0; c < k; c++) {
            size_t best = SIZE_MAX; double bd = INFINITY;
            for (size_t j = 0; j < n; j++) {
                if (taken[j]) continue;
                double dx = Y[2 * i] - Y[2 * j], dy = Y[2 * i + 1] - Y[2 * j + 1];
                double d = dx * dx + dy * dy;
                if (d < bd) { bd = d; best = j; }
            }
            taken[best] = true;
            if (rank[best] > k) sum += (double)(rank[best] - k);
        }
        free(taken);
    }
    free(dh); free(ord); free(rank);
    return 1.0 - 2.0 / ((double)n * k * (2.0 * n - 3.0 * k - 1.0)) * sum;
}

START_TEST(test_faith_matches_definition)
{
    size_t n = 150, dim = 6;
    float *X = gauss_matrix(n, dim, 5);
    double *Y = malloc(sizeof(double) * 2 * n);
    /* a poor map: the first two coordinates plus noise */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 9);
    for (size_t i = 0; i < n; i++) {
        Y[2 * i] = X[i * dim] + gsl_ran_gaussian(r, 0.5);
        Y[2 * i + 1] = X[i * dim + 1] + gsl_ran_gaussian(r, 0.5);
    }
    gsl_rng_free(r);
    struct faith_opts o;
    faith_opts_init(&o);
    o.cosine = false;
    struct faith f;
    embx_err e;
    ck_assert_int_eq(faith_score(X, dim, dim, NULL, n, Y, &o, &f, NULL, &e), EMBX_OK);
    double want = brute_trust(X, n, dim, Y, 10);
    ck_assert_msg(fabs(f.trust - want) < 1e-9, "trust %.12f, by definition %.12f", f.trust, want);
    ck_assert(f.trust > 0.5 && f.trust < 0.99);
    free(X); free(Y);
}
END_TEST

/* Exact neighbour lists by brute force (squared Euclidean, ties by row). */
static size_t *brute_knn(const float *X, size_t n, size_t dim, size_t k)
{
    size_t *nb = malloc(sizeof(size_t) * n * k);
    double *d = malloc(sizeof(double) * n);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            double s = 0.0;
            for (size_t t = 0; t < dim; t++) { double x = (double)X[i * dim + t] - X[j * dim + t]; s += x * x; }
            d[j] = j == i ? INFINITY : s;
        }
        for (size_t c = 0; c < k; c++) {
            size_t b = 0;
            for (size_t j = 1; j < n; j++) if (d[j] < d[b]) b = j;
            nb[i * k + c] = b;
            d[b] = INFINITY;
        }
    }
    free(d);
    return nb;
}

START_TEST(test_knngraph_recall)
{
    size_t n = 2000, dim = 12, k = 10;
    float *X = gauss_matrix(n, dim, 11);
    size_t *truth = brute_knn(X, n, dim, k);
    struct knngraph_opts o;
    knngraph_opts_init(&o);
    o.k = k;
    o.metric = KNNG_EUCLIDEAN;
    o.threads = 2;
    o.method = KNNG_NNDESCENT;
    o.recall_sample = n;      /* measure on every point */
    struct knngraph *g;
    embx_err e;
    ck_assert_int_eq(knngraph_build(X, n, dim, &o, &g, &e), EMBX_OK);
    ck_assert(g->approximate);
    size_t found = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < k; c++)
            for (size_t d = 0; d < k; d++)
                if (g->nbr[i * k + d] == truth[i * k + c]) { found++; break; }
    double want = (double)found / (double)(n * k);
    ck_assert_msg(fabs(g->recall - want) < 1e-12, "reported recall %f, brute force %f", g->recall, want);
    ck_assert_msg(want > 0.9, "NN-descent recall %f", want);
    /* same result with one thread */
    struct knngraph *g1;
    o.threads = 1;
    ck_assert_int_eq(knngraph_build(X, n, dim, &o, &g1, &e), EMBX_OK);
    ck_assert(memcmp(g->nbr, g1->nbr, sizeof(size_t) * n * k) == 0);
    knngraph_free(g1);
    knngraph_free(g);
    /* exact graph: exactly the brute-force lists */
    o.method = KNNG_EXACT;
    ck_assert_int_eq(knngraph_build(X, n, dim, &o, &g, &e), EMBX_OK);
    ck_assert(!g->approximate);
    ck_assert(memcmp(g->nbr, truth, sizeof(size_t) * n * k) == 0);
    knngraph_free(g);
    free(X); free(truth);
    /* the automatic choice: exact up to 30,000 points for 15 neighbours, a
     * range that widens with k (NN-descent's cost grows with k, exact's not) */
    knngraph_opts_init(&o);
    size_t kk;
    o.k = 15;
    ck_assert_int_eq(knngraph_resolve(&o, 30000, &kk), KNNG_EXACT);
    ck_assert_int_eq(knngraph_resolve(&o, 30001, &kk), KNNG_NNDESCENT);
    o.k = 90;
    ck_assert_int_eq(knngraph_resolve(&o, 180000, &kk), KNNG_EXACT);
    ck_assert_int_eq(knngraph_resolve(&o, 180001, &kk), KNNG_NNDESCENT);
}
END_TEST

START_TEST(test_umap_curve)
{
    double a, b;
    embx_err e;
    /* umap-learn's find_ab_params(1.0, 0.1) gives a = 1.577, b = 0.895 */
    ck_assert_int_eq(umap_fit_ab(1.0, 0.1, &a, &b, &e), EMBX_OK);
    ck_assert_msg(fabs(a - 1.577) < 0.01 && fabs(b - 0.895) < 0.01, "a %f b %f", a, b);
    ck_assert_int_eq(umap_fit_ab(1.0, 2.0, &a, &b, &e), EMBX_ERR);
}
END_TEST

static double *run_umap(const float *X, size_t n, size_t dim, enum knngraph_metric metric,
                        int threads, unsigned long seed, struct umap_info *info)
{
    struct knngraph_opts go;
    knngraph_opts_init(&go);
    go.k = 14;
    go.metric = metric;
    go.threads = threads;
    struct knngraph *g;
    embx_err e;
    ck_assert_int_eq(knngraph_build(X, n, dim, &go, &g, &e), EMBX_OK);
    struct umap_opts o;
    umap_opts_init(&o);
    o.threads = threads;
    o.seed = seed;
    o.epochs = 200;
    double *Y = malloc(sizeof(double) * 2 * n);
    int rc = umap_run(X, n, dim, g, &o, Y, info, &e);
    ck_assert_msg(rc == EMBX_OK, "umap: %s", e.msg);
    knngraph_free(g);
    for (size_t i = 0; i < 2 * n; i++) ck_assert(isfinite(Y[i]));
    return Y;
}

START_TEST(test_umap_blobs_apart)
{
    enum { B = 5 };
    size_t n = 400, dim = 20;
    float *X = gauss_matrix(n, dim, 21);
    double *C = malloc(sizeof(double) * B * dim);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 4);
    for (size_t i = 0; i < B * dim; i++) C[i] = gsl_ran_gaussian(r, 12.0);
    gsl_rng_free(r);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < dim; j++) X[i * dim + j] += (float)C[(i % B) * dim + j];
    struct umap_info info;
    double *Y = run_umap(X, n, dim, KNNG_EUCLIDEAN, 2, 1, &info);
    double cx[B] = {0}, cy[B] = {0};
    for (size_t i = 0; i < n; i++) { cx[i % B] += Y[2 * i]; cy[i % B] += Y[2 * i + 1]; }
    for (int b = 0; b < B; b++) { cx[b] /= (double)(n / B); cy[b] /= (double)(n / B); }
    for (size_t i = 0; i < n; i++) {
        int own = (int)(i % B), best = -1;
        double bd = INFINITY;
        for (int b = 0; b < B; b++) {
            double dx = Y[2 * i] - cx[b], dy = Y[2 * i + 1] - cy[b];
            if (dx * dx + dy * dy < bd) { bd = dx * dx + dy * dy; best = b; }
        }
        ck_assert_msg(best == own, "point %zu of blob %d is nearest blob %d", i, own, best);
    }
    /* disconnected blobs: spectral start impossible, PCA used with a note */
    ck_assert(info.components == B);
    ck_assert(info.init_fallback && info.init == UMAP_INIT_PCA);
    ck_assert(strstr(info.init_note, "disconnected") != NULL);
    free(X); free(C); free(Y);
}
END_TEST

/* Fraction of points whose nearest map neighbour is within `slack` steps
 * along the planted order (cyclic when ring). */
static double order_kept(const double *Y, size_t n, bool ring, size_t slack)
{
    size_t ok = 0;
    for (size_t i = 0; i < n; i++) {
        size_t best = SIZE_MAX;
        double bd = INFINITY;
        for (size_t j = 0; j < n; j++) {
            if (j == i) continue;
            double dx = Y[2 * i] - Y[2 * j], dy = Y[2 * i + 1] - Y[2 * j + 1];
            if (dx * dx + dy * dy < bd) { bd = dx * dx + dy * dy; best = j; }
        }
        size_t gap = best > i ? best - i : i - best;
        if (ring && n - gap < gap) gap = n - gap;
        if (gap <= slack) ok++;
    }
    return (double)ok / (double)n;
}

START_TEST(test_umap_ring_and_line_order)
{
    size_t n = 300, dim = 10;
    for (int ring = 0; ring < 2; ring++) {
        float *X = gauss_matrix(n, dim, 31 + (unsigned long)ring);
        for (size_t i = 0; i < n * dim; i++) X[i] *= 0.01f;
        for (size_t i = 0; i < n; i++) {
            double t = (double)i / (double)n;
            if (ring) {
                X[i * dim] += (float)(10.0 * cos(2.0 * M_PI * t));
                X[i * dim + 3] += (float)(10.0 * sin(2.0 * M_PI * t));
            } else {
                X[i * dim + 2] += (float)(60.0 * t);
                X[i * dim + 5] += (float)(30.0 * t);
            }
        }
        struct umap_info info;
        double *Y = run_umap(X, n, dim, KNNG_EUCLIDEAN, 2, 3, &info);
        ck_assert(info.components == 1);
        ck_assert(info.init == UMAP_INIT_SPECTRAL);
        double kept = order_kept(Y, n, ring, 3);
        ck_assert_msg(kept > 0.95, "%s: order kept for %.3f of the points", ring ? "ring" : "line", kept);
        /* and the faithfulness score agrees the map is good */
        struct faith_opts fo;
        faith_opts_init(&fo);
        fo.cosine = false;
        struct faith f;
        embx_err e;
        ck_assert_int_eq(faith_score(X, dim, dim, NULL, n, Y, &fo, &f, NULL, &e), EMBX_OK);
        ck_assert_msg(f.trust > 0.9, "%s: trust %f", ring ? "ring" : "line", f.trust);
        free(X); free(Y);
    }
}
END_TEST

START_TEST(test_umap_reproducible)
{
    size_t n = 300, dim = 8;
    float *X = gauss_matrix(n, dim, 41);
    struct umap_info info;
    double *Y1 = run_umap(X, n, dim, KNNG_COSINE, 2, 7, &info);
    double *Y2 = run_umap(X, n, dim, KNNG_COSINE, 2, 7, &info);
    ck_assert(memcmp(Y1, Y2, sizeof(double) * 2 * n) == 0);
    double *Y3 = run_umap(X, n, dim, KNNG_COSINE, 2, 8, &info);
    ck_assert(memcmp(Y1, Y3, sizeof(double) * 2 * n) != 0);
    free(X); free(Y1); free(Y2); free(Y3);
}
END_TEST

/* The SGD splits the points into per-thread blocks: the map must be as
 * good for any thread count, and the same again for the same count. */
START_TEST(test_umap_any_thread_count)
{
    size_t n = 300, dim = 10;
    float *X = gauss_matrix(n, dim, 32);
    for (size_t i = 0; i < n * dim; i++) X[i] *= 0.01f;
    for (size_t i = 0; i < n; i++) {
        double t = (double)i / (double)n;
        X[i * dim] += (float)(10.0 * cos(2.0 * M_PI * t));
        X[i * dim + 3] += (float)(10.0 * sin(2.0 * M_PI * t));
    }
    for (int th = 1; th <= 4; th++) {
        struct umap_info info;
        double *Y = run_umap(X, n, dim, KNNG_EUCLIDEAN, th, 5, &info);
        double kept = order_kept(Y, n, true, 3);
        ck_assert_msg(kept > 0.95, "%d threads: ring order kept for %.3f of the points", th, kept);
        double *Y2 = run_umap(X, n, dim, KNNG_EUCLIDEAN, th, 5, &info);
        ck_assert_msg(memcmp(Y, Y2, sizeof(double) * 2 * n) == 0, "%d threads: two runs differ", th);
        free(Y); free(Y2);
    }
    free(X);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("maps");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_faith_identity);
    tcase_add_test(tc, test_faith_matches_definition);
    tcase_add_test(tc, test_knngraph_recall);
    tcase_add_test(tc, test_umap_curve);
    tcase_add_test(tc, test_umap_blobs_apart);
    tcase_add_test(tc, test_umap_ring_and_line_order);
    tcase_add_test(tc, test_umap_reproducible);
    tcase_add_test(tc, test_umap_any_thread_count);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
