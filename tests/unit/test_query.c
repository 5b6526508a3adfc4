/* Unit tests of the query engine: knn top-k (ties by row, zero rows,
 * exclusions, --restrict, thread counts, batch equal to single), 3CosMul
 * batch equal to single, rank, the expression parser, and the benchmark
 * engines: batched analogies equal to single ones, categorization purity,
 * outlier positions, hubness and confidence intervals. */
#include <check.h>
#include "unit.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analogy.h"
#include "analogyscan.h"
#include "catclust.h"
#include "evalsuite.h"
#include "rowmeta.h"
#include "where.h"
#include "hubness.h"
#include "outlier.h"
#include "expr.h"
#include "kernels.h"
#include "knn.h"
#include "quant.h"
#include "similar.h"
#include "table.h"

static uint64_t rng = 88172645463325252ULL;
static float rnd(void)
{
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return (float)((rng >> 11) * (1.0 / 9007199254740992.0)) - 0.5f;
}

/* n rows w0.. of dim random values; rows listed in zero[] are zero. */
static embx_table *make_table(size_t n, size_t dim)
{
    embx_err e;
    embx_table *t = table_create(n, dim, &e);
    ck_assert_ptr_nonnull(t);
    char *blob = malloc(n * 16), *p = blob;
    for (size_t i = 0; i < n; i++) {
        p += sprintf(p, "w%zu", i) + 1;
        for (size_t j = 0; j < dim; j++) table_row(t, i)[j] = rnd();
    }
    t->n = n;
    ck_assert_int_eq(table_set_vocab(t, blob, (size_t)(p - blob), true, &e), EMBX_OK);
    return t;
}

static void finish(embx_table *t)
{
    embx_err e;
    ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
}

/* Exact cosine in double, for checking. */
static double cosine(const embx_table *t, const float *q, size_t r)
{
    double d = 0, a = 0, b = 0;
    for (size_t j = 0; j < t->dim; j++) {
        d += (double)q[j] * table_row(t, r)[j];
        a += (double)q[j] * q[j];
        b += (double)table_row(t, r)[j] * table_row(t, r)[j];
    }
    return d / sqrt(a * b);
}

START_TEST(test_ties_zero_rows_excludes)
{
    embx_table *t = make_table(300, 8);
    /* rows 40, 7 and 200 are copies of row 3: a four-way tie at cosine 1 */
    memcpy(table_row(t, 40), table_row(t, 3), 8 * sizeof(float));
    memcpy(table_row(t, 7), table_row(t, 3), 8 * sizeof(float));
    for (int j = 0; j < 8; j++) table_row(t, 200)[j] = 2.0f * table_row(t, 3)[j];
    memset(table_row(t, 5), 0, 8 * sizeof(float));
    memset(table_row(t, 6), 0, 8 * sizeof(float));
    finish(t);
    struct knn_hit h[300];
    size_t nh;
    embx_err e;
    float q[8];
    memcpy(q, table_row(t, 3), sizeof q);
    ck_assert_int_eq(knn_query(t, q, 4, 0, NULL, 0, 0, h, &nh, &e), EMBX_OK);
    ck_assert_uint_eq(nh, 4);
    ck_assert_uint_eq(h[0].row, 3);
    ck_assert_uint_eq(h[1].row, 7);
    ck_assert_uint_eq(h[2].row, 40);
    ck_assert_uint_eq(h[3].row, 200);
    /* excluded rows are skipped, the next tie moves up */
    size_t ex[2] = {3, 40};
    ck_assert_int_eq(knn_query(t, q, 2, 0, ex, 2, 0, h, &nh, &e), EMBX_OK);
    ck_assert_uint_eq(h[0].row, 7);
    ck_assert_uint_eq(h[1].row, 200);
    /* all rows: zero rows never appear, no NaN, sorted best first */
    ck_assert_int_eq(knn_query(t, q, 300, 0, NULL, 0, 0, h, &nh, &e), EMBX_OK);
    ck_assert_uint_eq(nh, 298);
    for (size_t i = 0; i < nh; i++) {
        ck_assert(h[i].row != 5 && h[i].row != 6);
        ck_assert(!isnan(h[i].score));
        if (i) ck_assert(h[i - 1].score > h[i].score || (h[i - 1].score == h[i].score && h[i - 1].row < h[i].row));
        ck_assert(fabs(h[i].score - cosine(t, q, h[i].row)) < 1e-5);
    }
    /* a zero query is refused with a message */
    memset(q, 0, sizeof q);
    ck_assert_int_eq(knn_query(t, q, 3, 0, NULL, 0, 0, h, &nh, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "zero"));
    table_free(t);
}
END_TEST

