/* Unit tests of the compare area: k-means (and, below, Procrustes, compare
 * and axis). */
#include <check.h>
#include "unit.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "kmeans.h"
#include "procrustes.h"
#include "compare.h"
#include "axis.h"
#include "cluster.h"
#include "expr.h"
#include "table.h"

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


/* A table of n words "w0".. with the given rows (n x d). */
static embx_table *make_table(size_t n, size_t d, const float *v, const char *prefix)
{
    embx_err e;
    embx_table *t = table_create(n, d, &e);
    ck_assert_ptr_nonnull(t);
    t->n = n;
    memcpy(t->vecs, v, sizeof(float) * n * d);
    size_t len = 0;
    char *blob = malloc(n * 32);
    for (size_t i = 0; i < n; i++) len += (size_t)sprintf(blob + len, "%s%zu", prefix, i) + 1;
    ck_assert_int_eq(table_set_vocab(t, blob, len, true, &e), EMBX_OK);
    ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
    return t;
}

/* A random orthogonal d x d matrix (Gram-Schmidt on Gaussian rows). */
static double *rand_rotation(size_t d)
{
    double *q = malloc(sizeof(double) * d * d);
    for (size_t i = 0; i < d * d; i++) q[i] = grand();
    for (size_t i = 0; i < d; i++) {
        double *r = q + i * d;
        for (int pass = 0; pass < 2; pass++)
            for (size_t k = 0; k < i; k++) {
                double dot = 0;
                for (size_t j = 0; j < d; j++) dot += r[j] * q[k * d + j];
                for (size_t j = 0; j < d; j++) r[j] -= dot * q[k * d + j];
            }
        double nn = 0;
        for (size_t j = 0; j < d; j++) nn += r[j] * r[j];
        for (size_t j = 0; j < d; j++) r[j] /= sqrt(nn);
    }
    return q;
}

/* B = A Q + noise; rows listed in moved[] get an unrelated vector. */
static float *rotated(const float *A, size_t n, size_t d, double noise, const size_t *moved, size_t nmoved)
{
    double *q = rand_rotation(d);
    float *B = malloc(sizeof(float) * n * d);
    for (size_t i = 0; i < n; i++) {
        bool mv = false;
        for (size_t m = 0; m < nmoved; m++) mv |= moved[m] == i;
        for (size_t j = 0; j < d; j++) {
            double y = 0;
            for (size_t k = 0; k < d; k++) y += A[i * d + k] * q[k * d + j];
            B[i * d + j] = (float)(mv ? grand() : y + noise * grand());
        }
    }
    free(q);
    return B;
}

/* Clusters are numbered by size and list their most central member first. */
START_TEST(cluster_numbers_by_size)
{
    /* 2 rows along axis 0, 5 along axis 1, 3 along axis 2, each tilted a
     * little towards the next axis */
    const size_t n = 10, d = 3;
    float v[30] = {0};
    const int axis_of[10] = {0, 0, 1, 1, 1, 1, 1, 2, 2, 2};
    for (size_t i = 0; i < n; i++) {
        v[i * d + (size_t)axis_of[i]] = 1.0f;
        if (i != 4) v[i * d + ((size_t)axis_of[i] + 1) % d] = 0.05f * (float)(i + 1);
    }
    embx_table *t = make_table(n, d, v, "w");
    size_t rows[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    struct cluster_result r;
    embx_err e;
    ck_assert_int_eq(cluster_rows(t, rows, n, 3, 1, true, 100, &r, &e), EMBX_OK);
    ck_assert_uint_eq(r.size[0], 5);
    ck_assert_uint_eq(r.size[1], 3);
    ck_assert_uint_eq(r.size[2], 2);
    ck_assert_int_eq(r.assign[4], 0);
    ck_assert_int_eq(r.assign[0], 2);
    struct cluster_member m[10];
    ck_assert_uint_eq(cluster_members(t, rows, &r, 0, m), 5);
    for (size_t i = 0; i < 5; i++) ck_assert_int_eq(axis_of[m[i].row], 1);
    for (size_t i = 1; i < 5; i++) ck_assert(m[i - 1].sim >= m[i].sim);
    cluster_free(&r);
    table_free(t);
}
END_TEST

START_TEST(procrustes_undoes_rotation)
{
    size_t m = 400, d = 16;
    rs = 9;
    float *A = malloc(sizeof(float) * m * d);
    for (size_t i = 0; i < m * d; i++) A[i] = (float)grand();
    float *B = rotated(A, m, d, 0.0, NULL, 0);
    float R[16 * 16], cos[400];
    embx_err e;
    ck_assert_int_eq(procrustes_fit(A, B, m, d, R, &e), EMBX_OK);
    /* R is orthogonal */
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < d; j++) {
            double dot = 0;
            for (size_t l = 0; l < d; l++) dot += (double)R[i * d + l] * R[j * d + l];
            ck_assert(fabs(dot - (i == j)) < 1e-4);
        }
    ck_assert_int_eq(procrustes_cosines(A, B, m, d, R, cos, &e), EMBX_OK);
    for (size_t i = 0; i < m; i++) ck_assert_msg(cos[i] > 0.9999f, "row %zu: %f", i, cos[i]);
    free(A); free(B);
}
END_TEST

