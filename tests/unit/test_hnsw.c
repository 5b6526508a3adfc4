/* Unit tests of the HNSW index: recall@10 against exact search on a
 * clustered table (one and two build threads, single and batch queries),
 * zero rows and exclusions, the same graph for the same seed, Ctrl-C, and
 * the file: a round trip answers the same, and truncated, flipped, foreign
 * and stale files are refused. */
#include <check.h>
#include "unit.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hnsw.h"
#include "knn.h"
#include "progress.h"
#include "table.h"

static uint64_t rng;
static double uni(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0);
}
static double gauss(void)
{
    double u = uni(), v = uni();
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* n rows around `clusters` random centres (noise 0.35 per coordinate: the
 * clusters overlap, so neighbours are not trivially the cluster). */
static embx_table *clustered(size_t n, size_t dim, size_t clusters, uint64_t seed)
{
    rng = seed;
    embx_err e;
    embx_table *t = table_create(n, dim, &e);
    ck_assert_ptr_nonnull(t);
    double *c = malloc(sizeof(double) * clusters * dim);
    for (size_t i = 0; i < clusters * dim; i++) c[i] = gauss();
    char *blob = malloc(n * 16), *p = blob;
    for (size_t i = 0; i < n; i++) {
        p += sprintf(p, "w%zu", i) + 1;
        size_t k = (size_t)(uni() * clusters);
        for (size_t j = 0; j < dim; j++) table_row(t, i)[j] = (float)(c[k * dim + j] + 0.35 * gauss());
    }
    free(c);
    t->n = n;
    ck_assert_int_eq(table_set_vocab(t, blob, (size_t)(p - blob), true, &e), EMBX_OK);
    ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
    return t;
}

static struct hnsw *build(const embx_table *t, int threads)
{
    struct hnsw_params p;
    hnsw_params_default(&p);
    p.threads = threads;
    struct hnsw *h = NULL;
    embx_err e;
    progress_reset_cancel();
    int rc = hnsw_build(t, &p, NULL, &h, &e);
    ck_assert_msg(rc == EMBX_OK, "build: %s", e.msg);
    return h;
}

/* Mean recall@10 over nq query rows (each row excluded from its answers). */
static double recall10(const struct hnsw *h, const embx_table *t, size_t nq, bool batch)
{
    enum { K = 10 };
    embx_err e;
    size_t found = 0, total = 0, step = t->n / nq;
    struct knn_hit *ah = malloc(sizeof *ah * K * nq);
    float *Q = malloc(sizeof(float) * t->dim * nq);
    size_t *ex = malloc(sizeof(size_t) * nq);
    for (size_t i = 0; i < nq; i++) {
        ex[i] = i * step;
        memcpy(Q + i * t->dim, table_row(t, ex[i]), sizeof(float) * t->dim);
    }
    if (batch)
        ck_assert_int_eq(hnsw_search_batch(h, t, Q, nq, K, 0, ex, 1, 2, ah, &e), EMBX_OK);
    for (size_t i = 0; i < nq; i++) {
        struct knn_hit exact[K], *approx = ah + i * K;
        size_t ne, na = K;
        ck_assert_int_eq(knn_query(t, Q + i * t->dim, K, 0, &ex[i], 1, 0, exact, &ne, &e), EMBX_OK);
        if (!batch) ck_assert_int_eq(hnsw_search(h, t, Q + i * t->dim, K, 0, &ex[i], 1, approx, &na, &e), EMBX_OK);
        ck_assert_uint_eq(na, K);
        for (size_t a = 0; a < na; a++) {
            ck_assert_uint_ne(approx[a].row, ex[i]);
            if (a) ck_assert(approx[a].score <= approx[a - 1].score);
        }
        for (size_t x = 0; x < ne; x++)
            for (size_t a = 0; a < na; a++)
                if (approx[a].row == exact[x].row) { found++; break; }
        total += ne;
    }
    free(ah);
    free(Q);
    free(ex);
    return (double)found / (double)total;
}

START_TEST(test_recall_clustered)
{
    embx_table *t = clustered(20000, 48, 200, 7);
    struct hnsw *h = build(t, 2);
    struct hnsw_info in;
    hnsw_get_info(h, &in);
    ck_assert_uint_eq(in.nodes, t->n);
    ck_assert_int_eq(in.m, HNSW_DEFAULT_M);
    double r1 = recall10(h, t, 500, false), r2 = recall10(h, t, 500, true);
    ck_assert_msg(r1 >= 0.99, "recall@10 %.4f < 0.99", r1);
    ck_assert_msg(r2 == r1, "batch recall %.4f differs from single %.4f", r2, r1);
    hnsw_free(h);
    table_free(t);
}
END_TEST

START_TEST(test_zero_rows_exclusions_and_seed)
{
    embx_table *t = clustered(3000, 16, 20, 11);
    for (size_t i = 0; i < t->n; i += 7) memset(table_row(t, i), 0, sizeof(float) * t->dim);
    embx_err e;
    ck_assert_int_eq(table_compute_norms(t, &e), EMBX_OK);
    struct hnsw *a = build(t, 1), *b = build(t, 1);
    struct hnsw_info in;
    hnsw_get_info(a, &in);
    ck_assert_uint_eq(in.nodes, t->n - (t->n + 6) / 7);
    /* the same seed on one thread gives the same graph, so the same answers */
    struct knn_hit ha[50], hb[50];
    size_t na, nb, ex[3] = {1, 2, 3};
    ck_assert_int_eq(hnsw_search(a, t, table_row(t, 1), 50, 0, ex, 3, ha, &na, &e), EMBX_OK);
    ck_assert_int_eq(hnsw_search(b, t, table_row(t, 1), 50, 0, ex, 3, hb, &nb, &e), EMBX_OK);
    ck_assert_uint_eq(na, 50);
    ck_assert_uint_eq(nb, 50);
    for (size_t i = 0; i < na; i++) {
        ck_assert_uint_eq(ha[i].row, hb[i].row);
        ck_assert(ha[i].row % 7 != 0);                     /* zero rows are never answers */
        ck_assert(ha[i].row < 1 || ha[i].row > 3);          /* excluded rows neither */
    }
    /* a zero query is refused, not answered */
    float z[16] = {0};
    ck_assert_int_eq(hnsw_search(a, t, z, 5, 0, NULL, 0, ha, &na, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "zero"));
    /* in a batch a zero query just gets no hits, the others are answered */
    float Q[32];
    memcpy(Q, z, sizeof z);
    memcpy(Q + 16, table_row(t, 1), sizeof(float) * 16);
    struct knn_hit bh[10];
    ck_assert_int_eq(hnsw_search_batch(a, t, Q, 2, 5, 0, NULL, 0, 2, bh, &e), EMBX_OK);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_uint_eq(bh[i].row, SIZE_MAX);
        ck_assert_uint_ne(bh[5 + i].row, SIZE_MAX);
    }
    ck_assert_uint_eq(bh[5].row, 1);     /* row 1 is its own nearest */
    hnsw_free(a);
    hnsw_free(b);
    table_free(t);
}
END_TEST