START_TEST(test_restrict_and_threads)
{
    embx_table *t = make_table(60000, 40);   /* large enough to use threads */
    finish(t);
    struct knn_hit a[15], b[15];
    size_t na, nb;
    embx_err e;
    float q[40];
    for (int j = 0; j < 40; j++) q[j] = rnd();
    ck_assert_int_eq(knn_query(t, q, 15, 0, NULL, 0, 1, a, &na, &e), EMBX_OK);
    ck_assert_int_eq(knn_query(t, q, 15, 0, NULL, 0, 2, b, &nb, &e), EMBX_OK);
    ck_assert_uint_eq(na, nb);
    for (size_t i = 0; i < na; i++) {
        ck_assert_uint_eq(a[i].row, b[i].row);
        ck_assert(a[i].score == b[i].score);
    }
    /* --restrict: only the first 1000 rows, and they are the best of those */
    ck_assert_int_eq(knn_query(t, q, 15, 1000, NULL, 0, 0, a, &na, &e), EMBX_OK);
    double worst = a[na - 1].score;
    for (size_t i = 0; i < na; i++) ck_assert_uint_lt(a[i].row, 1000);
    size_t better = 0;
    for (size_t r = 0; r < 1000; r++) better += cosine(t, q, r) > worst + 1e-6;
    ck_assert_uint_le(better, 14);
    table_free(t);
}
END_TEST

START_TEST(test_batch_equals_single)
{
    enum { N = 6000, D = 24, M = 150, K = 7 };
    embx_table *t = make_table(N, D);
    memset(table_row(t, 17), 0, D * sizeof(float));
    finish(t);
    float *Q = malloc(sizeof(float) * M * D);
    size_t *ex = malloc(sizeof(size_t) * M * 2);
    struct knn_hit *bh = malloc(sizeof(*bh) * M * K), h[K];
    for (size_t i = 0; i < M; i++) {
        size_t r = (i * 37) % N;
        memcpy(Q + i * D, table_row(t, r), D * sizeof(float));
        ex[2 * i] = r;
        ex[2 * i + 1] = SIZE_MAX;
    }
    memset(Q + 3 * D, 0, D * sizeof(float));   /* a zero query gets no hits */
    embx_err e;
    for (int threads = 1; threads <= 2; threads++) {
        ck_assert_int_eq(knn_query_batch(t, Q, M, K, 0, ex, 2, threads, bh, &e), EMBX_OK);
        for (size_t i = 0; i < M; i++) {
            if (i == 3) {
                ck_assert_uint_eq(bh[i * K].row, SIZE_MAX);
                continue;
            }
            size_t nh;
            ck_assert_int_eq(knn_query(t, Q + i * D, K, 0, &ex[2 * i], 1, 0, h, &nh, &e), EMBX_OK);
            ck_assert_uint_eq(nh, K);
            for (size_t j = 0; j < K; j++) {
                ck_assert_uint_eq(bh[i * K + j].row, h[j].row);
                ck_assert(fabsf(bh[i * K + j].score - h[j].score) < 1e-5f);
                ck_assert_uint_ne(h[j].row, ex[2 * i]);
            }
        }
    }
    /* restrict smaller than k leaves unused slots marked */
    ck_assert_int_eq(knn_query_batch(t, Q, 2, K, 4, NULL, 0, 0, bh, &e), EMBX_OK);
    ck_assert_uint_eq(bh[4].row, SIZE_MAX);
    ck_assert_uint_lt(bh[3].row, 4);
    free(Q); free(ex); free(bh);
    table_free(t);
}
END_TEST

/* Issue 12: threads 0 ("all cores", the session's default) was taken as one
 * thread. On a table big enough to share, 0 must mean every core. */
START_TEST(test_default_threads_all_cores)
{
    embx_table *t = make_table(40000, 64);
    finish(t);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int blocks = 40000 / 2048;    /* the scan shares whole blocks */
    int want = cores < blocks ? (int)cores : blocks;
#ifdef _OPENMP
    ck_assert_int_eq(knn_scan_threads(t, 0, 0), want);
    if (cores >= 2) ck_assert_int_gt(knn_scan_threads(t, 0, 0), 1);
    ck_assert_int_eq(knn_scan_threads(t, 0, 2), 2);
#endif
    ck_assert_int_eq(knn_scan_threads(t, 0, 1), 1);
    /* a tiny table or a small --restrict is not worth sharing */
    ck_assert_int_eq(knn_scan_threads(t, 100, 0), 1);
    table_free(t);
}
END_TEST

/* Issue 15: every kernel variant the CPU runs (baseline, AVX2, AVX-512)
 * agrees with a scalar reference to 1e-5 on random rows, for dimensions
 * below, at and above the vector widths (odd ones included) and row counts
 * that leave a remainder after the four-row loop; a row scored alone gets
 * the bits it got in a block (exact re-scoring relies on it); the int8
 * kernel is exact. */