START_TEST(compare_finds_planted_movers)
{
    size_t n = 800, d = 32, moved[4] = {3, 77, 410, 799};
    rs = 21;
    float *A = malloc(sizeof(float) * n * d);
    for (size_t i = 0; i < n * d; i++) A[i] = (float)grand();
    float *B = rotated(A, n, d, 0.02, moved, 4);
    embx_table *ta = make_table(n, d, A, "w"), *tb = make_table(n, d, B, "w");
    struct compare_opts o = {.restrict_n = 0, .k = 10, .threads = 1};
    struct compare_result r;
    embx_err e;
    ck_assert_int_eq(compare_tables(ta, tb, &o, &r, NULL, &e), EMBX_OK);
    ck_assert_uint_eq(r.shared, n);
    ck_assert_uint_eq(r.used, n);
    ck_assert(r.aligned);
    ck_assert_msg(r.median_cosine > 0.99, "median %f", r.median_cosine);
    ck_assert_msg(r.mean_cosine > 0.98, "mean %f", r.mean_cosine);
    ck_assert_msg(r.mean_overlap > 0.9, "overlap %f", r.mean_overlap);
    /* the four lowest cosines are exactly the planted rows */
    bool found[4] = {false};
    for (size_t i = 0; i < 4; i++)
        for (size_t m = 0; m < 4; m++)
            if (r.words[r.by_cosine[i]].row_a == moved[m]) found[m] = true;
    for (size_t m = 0; m < 4; m++) ck_assert_msg(found[m], "planted row %zu not a top mover", moved[m]);
    ck_assert(r.words[r.by_cosine[4]].cosine > 0.9f);
    compare_result_free(&r);

    /* --restrict: only the first 100 rows take part */
    o.restrict_n = 100;
    ck_assert_int_eq(compare_tables(ta, tb, &o, &r, NULL, &e), EMBX_OK);
    ck_assert_uint_eq(r.used, 100);
    ck_assert_uint_eq(r.shared, n);
    ck_assert(r.words[r.by_cosine[0]].row_a == 3 || r.words[r.by_cosine[0]].row_a == 77);
    compare_result_free(&r);
    table_free(ta); table_free(tb); free(A); free(B);
}
END_TEST

START_TEST(compare_other_dims_and_vocabularies)
{
    size_t n = 200;
    rs = 5;
    float *A = malloc(sizeof(float) * n * 8), *B = malloc(sizeof(float) * n * 6);
    for (size_t i = 0; i < n * 8; i++) A[i] = (float)grand();
    for (size_t i = 0; i < n * 6; i++) B[i] = (float)grand();
    embx_table *ta = make_table(n, 8, A, "w"), *tb = make_table(n, 6, B, "w");
    embx_table *tc = make_table(n, 8, A, "x"), *td = make_table(150, 8, A, "w");
    struct compare_opts o = {.k = 5};
    struct compare_result r;
    embx_err e;
    ck_assert_int_eq(compare_tables(ta, tb, &o, &r, NULL, &e), EMBX_OK);
    ck_assert(!r.aligned);
    ck_assert_ptr_null(r.by_cosine);
    ck_assert_ptr_nonnull(r.by_overlap);
    ck_assert(strstr(r.note, "dimensions differ") != NULL);
    ck_assert_msg(r.mean_overlap < 0.3, "unrelated tables overlap %f", r.mean_overlap);
    compare_result_free(&r);

    ck_assert_int_eq(compare_tables(ta, tc, &o, &r, NULL, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "share no words") != NULL);

    /* the same rows, 50 fewer words: identical geometry on the 150 shared */
    ck_assert_int_eq(compare_tables(ta, td, &o, &r, NULL, &e), EMBX_OK);
    ck_assert_uint_eq(r.shared, 150);
    ck_assert_uint_eq(r.only_a, 50);
    ck_assert_uint_eq(r.only_b, 0);
    ck_assert(r.mean_cosine > 0.9999);
    ck_assert(r.mean_overlap > 0.9999);
    compare_result_free(&r);
    table_free(ta); table_free(tb); table_free(tc); table_free(td); free(A); free(B);
}
END_TEST