START_TEST(test_cancel)
{
    embx_table *t = clustered(5000, 16, 20, 3);
    struct hnsw *h = (struct hnsw *)1;
    embx_err e;
    progress_cancel_flag = 1;
    ck_assert_int_eq(hnsw_build(t, NULL, NULL, &h, &e), EMBX_CANCELLED);
    ck_assert_ptr_null(h);
    progress_reset_cancel();
    table_free(t);
}
END_TEST

static char *tmp_path(const char *tag)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/test_hnsw_%ld_%s.hnsw", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (long)getpid(), tag);
    return buf;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    rewind(fp);
    unsigned char *b = malloc(*len);
    ck_assert_uint_eq(fread(b, 1, *len, fp), *len);
    fclose(fp);
    return b;
}

static void spit(const char *path, const unsigned char *b, size_t len)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(b, 1, len, fp), len);
    fclose(fp);
}

START_TEST(test_file_round_trip_and_damage)
{
    embx_table *t = clustered(4000, 24, 40, 5);
    struct hnsw *h = build(t, 2), *g = NULL;
    embx_err e;
    char path[256];
    snprintf(path, sizeof path, "%s", tmp_path("rt"));
    ck_assert_int_eq(hnsw_save(h, path, &e), EMBX_OK);
    ck_assert_msg(hnsw_load(path, t, &g, &e) == EMBX_OK, "load: %s", e.msg);
    struct hnsw_info a, b;
    hnsw_get_info(h, &a);
    hnsw_get_info(g, &b);
    ck_assert_uint_eq(a.nodes, b.nodes);
    ck_assert_int_eq(a.levels, b.levels);
    ck_assert_uint_eq(a.memory, b.memory);
    for (size_t r = 0; r < t->n; r += 97) {
        struct knn_hit x[10], y[10];
        size_t nx, ny;
        ck_assert_int_eq(hnsw_search(h, t, table_row(t, r), 10, 0, &r, 1, x, &nx, &e), EMBX_OK);
        ck_assert_int_eq(hnsw_search(g, t, table_row(t, r), 10, 0, &r, 1, y, &ny, &e), EMBX_OK);
        ck_assert_uint_eq(nx, ny);
        for (size_t i = 0; i < nx; i++) ck_assert_uint_eq(x[i].row, y[i].row);
    }
    hnsw_free(g);

    size_t len;
    unsigned char *orig = slurp(path, &len);
    char bad[256];
    snprintf(bad, sizeof bad, "%s", tmp_path("bad"));
    /* truncated anywhere */
    size_t cuts[] = {0, 7, 64, 127, 128, 1000, len / 2, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        spit(bad, orig, cuts[i]);
        g = (struct hnsw *)1;
        ck_assert_int_eq(hnsw_load(bad, t, &g, &e), EMBX_ERR);
        ck_assert_ptr_null(g);
        ck_assert_ptr_nonnull(strstr(e.msg, bad));
    }
    /* one flipped byte anywhere (header or payload) */
    unsigned char *cp = malloc(len);
    rng = 99;
    for (int i = 0; i < 300; i++) {
        size_t at = i < 128 ? (size_t)i : 128 + (size_t)(uni() * (double)(len - 128));
        if (at >= 128 && at < 128 + ((t->n + 7) & ~(size_t)7) && at >= 128 + t->n) continue;   /* padding */
        memcpy(cp, orig, len);
        cp[at] ^= (unsigned char)(1u << (i % 8));
        spit(bad, cp, len);
        g = NULL;
        ck_assert_msg(hnsw_load(bad, t, &g, &e) == EMBX_ERR, "a flip at byte %zu was accepted", at);
        ck_assert_ptr_null(g);
    }
    free(cp);
    /* not an index at all */
    spit(bad, (const unsigned char *)"hello world, this is not an index\n", 34);
    ck_assert_int_eq(hnsw_load(bad, t, &g, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "not an embx index"));
    /* another table of the same shape, and a changed row: refused */
    embx_table *other = clustered(4000, 24, 40, 6);
    ck_assert_int_eq(hnsw_load(path, other, &g, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "another table"));
    ck_assert(!hnsw_matches(h, other));
    table_free(other);
    table_row(t, 0)[0] += 1.0f;
    ck_assert_int_eq(hnsw_load(path, t, &g, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "another table"));

    free(orig);
    unlink(path);
    unlink(bad);
    hnsw_free(h);
    table_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hnsw");
    TCase *tc = tcase_create("hnsw");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_recall_clustered);
    tcase_add_test(tc, test_zero_rows_exclusions_and_seed);
    tcase_add_test(tc, test_cancel);
    tcase_add_test(tc, test_file_round_trip_and_damage);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