START_TEST(test_kernels_agree)
{
    static const size_t dims[] = {1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 50, 63, 64, 65, 100,
                                  127, 128, 129, 191, 192, 193, 299, 300, 301};
    enum { NB = 11 };
    size_t nvariants = 0;
    for (size_t v = 0; v < KERNEL_VARIANTS; v++) {
        const struct kernels *kn = kernels_variant(v);
        if (!kn) continue;
        nvariants++;
        for (size_t di = 0; di < sizeof dims / sizeof dims[0]; di++) {
            size_t dim = dims[di];
            /* exact-size allocations: a read past a row's end is caught under ASan */
            float *rows = malloc(sizeof(float) * NB * dim), *q = malloc(sizeof(float) * dim);
            int8_t *r8 = malloc(NB * dim);
            int8_t *q8 = malloc(dim);
            float out[NB], one;
            int32_t o8[NB], one8;
            for (size_t j = 0; j < NB * dim; j++) { rows[j] = 2 * rnd(); r8[j] = (int8_t)(rnd() * 254); }
            for (size_t j = 0; j < dim; j++) { q[j] = 2 * rnd(); q8[j] = (int8_t)(rnd() * 254); }
            for (size_t nb = 0; nb <= NB; nb++) {
                kn->dot_f32(rows, nb, dim, q, out);
                kn->dot_i8(r8, nb, dim, q8, o8);
                for (size_t i = 0; i < nb; i++) {
                    double ref = 0, mag = 0;
                    int64_t ref8 = 0;
                    for (size_t j = 0; j < dim; j++) {
                        ref += (double)rows[i * dim + j] * q[j];
                        mag += fabs((double)rows[i * dim + j] * q[j]);
                        ref8 += (int64_t)r8[i * dim + j] * q8[j];
                    }
                    if (fabs(out[i] - ref) > 1e-5 * (mag > 1 ? mag : 1))
                        ck_abort_msg("%s dim %zu row %zu of %zu: %.9g, reference %.9g", kn->name, dim, i, nb, out[i], ref);
                    ck_assert_int_eq(o8[i], ref8);
                    kn->dot_f32(rows + i * dim, 1, dim, q, &one);
                    ck_assert_msg(one == out[i], "%s dim %zu: row %zu alone %.9g, in a block %.9g", kn->name, dim, i, one, out[i]);
                    kn->dot_i8(r8 + i * dim, 1, dim, q8, &one8);
                    ck_assert_int_eq(one8, o8[i]);
                }
            }
            free(rows); free(q); free(r8); free(q8);
        }
    }
    ck_assert_uint_ge(nvariants, 1);
    ck_assert_ptr_null(kernels_variant(KERNEL_VARIANTS));
    /* the one chosen is the widest available */
    const struct kernels *widest = NULL;
    for (size_t v = 0; v < KERNEL_VARIANTS; v++)
        if (kernels_variant(v)) widest = kernels_variant(v);
    ck_assert_str_eq(kernels_best()->name, widest->name);
}
END_TEST

/* The int8 kernels at the ends of the range: rows and query of +-127 (the
 * VNNI kernel flips each row byte's sign bit and takes 128 * sum(q) off
 * after), and a dimension where that biased sum passes 2^31 while the true
 * one fits: every variant still gives the exact sum. */
START_TEST(test_kernels_i8_extremes)
{
    static const size_t dims[] = {1, 63, 64, 65, 300, 70001};
    static const int8_t vals[][2] = {{127, 127}, {127, -127}, {-127, 127}, {-127, -127}, {0, 127}, {-127, 0}};
    enum { NB = 6 };
    for (size_t v = 0; v < KERNEL_VARIANTS; v++) {
        const struct kernels *kn = kernels_variant(v);
        if (!kn) continue;
        for (size_t di = 0; di < sizeof dims / sizeof dims[0]; di++) {
            size_t dim = dims[di];
            int8_t *r8 = malloc(NB * dim), *q8 = malloc(dim);
            int32_t o8[NB];
            for (size_t c = 0; c < sizeof vals / sizeof vals[0]; c++) {
                /* odd rows flip the sign of their bytes past the middle, so rows differ */
                for (size_t i = 0; i < NB; i++)
                    for (size_t j = 0; j < dim; j++) r8[i * dim + j] = (int8_t)(i % 2 && j > dim / 2 + i ? -vals[c][0] : vals[c][0]);
                memset(q8, vals[c][1], dim);
                kn->dot_i8(r8, NB, dim, q8, o8);
                for (size_t i = 0; i < NB; i++) {
                    int64_t ref = 0;
                    for (size_t j = 0; j < dim; j++) ref += (int64_t)r8[i * dim + j] * q8[j];
                    if (o8[i] != ref)
                        ck_abort_msg("%s dim %zu row %zu (%d, %d): %d, reference %lld", kn->name, dim, i,
                                     vals[c][0], vals[c][1], o8[i], (long long)ref);
                }
            }
            free(r8); free(q8);
        }
    }
}
END_TEST