START_TEST(axis_sorts_planted_direction)
{
    /* rows 0..4 lie at known positions along a planted direction; rows
     * 5 and 6 ("w5", "w6") are its two poles */
    size_t n = 60, d = 12;
    rs = 77;
    float *v = malloc(sizeof(float) * n * d);
    double dir[12];
    double dn = 0;
    for (size_t j = 0; j < d; j++) { dir[j] = grand(); dn += dir[j] * dir[j]; }
    for (size_t j = 0; j < d; j++) dir[j] /= sqrt(dn);
    for (size_t i = 0; i < n * d; i++) v[i] = (float)(0.3 * grand());
    const double pos[5] = {0.9, -2.0, 3.1, 0.0, -0.7};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < d; j++) v[i * d + j] = (float)(v[i * d + j] * 0.1 + pos[i] * dir[j]);
    for (size_t j = 0; j < d; j++) { v[5 * d + j] = (float)(-dir[j]); v[6 * d + j] = (float)dir[j]; }
    embx_table *t = make_table(n, d, v, "w");
    embx_err e;
    float u[12];
    ck_assert_int_eq(axis_direction(t, "w5", "w6", u, &e), EMBX_OK);
    size_t rows[5] = {0, 1, 2, 3, 4};
    struct axis_score sc[5];
    axis_project(t, u, rows, 5, sc);
    const size_t want[5] = {2, 0, 3, 4, 1};
    for (size_t i = 0; i < 5; i++) ck_assert_uint_eq(sc[i].row, want[i]);
    /* an expression gives the same direction */
    float u2[12];
    ck_assert_int_eq(axis_direction(t, NULL, "w6 - w5", u2, &e), EMBX_OK);
    for (size_t j = 0; j < d; j++) ck_assert(fabsf(u[j] - u2[j]) < 1e-5f);
    ck_assert(expr_string_has_operator("he + him - she"));
    ck_assert(!expr_string_has_operator("he"));

    /* the same numbers as a 2-D projection (plot axes) */
    struct selection sel;
    memset(&sel, 0, sizeof sel);
    sel.n = 5;
    sel.rows = rows;
    snprintf(sel.desc, sizeof sel.desc, "5 words");
    struct projection *p = NULL;
    ck_assert_int_eq(axes_projection(t, "w6 - w5", "w1 - w0", &sel, &p, &e), EMBX_OK);
    ck_assert_str_eq(p->method, "axes");
    ck_assert_uint_eq(p->n, 5);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_int_eq(p->rows[i], (long)i);
        ck_assert_str_eq(p->labels[i], t->words[i]);
        for (size_t j = 0; j < 5; j++)
            if (sc[j].row == i) ck_assert(fabs(p->xy[2 * i] - sc[j].proj) < 1e-6);
    }
    projection_free(p);
    ck_assert_int_eq(axes_projection(t, "w6 - w5", "w2 - w2", &sel, &p, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "y axis") && strstr(e.msg, "zero vector"));
    ck_assert_ptr_null(p);

    ck_assert_int_eq(axis_direction(t, "w7", "w7", u, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "zero vector") != NULL);
    ck_assert_int_eq(axis_direction(t, NULL, "w7 - w7", u, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "zero vector") != NULL);
    ck_assert_int_eq(axis_direction(t, NULL, "w1 + nope - zilch", u, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "nope") && strstr(e.msg, "zilch"));
    ck_assert_int_eq(axis_direction(t, NULL, "w1 + + w2", u, &e), EMBX_ERR);
    ck_assert_int_eq(axis_direction(t, NULL, "w1 -", u, &e), EMBX_ERR);
    table_free(t);
    free(v);
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
    tcase_add_test(tk, cluster_numbers_by_size);
    suite_add_tcase(s, tk);
    TCase *tc = tcase_create("compare");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, procrustes_undoes_rotation);
    tcase_add_test(tc, compare_finds_planted_movers);
    tcase_add_test(tc, compare_other_dims_and_vocabularies);
    tcase_add_test(tc, axis_sorts_planted_direction);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(suite());
}
