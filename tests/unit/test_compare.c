/* Unit tests of the compare area: k-means (and, below, Procrustes, compare
 * and axis). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kmeans.h"

/* splitmix64 so the data are the same on every machine */
static uint64_t rs;
static double urand(void)
{
    uint64_t z = (rs += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (z >> 11) * (1.0 / 9007199254740992.0);
}
static double grand(void)
{
    double u = urand(), v = urand();
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Adjusted Rand index of two labelings (Hubert & Arabie). */
static double ari(const int *a, const int *b, size_t n, int ka, int kb)
{
    double *ct = calloc((size_t)ka * kb, sizeof(double));
    double *ra = calloc(ka, sizeof(double)), *rb = calloc(kb, sizeof(double));
    for (size_t i = 0; i < n; i++) { ct[a[i] * kb + b[i]]++; ra[a[i]]++; rb[b[i]]++; }
    double sij = 0, sa = 0, sb = 0;
    for (int i = 0; i < ka * kb; i++) sij += ct[i] * (ct[i] - 1) / 2;
    for (int i = 0; i < ka; i++) sa += ra[i] * (ra[i] - 1) / 2;
    for (int i = 0; i < kb; i++) sb += rb[i] * (rb[i] - 1) / 2;
    double pairs = (double)n * (n - 1) / 2, expct = sa * sb / pairs, maxi = (sa + sb) / 2;
    free(ct); free(ra); free(rb);
    return (sij - expct) / (maxi - expct);
}

/* n rows in d dimensions around k random centres, row i in blob i % k. */
static float *blobs(size_t n, size_t d, int k, double spread, int *truth)
{
    double *c = malloc(sizeof(double) * k * d);
    for (size_t i = 0; i < (size_t)k * d; i++) c[i] = grand();
    float *X = malloc(sizeof(float) * n * d);
    for (size_t i = 0; i < n; i++) {
        truth[i] = (int)(i % k);
        for (size_t j = 0; j < d; j++) X[i * d + j] = (float)(c[truth[i] * d + j] + spread * grand());
    }
    free(c);
    return X;
}

START_TEST(kmeans_recovers_blobs)
{
    size_t n = 600, d = 20; int k = 6;
    int truth[600], got[600];
    rs = 42;
    float *X = blobs(n, d, k, 0.15, truth);
    embx_err e;
    for (int cosine = 0; cosine <= 1; cosine++) {
        ck_assert_int_eq(kmeans_run(X, n, d, k, 7, cosine, 100, got, NULL, &e), EMBX_OK);
        double r = ari(truth, got, n, k, k);
        ck_assert_msg(r > 0.95, "ARI %.3f (cosine %d)", r, cosine);
    }
    free(X);
}
END_TEST

START_TEST(kmeans_is_deterministic)
{
    size_t n = 300, d = 8; int k = 5;
    int truth[300], a[300], b[300];
    rs = 3;
    float *X = blobs(n, d, k, 1.0, truth); /* overlapping: seeding matters */
    float ca[5 * 8], cb[5 * 8];
    embx_err e;
    ck_assert_int_eq(kmeans_run(X, n, d, k, 11, true, 50, a, ca, &e), EMBX_OK);
    ck_assert_int_eq(kmeans_run(X, n, d, k, 11, true, 50, b, cb, &e), EMBX_OK);
    ck_assert(memcmp(a, b, sizeof a) == 0);
    ck_assert(memcmp(ca, cb, sizeof ca) == 0);
    for (size_t i = 0; i < n; i++) ck_assert(a[i] >= 0 && a[i] < k);
    free(X);
}
END_TEST

START_TEST(kmeans_rejects_bad_k)
{
    float X[6] = {1, 0, 0, 1, 1, 1};
    int as[3];
    embx_err e;
    ck_assert_int_eq(kmeans_run(X, 3, 2, 4, 1, true, 10, as, NULL, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "larger") != NULL);
    ck_assert_int_eq(kmeans_run(X, 3, 2, 0, 1, true, 10, as, NULL, &e), EMBX_ERR);
    /* k == n: every row its own cluster */
    ck_assert_int_eq(kmeans_run(X, 3, 2, 3, 1, false, 10, as, NULL, &e), EMBX_OK);
    ck_assert(as[0] != as[1] && as[1] != as[2] && as[0] != as[2]);
}
END_TEST

START_TEST(kmeans_duplicates_fill_every_cluster)
{
    /* 10 identical rows and 2 others, k = 4: no cluster may stay empty of a
     * valid label, and the run must terminate */
    float X[12 * 2];
    for (int i = 0; i < 10; i++) { X[2 * i] = 1; X[2 * i + 1] = 0; }
    X[20] = 0; X[21] = 1; X[22] = -1; X[23] = 0;
    int as[12];
    embx_err e;
    ck_assert_int_eq(kmeans_run(X, 12, 2, 4, 5, false, 100, as, NULL, &e), EMBX_OK);
    int used[4] = {0};
    for (int i = 0; i < 12; i++) { ck_assert(as[i] >= 0 && as[i] < 4); used[as[i]]++; }
    for (int c = 0; c < 4; c++) ck_assert_msg(used[c] > 0, "cluster %d empty", c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("compare");
    TCase *tk = tcase_create("kmeans");
    tcase_add_test(tk, kmeans_recovers_blobs);
    tcase_add_test(tk, kmeans_is_deterministic);
    tcase_add_test(tk, kmeans_rejects_bad_k);
    tcase_add_test(tk, kmeans_duplicates_fill_every_cluster);
    suite_add_tcase(s, tk);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