START_TEST(test_cosmul_and_rank)
{
    enum { N = 3000, D = 16 };
    embx_table *t = make_table(N, D);
    finish(t);
    struct knn_hit h[10], bh[10];
    size_t nh;
    embx_err e;
    size_t pos[2] = {10, 20}, neg[1] = {30}, ex[3] = {30, 10, 20};
    ck_assert_int_eq(knn_cosmul(t, pos, 2, neg, 1, 10, 0, ex, 3, 0, h, &nh, &e), EMBX_OK);
    ck_assert_uint_eq(nh, 10);
    /* the score is the formula, computed independently */
    for (size_t i = 0; i < nh; i++) {
        const float *x = table_row(t, h[i].row);
        double cb = cosine(t, x, 10), cc = cosine(t, x, 20), ca = cosine(t, x, 30);
        double want = ((1 + cb) / 2) * ((1 + cc) / 2) / ((1 + ca) / 2 + 1e-6);
        ck_assert(fabs(h[i].score - want) < 1e-4);
        ck_assert(h[i].row != 10 && h[i].row != 20 && h[i].row != 30);
    }
    float Q[3 * D];
    memcpy(Q, table_row(t, 10), sizeof(float) * D);
    memcpy(Q + D, table_row(t, 20), sizeof(float) * D);
    memcpy(Q + 2 * D, table_row(t, 30), sizeof(float) * D);
    ck_assert_int_eq(knn_cosmul_batch(t, Q, 1, 2, 1, 10, 0, ex, 3, 2, bh, &e), EMBX_OK);
    for (size_t i = 0; i < 10; i++) ck_assert_uint_eq(bh[i].row, h[i].row);
    /* rank: the nearest neighbour of row 5 has rank 1, the k-th rank k */
    float q[D];
    memcpy(q, table_row(t, 5), sizeof q);
    size_t self = 5;
    ck_assert_int_eq(knn_query(t, q, 10, 0, &self, 1, 0, h, &nh, &e), EMBX_OK);
    size_t rank;
    for (size_t i = 0; i < 10; i++) {
        ck_assert_int_eq(knn_rank(t, 5, NULL, h[i].row, NULL, 0, 0, &rank, &e), EMBX_OK);
        ck_assert_uint_eq(rank, i + 1);
        /* A given as a vector (a word the model built) has no row to leave
         * out: row 5 itself, at cosine 1, now comes first */
        ck_assert_int_eq(knn_rank(t, KNN_NO_ROW, q, h[i].row, NULL, 0, 0, &rank, &e), EMBX_OK);
        ck_assert_uint_eq(rank, i + 2);
    }
    /* B given as a vector: between the 3rd and the 4th neighbour's scores */
    float vb[D];
    const float *r3 = table_row(t, h[2].row), *r4 = table_row(t, h[3].row);
    for (size_t j = 0; j < D; j++) vb[j] = r3[j] * t->inv_norms[h[2].row] + r4[j] * t->inv_norms[h[3].row];
    ck_assert_int_eq(knn_rank(t, 5, NULL, KNN_NO_ROW, vb, 0, 0, &rank, &e), EMBX_OK);
    ck_assert_uint_le(rank, 4);
    ck_assert_uint_ge(rank, 2);
    table_free(t);
}
END_TEST

START_TEST(test_expr_parse)
{
    embx_table *t = make_table(50, 6);
    finish(t);
    struct expr_word p[5] = {{"w1", false}, {"-", false}, {"w2", false}, {"+", false}, {"w3", false}};
    struct expr x;
    embx_err e;
    ck_assert_int_eq(expr_parse(t, p, 5, &x, &e), EMBX_OK);
    ck_assert_uint_eq(x.n, 3);
    ck_assert(x.terms[1].weight < 0 && x.terms[2].weight > 0);
    char buf[64];
    expr_format(t, &x, buf, sizeof buf);
    ck_assert_str_eq(buf, "w1 - w2 + w3");
    float v[6], w[6];
    ck_assert_int_eq(expr_vector(t, &x, v, &e), EMBX_OK);
    ck_assert(analogy_add_vector(t, 2, 1, 3, w));    /* w1 - w2 + w3 = B - A + C with A=w2 */
    for (int j = 0; j < 6; j++) ck_assert(fabsf(v[j] - w[j]) < 1e-6f);
    expr_free(&x);
    /* two operators in a row: says where */
    struct expr_word bad[3] = {p[0], p[1], p[3]};
    ck_assert_int_eq(expr_parse(t, bad, 3, &x, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "word 3"));
    /* a quoted "-" is a word (unknown here) */
    struct expr_word quoted[3] = {p[0], p[1], {"-", true}};
    ck_assert_int_eq(expr_parse(t, quoted, 3, &x, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "'-'"));
    ck_assert_ptr_null(strstr(e.msg, "syntax"));
    /* a word cancelled by itself has no direction */
    struct expr_word cancel[3] = {p[0], p[1], p[0]};
    ck_assert_int_eq(expr_parse(t, cancel, 3, &x, &e), EMBX_OK);
    ck_assert_int_eq(expr_vector(t, &x, v, &e), EMBX_ERR);
    expr_free(&x);
    /* several unknown words are all named */
    struct expr_word two[3] = {{"nope", false}, {"+", false}, {"zilch", false}};
    ck_assert_int_eq(expr_parse(t, two, 3, &x, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "not in the table: nope, zilch"));
    /* the string form (axis, plot axes) is the same grammar */
    ck_assert_int_eq(expr_parse_string(t, "w1  - w2 + w3", &x, &e), EMBX_OK);
    expr_format(t, &x, buf, sizeof buf);
    ck_assert_str_eq(buf, "w1 - w2 + w3");
    expr_free(&x);
    ck_assert_int_eq(expr_parse_string(t, "w1 w2", &x, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "expected + or -"));
    ck_assert(expr_string_has_operator("w1 - w2"));
    ck_assert(!expr_string_has_operator("w1"));
    table_free(t);
}
END_TEST

START_TEST(test_centrality)
{
    embx_table *t = make_table(10, 4);
    /* rows 0-2 point the same way, row 3 the other */
    float dirs[4][4] = {{1, 0.1f, 0, 0}, {1, 0, 0.1f, 0}, {1, 0, 0, 0.1f}, {-0.2f, 1, 0, 0}};
    for (int i = 0; i < 4; i++) memcpy(table_row(t, (size_t)i), dirs[i], sizeof dirs[i]);
    finish(t);
    const struct expr_word w[7] = {{"w0", true}, {"+", false}, {"w3", true}, {"+", false}, {"w1", true},
                                   {"+", false}, {"w2", true}};
    struct expr x;
    size_t order[4];
    float scores[4];
    embx_err e;
    ck_assert_msg(expr_parse(t, w, 7, &x, &e) == EMBX_OK, "%s", e.msg);
    ck_assert_int_eq(similar_centrality(t, &x, order, scores, &e), EMBX_OK);
    ck_assert_uint_eq(order[0], 1);          /* term 1 = row 3 is the odd one */
    ck_assert(scores[1] < scores[0]);
    /* a term with no row (a vector the model built) ranks like its row */
    float v3[4];
    memcpy(v3, dirs[3], sizeof v3);
    x.terms[1].row = EXPR_NO_ROW;
    x.terms[1].vec = malloc(sizeof v3);
    memcpy(x.terms[1].vec, v3, sizeof v3);
    x.noov = 1;
    size_t order2[4];
    float scores2[4];
    ck_assert_int_eq(similar_centrality(t, &x, order2, scores2, &e), EMBX_OK);
    for (int i = 0; i < 4; i++) {
        ck_assert_uint_eq(order2[i], order[i]);
        ck_assert_float_eq_tol(scores2[i], scores[i], 1e-6);
    }
    expr_free(&x);
    table_free(t);
}
END_TEST

static int hit_order(const void *a, const void *b)
{
    const struct knn_hit *x = a, *y = b;
    return topk_better(x->score, x->row, y->score, y->row) ? -1 : topk_better(y->score, y->row, x->score, x->row);
}

/* The --fast candidate selection (topsel: threshold, buffer, quickselect)
 * keeps exactly the k best by (score, lower row) that a full sort finds:
 * with many tied scores, all scores equal, k above n, k = 0, rows offered
 * out of order and buffers so small that they are cut back often. */
START_TEST(test_topsel)
{
    enum { N = 3000 };
    static struct knn_hit all[N], buf[N + 300], ref[N];
    static const size_t ks[] = {0, 1, 2, 10, 999, 1000, N - 1, N, N + 5};
    for (int kind = 0; kind < 4; kind++) {
        for (size_t i = 0; i < N; i++) {
            size_t row = kind == 3 ? (i * 7919) % N : i;          /* kind 3: rows out of order */
            float sc = kind == 0 ? rnd()                            /* distinct */
                     : kind == 1 ? (float)(int)(rnd() * 20) / 8   /* many ties */
                     : kind == 2 ? 0.25f                            /* all equal */
                     : (float)(row % 50);
            all[i].row = row; all[i].score = sc;
        }
        memcpy(ref, all, sizeof all);
        qsort(ref, N, sizeof *ref, hit_order);
        for (size_t ki = 0; ki < sizeof ks / sizeof ks[0]; ki++) {
            size_t k = ks[ki];
            size_t caps[] = {k + 1, 2 * k + 7, N + 300};
            for (size_t ci = 0; ci < 3; ci++) {
                if (caps[ci] > N + 300) continue;
                struct topsel ts;
                topsel_init(&ts, buf, caps[ci], k);
                for (size_t i = 0; i < N; i++)
                    if (topsel_wants(&ts, all[i].score, all[i].row)) topsel_add(&ts, all[i].row, all[i].score);
                size_t n = topsel_finish(&ts), want = k < N ? k : N;
                ck_assert_uint_eq(n, want);
                qsort(buf, n, sizeof *buf, hit_order);
                for (size_t i = 0; i < n; i++)
                    if (buf[i].row != ref[i].row || buf[i].score != ref[i].score)
                        ck_abort_msg("kind %d k %zu cap %zu: hit %zu is row %zu (%g), want row %zu (%g)", kind, k,
                                     caps[ci], i, buf[i].row, buf[i].score, ref[i].row, ref[i].score);
            }
        }
    }
}
END_TEST

START_TEST(test_fast_rescoring)
{
    enum { N = 5000, D = 48 };
    embx_table *t = make_table(N, D);
    memset(table_row(t, 9), 0, D * sizeof(float));
    finish(t);
    struct quant *qz;
    embx_err e;
    ck_assert_int_eq(quant_build(t, 0, &qz, &e), EMBX_OK);
    ck_assert(quant_matches(qz, t));
    struct knn_hit a[20], b[20];
    size_t na, nb;
    for (size_t r = 0; r < 40; r++) {
        size_t ex = r * 101 % N;
        ck_assert_int_eq(knn_query(t, table_row(t, ex), 20, 0, &ex, 1, 0, a, &na, &e), EMBX_OK);
        /* with every row a candidate the answer is the exact one, bit for bit */
        ck_assert_int_eq(quant_query(t, qz, table_row(t, ex), 20, N, 0, &ex, 1, 0, b, &nb, &e), EMBX_OK);
        ck_assert_uint_eq(na, nb);
        for (size_t i = 0; i < na; i++) {
            ck_assert_uint_eq(a[i].row, b[i].row);
            ck_assert(a[i].score == b[i].score);
            ck_assert_uint_ne(b[i].row, 9);
        }
        /* 500 candidates of 5000 still hold the true top 20 on random data */
        ck_assert_int_eq(quant_query(t, qz, table_row(t, ex), 20, 500, 0, &ex, 1, 0, b, &nb, &e), EMBX_OK);
        size_t found = 0;
        for (size_t i = 0; i < na; i++)
            for (size_t j = 0; j < nb; j++) found += a[i].row == b[j].row;
        ck_assert_uint_ge(found, 19);
    }
    /* analogy --fast: 1000 candidates of 5000 give 3CosAdd's top 10 */
    ck_assert_int_eq(analogy_solve(t, 3, 7, 11, ANALOGY_ADD, 10, 0, false, 0, a, &na, &e), EMBX_OK);
    ck_assert_int_eq(analogy_solve_fast(t, qz, 3, 7, 11, 10, 0, false, 0, b, &nb, &e), EMBX_OK);
    ck_assert_uint_eq(na, nb);
    size_t same = 0;
    for (size_t i = 0; i < na; i++) {
        same += a[i].row == b[i].row;
        ck_assert(b[i].row != 3 && b[i].row != 7 && b[i].row != 11);
    }
    ck_assert_uint_ge(same, 9);
    /* a changed table is noticed */
    table_row(t, 0)[0] += 1.0f;
    ck_assert(!quant_matches(qz, t));
    quant_free(qz);
    table_free(t);
}
END_TEST

/* The exact search through the int8 copy gives knn_query's answer bit for
 * bit: rows, scores and tie order, with exclusions, --restrict and any
 * thread count, on tables built to be hard for its bounds: random rows,
 * tight clusters (many near-ties at high scores), exact ties (repeated and
 * scaled rows), a zero row, and rows with one huge coordinate (coarse int8
 * steps). It must also rule out most rows, or it would be no faster. */
START_TEST(test_exact_through_int8)
{
    for (int kind = 0; kind < 3; kind++) {
        size_t N = kind == 2 ? 3000 : 12000, D = kind == 2 ? 300 : 48;
        embx_table *t = make_table(N, D);
        for (size_t i = 0; i < N; i++) {
            float *r = table_row(t, i);
            if (kind == 1) /* 40 tight clusters */
                for (size_t j = 0; j < D; j++) r[j] = (float)((i % 40) * 7 % 13) - 6.0f + 0.01f * r[j];
            if (kind == 2 && i % 7 == 0) r[i % D] *= 200.0f;
        }
        memcpy(table_row(t, 5), table_row(t, 4), D * sizeof(float));           /* a tie */
        for (size_t j = 0; j < D; j++) table_row(t, 6)[j] = 2.0f * table_row(t, 4)[j]; /* same direction */
        memset(table_row(t, 9), 0, D * sizeof(float));
        finish(t);
        struct quant *qz;
        embx_err e;
        ck_assert_int_eq(quant_build(t, 0, &qz, &e), EMBX_OK);
        struct knn_hit a[100], b[100];
        float *q = malloc(D * sizeof(float));
        ck_assert_ptr_nonnull(q);
        size_t total_scored = 0, searches = 0;
        for (size_t r = 0; r < 60; r++) {
            size_t ex = r == 0 ? 4 : r * 211 % N, k = r % 3 == 0 ? 1 : r % 3 == 1 ? 10 : 100;
            size_t limit = r % 4 == 3 ? N / 3 : 0;
            if (r % 5 == 4) for (size_t j = 0; j < D; j++) q[j] = rnd();
            else memcpy(q, table_row(t, ex), D * sizeof(float));
            int threads = r % 2 ? 1 : 0;
            size_t na, nb, scored;
            ck_assert_int_eq(knn_query(t, q, k, limit, &ex, 1, threads, a, &na, &e), EMBX_OK);
            ck_assert_int_eq(quant_query_exact(t, qz, q, k, limit, &ex, 1, threads, b, &nb, &scored, &e), EMBX_OK);
            ck_assert_uint_eq(na, nb);
            for (size_t i = 0; i < na; i++)
                if (a[i].row != b[i].row || memcmp(&a[i].score, &b[i].score, sizeof(float)) != 0)
                    ck_abort_msg("kind %d query %zu k %zu: hit %zu is row %zu (%a), the scan's row %zu (%a)", kind,
                                 r, k, i, b[i].row, b[i].score, a[i].row, a[i].score);
            total_scored += scored;
            searches++;
        }
        /* random rows: nearly every row ruled out */
        if (kind == 0) ck_assert_uint_lt(total_scored / searches, N / 10);
        free(q);
        quant_free(qz);
        table_free(t);
    }
}
END_TEST

/* The shared-word batch gives the answers single analogy queries give. */
START_TEST(test_analogyscan_equals_single)
{
    embx_table *t = make_table(3000, 24);
    finish(t);
    enum { M = 40, K = 5 };
    struct ascan_question q[M];
    for (size_t i = 0; i < M; i++) {   /* words shared between questions, as in real sets */
        q[i].a = (i * 7) % 50; q[i].b = (i * 13 + 1) % 50; q[i].c = (i * 3 + 2) % 60;
        if (q[i].b == q[i].a) q[i].b++;
    }
    struct knn_hit ha[M * K], hm[M * K], ref[K];
    embx_err e;
    for (int threads = 1; threads <= 2; threads++) {
        ck_assert_int_eq(analogy_scan(t, q, M, K, 2500, threads, ha, hm, NULL, &e), EMBX_OK);
        for (size_t i = 0; i < M; i++) {
            size_t nh;
            ck_assert_int_eq(analogy_solve(t, q[i].a, q[i].b, q[i].c, ANALOGY_ADD, K, 2500, false, 1, ref, &nh, &e), EMBX_OK);
            ck_assert_uint_eq(nh, K);
            for (size_t j = 0; j < 3; j++) ck_assert_uint_eq(ha[i * K + j].row, ref[j].row);
            ck_assert_int_eq(analogy_solve(t, q[i].a, q[i].b, q[i].c, ANALOGY_MUL, K, 2500, false, 1, ref, &nh, &e), EMBX_OK);
            for (size_t j = 0; j < 3; j++) ck_assert_uint_eq(hm[i * K + j].row, ref[j].row);
            for (size_t j = 0; j < K; j++) ck_assert_uint_lt(ha[i * K + j].row, 2500);
        }
    }
    /* one method alone */
    ck_assert_int_eq(analogy_scan(t, q, M, K, 0, 1, NULL, hm, NULL, &e), EMBX_OK);
    table_free(t);
}
END_TEST

/* words of `ncat` categories: category c along axis c, with a small private offset */
static embx_table *make_categories(size_t ncat, size_t per, size_t dim)
{
    embx_table *t = make_table(ncat * per, dim);
    for (size_t i = 0; i < ncat * per; i++) {
        float *r = table_row(t, i);
        for (size_t j = 0; j < dim; j++) r[j] = 0.05f * rnd();
        r[i % ncat] += 1.0f;
    }
    finish(t);
    return t;
}

START_TEST(test_catclust_purity)
{
    embx_table *t = make_categories(4, 6, 16);
    size_t rows[24], label[24], assign[24];
    for (size_t i = 0; i < 24; i++) { rows[i] = i; label[i] = i % 4; }
    embx_err e;
    ck_assert_int_eq(catclust_average(t, rows, 24, 4, assign, &e), EMBX_OK);
    ck_assert(fabs(catclust_purity(assign, label, 24, 4, 4) - 1.0) < 1e-12);
    /* the same clusters numbered differently are as pure */
    for (size_t i = 0; i < 24; i++) assign[i] = 3 - assign[i];
    ck_assert(fabs(catclust_purity(assign, label, 24, 4, 4) - 1.0) < 1e-12);
    /* one cluster for all: purity is the largest category's share */
    ck_assert_int_eq(catclust_average(t, rows, 24, 1, assign, &e), EMBX_OK);
    ck_assert(fabs(catclust_purity(assign, label, 24, 1, 4) - 0.25) < 1e-12);
    /* k = n: every word alone */
    ck_assert_int_eq(catclust_average(t, rows, 24, 24, assign, &e), EMBX_OK);
    ck_assert(fabs(catclust_purity(assign, label, 24, 24, 4) - 1.0) < 1e-12);
    ck_assert_int_eq(catclust_average(t, rows, 24, 25, assign, &e), EMBX_ERR);
    table_free(t);
}
END_TEST

START_TEST(test_outlier_position)
{
    embx_table *t = make_categories(3, 8, 16);
    size_t c[7];
    for (size_t i = 0; i < 7; i++) c[i] = 3 * i;          /* category 0 */
    ck_assert_uint_eq(outlier_position(t, c, 7, 1), 7);   /* a category-1 word: found */
    ck_assert_uint_eq(outlier_position(t, c, 7, 21), 0);  /* a category-0 word is no outlier */
    table_free(t);
}
END_TEST

/* k = 1 on a cross: four rows at 45 degrees around a hub all pick the hub,
 * the hub picks the first of them: N1 = 4 1 0 0 0, skewness 1.2910. */
START_TEST(test_hubness_cross)
{
    embx_table *t = make_table(5, 3);
    const float v[5][3] = {{1, 0, 0}, {1, 1, 0}, {1, -1, 0}, {1, 0, 1}, {1, 0, -1}};
    for (size_t i = 0; i < 5; i++) memcpy(table_row(t, i), v[i], sizeof v[i]);
    finish(t);
    double skew;
    size_t used;
    embx_err e;
    ck_assert_int_eq(hubness_skew(t, 0, 1, 1, &skew, &used, NULL, &e), EMBX_OK);
    ck_assert_uint_eq(used, 5);
    ck_assert(fabs(skew - 4.8 / pow(2.4, 1.5)) < 1e-9);
    ck_assert_int_eq(hubness_skew(t, 0, 4, 1, &skew, &used, NULL, &e), EMBX_ERR);   /* too few rows */
    table_free(t);
}
END_TEST

START_TEST(test_intervals)
{
    double lo, hi;
    ck_assert(eval_ci_wilson(5, 10, &lo, &hi));
    ck_assert(fabs(lo - 0.236593) < 1e-6 && fabs(hi - 0.763407) < 1e-6);
    ck_assert(eval_ci_wilson(0, 20, &lo, &hi));
    ck_assert(lo == 0.0 && fabs(hi - 0.161125) < 1e-6);
    ck_assert(!eval_ci_wilson(0, 0, &lo, &hi));
    /* r = 0.5, n = 103: z = 0.549306 -+ 1.959964 / 10 */
    ck_assert(eval_ci_fisher(0.5, 103, 1.0, &lo, &hi));
    ck_assert(fabs(lo - tanh(0.549306144 - 0.1959964)) < 1e-6 && fabs(hi - tanh(0.549306144 + 0.1959964)) < 1e-6);
    ck_assert(!eval_ci_fisher(0.5, 3, 1.0, &lo, &hi));
}
END_TEST

/* Row metadata: types, names of one row, and --where conditions. */
START_TEST(test_rowmeta_where)
{
    embx_err e;
    embx_table *t = make_table(6, 4);
    finish(t);
    struct rowmeta *m = rowmeta_new(6);
    size_t ck, cn, ct;
    ck_assert_int_eq(rowmeta_add_col(m, "kind", &ck, &e), EMBX_OK);
    ck_assert_int_eq(rowmeta_add_col(m, "n", &cn, &e), EMBX_OK);
    ck_assert_int_eq(rowmeta_add_col(m, "title", &ct, &e), EMBX_OK);
    ck_assert_int_eq(rowmeta_add_col(m, "kind", &ck, &e), EMBX_ERR);   /* a repeated name */
    const char *kind[6] = {"a", "a", "b", "b", NULL, "c"}, *num[6] = {"1", "2.5", "10", NULL, "3", "-4"};
    const char *title[6] = {"One", "Two", "Three", "Three", "Five", "Six"};
    for (size_t r = 0; r < 6; r++) {
        ck_assert_int_eq(rowmeta_set(m, ck, r, kind[r], &e), EMBX_OK);
        ck_assert_int_eq(rowmeta_set(m, cn, r, num[r], &e), EMBX_OK);
        ck_assert_int_eq(rowmeta_set(m, ct, r, title[r], &e), EMBX_OK);
    }
    ck_assert_int_eq(rowmeta_finish(m, &e), EMBX_OK);
    t->meta = m;
    ck_assert_int_eq(m->cols[ck].type, META_TEXT);
    ck_assert_int_eq(m->cols[cn].type, META_NUM);
    /* a value of one row names it; a shared one names none */
    ck_assert_int_eq(table_find(t, "Two"), 1);
    ck_assert_int_eq(table_find(t, "w4"), 4);
    ck_assert_int_eq(table_find(t, "Three"), -1);
    size_t cnt;
    ck_assert_int_eq(rowmeta_find(m, "Three", &cnt), -2);
    ck_assert_uint_eq(cnt, 2);
    table_err_unknown(t, "Fiv", &e);
    ck_assert_msg(strstr(e.msg, "\"Five\" (w4)") != NULL, "%s", e.msg);
    struct where w[2];
    char c1[] = "n>2", c2[] = "kind!=b", c3[] = "kind<3", c4[] = "nope=1", c5[] = "n<=2.5";
    ck_assert_int_eq(where_parse(m, c1, &w[0], &e), EMBX_OK);
    ck_assert_int_eq(where_parse(m, c2, &w[1], &e), EMBX_OK);
    bool want[6] = {false, true, false, false, true, false};   /* n > 2 and kind != b (an unknown kind counts) */
    for (size_t r = 0; r < 6; r++) ck_assert_int_eq(where_match(m, w, 2, r), want[r]);
    ck_assert_int_eq(where_parse(m, c3, &w[0], &e), EMBX_ERR);
    ck_assert_int_eq(where_parse(m, c4, &w[0], &e), EMBX_ERR);
    ck_assert_msg(strstr(e.msg, "kind, n, title") != NULL, "%s", e.msg);
    ck_assert_int_eq(where_parse(m, c5, &w[0], &e), EMBX_OK);
    unsigned char *mask;
    ck_assert_int_eq(where_mask(t, w, 1, &mask, &cnt, &e), EMBX_OK);
    ck_assert_uint_eq(cnt, 3);                          /* 1, 2.5, -4 */
    ck_assert(mask[0] && mask[1] && !mask[2] && !mask[3] && !mask[4] && mask[5]);
    free(mask);
    table_free(t);
}
END_TEST

int main(void)

{
    Suite *s = suite_create("query");
    TCase *tc = tcase_create("knn");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_ties_zero_rows_excludes);
    tcase_add_test(tc, test_restrict_and_threads);
    tcase_add_test(tc, test_batch_equals_single);
    tcase_add_test(tc, test_default_threads_all_cores);
    tcase_add_test(tc, test_kernels_agree);
    tcase_add_test(tc, test_kernels_i8_extremes);
    tcase_add_test(tc, test_topsel);
    tcase_add_test(tc, test_cosmul_and_rank);
    tcase_add_test(tc, test_expr_parse);
    tcase_add_test(tc, test_rowmeta_where);
    tcase_add_test(tc, test_centrality);
    tcase_add_test(tc, test_fast_rescoring);
    tcase_add_test(tc, test_exact_through_int8);
    tcase_add_test(tc, test_analogyscan_equals_single);
    tcase_add_test(tc, test_catclust_purity);
    tcase_add_test(tc, test_outlier_position);
    tcase_add_test(tc, test_hubness_cross);
    tcase_add_test(tc, test_intervals);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
