/* Unit tests of the train area: corpus tokenizing (blanks, NUL bytes, line
 * ends, case folding), vocabulary order and min-count, the id stream, and
 * the trainer (reproducible with one thread, learns co-occurrence). */
#include <check.h>
#include "unit.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "corpus.h"
#include "train.h"

static char *write_temp(const char *data, size_t len)
{
    char *path = strdup("/tmp/embx-test-corpus.XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
    return path;
}

static corpus *load(const char *data, size_t len, bool lower, uint64_t minc)
{
    char *path = write_temp(data, len);
    struct corpus_opts o = {lower, minc};
    corpus *c = NULL;
    embx_err e;
    int rc = corpus_load(path, &o, NULL, &c, &e);
    unlink(path);
    free(path);
    ck_assert_msg(rc == EMBX_OK, "corpus_load: %s", e.msg);
    return c;
}

/* The vocabulary is exactly words[0..n), in row order. */
static void expect_words(const corpus *c, const char *const *words, size_t n)
{
    ck_assert_uint_eq(c->nwords, n);
    for (size_t i = 0; i < n; i++) ck_assert_str_eq(c->words[i], words[i]);
}

/* The id stream is exactly ids[0..n). */
static void expect_ids(const corpus *c, const uint32_t *ids, size_t n)
{
    ck_assert_uint_eq(c->nids, n);
    for (size_t i = 0; i < n; i++) ck_assert_uint_eq(c->ids[i], ids[i]);
}

START_TEST(test_tokens_and_order)
{
    static const char text[] = "b a\tc\r\nc a\0c\n\n  b \x01z c";
    corpus *c = load(text, sizeof text - 1, false, 1);
    /* c x4, a x2, b x2 (b first seen before a), then \x01z */
    static const char *const words[] = {"c", "b", "a", "\x01z"};
    expect_words(c, words, 4);
    ck_assert_uint_eq(c->counts[0], 4);
    ck_assert_uint_eq(c->ntokens, 9);
    /* ids: b a c EOS c a c EOS b \x01z c EOS (no empty sentence for the blank line) */
    static const uint32_t ids[] = {1, 2, 0, CORPUS_EOS, 0, 2, 0, CORPUS_EOS, 1, 3, 0, CORPUS_EOS};
    expect_ids(c, ids, sizeof ids / sizeof ids[0]);
    corpus_free(c);
}
END_TEST

START_TEST(test_min_count_drops_positions)
{
    static const char text[] = "x y x rare y x\n";
    corpus *c = load(text, sizeof text - 1, false, 2);
    ck_assert_uint_eq(c->nwords, 2);
    ck_assert_uint_eq(c->ndistinct, 3);
    ck_assert_uint_eq(c->nkept, 5);
    static const uint32_t ids[] = {0, 1, 0, 1, 0, CORPUS_EOS};
    expect_ids(c, ids, 6);
    corpus_free(c);
}
END_TEST

START_TEST(test_lowercase)
{
    static const char text[] = "ÀB àb ΣΑ σα ЁЖ ёж";
    corpus *c = load(text, sizeof text - 1, true, 1);
    static const char *const words[] = {"àb", "σα", "ёж"};
    expect_words(c, words, 3);
    corpus_free(c);
}
END_TEST

START_TEST(test_errors)
{
    struct corpus_opts o = {false, 1};
    corpus *c;
    embx_err e;
    ck_assert_int_eq(corpus_load("/nonexistent/corpus.txt", &o, NULL, &c, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "/nonexistent/corpus.txt"));
    char *path = write_temp(" \n\t ", 4);
    ck_assert_int_eq(corpus_load(path, &o, NULL, &c, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "empty"));
    unlink(path);
    free(path);
}
END_TEST

/* A corpus where "sun" and "moon" share contexts and "rock" never does. */
static corpus *toy(void)
{
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    unsigned s = 1;
    static const char *ctx_a[] = {"bright", "sky", "light", "shines"}, *ctx_b[] = {"heavy", "ground", "stone", "hard"};
    for (int i = 0; i < 6000; i++) {
        s = s * 1103515245u + 12345u;
        int k = (int)((s >> 16) % 3);
        const char *w = k == 0 ? "sun" : k == 1 ? "moon" : "rock";
        const char **cx = k < 2 ? ctx_a : ctx_b;
        len += (size_t)snprintf(buf + len, cap - len, "%s %s %s %s\n", cx[(s >> 8) & 3], w, cx[(s >> 4) & 3],
                                cx[(s >> 12) & 3]);
    }
    corpus *c = load(buf, len, false, 1);
    free(buf);
    return c;
}

static float cosine(const float *a, const float *b, size_t d)
{
    double ab = 0, aa = 0, bb = 0;
    for (size_t i = 0; i < d; i++) ab += a[i] * b[i], aa += a[i] * a[i], bb += b[i] * b[i];
    return (float)(ab / sqrt(aa * bb));
}

static long row(const corpus *c, const char *w)
{
    for (size_t i = 0; i < c->nwords; i++)
        if (!strcmp(c->words[i], w)) return (long)i;
    return -1;
}

START_TEST(test_train_learns_and_repeats)
{
    corpus *c = toy();
    for (int model = 0; model < 2; model++) {
        struct train_opts o = {.model = model ? TRAIN_CBOW : TRAIN_SKIPGRAM, .dim = 20, .window = 3,
                               .negative = 3, .epochs = 5, .threads = 1, .sample = 0,
                               .alpha = train_default_alpha(model ? TRAIN_CBOW : TRAIN_SKIPGRAM), .seed = 9};
        size_t n = c->nwords * o.dim;
        float *v1 = malloc(n * sizeof *v1), *v2 = malloc(n * sizeof *v2);
        struct train_stats st;
        embx_err e;
        ck_assert_int_eq(train_run(c, &o, v1, NULL, &st, &e), EMBX_OK);
        ck_assert_uint_eq(st.words, 5 * c->nkept);
        ck_assert_int_eq(train_run(c, &o, v2, NULL, &st, &e), EMBX_OK);
        ck_assert_msg(memcmp(v1, v2, n * sizeof *v1) == 0, "model %d: two runs differ", model);
        size_t d = o.dim;
        float sm = cosine(v1 + row(c, "sun") * d, v1 + row(c, "moon") * d, d);
        float sr = cosine(v1 + row(c, "sun") * d, v1 + row(c, "rock") * d, d);
        ck_assert_msg(sm > sr + 0.3f, "model %d: cos(sun,moon) %.3f vs cos(sun,rock) %.3f", model, sm, sr);
        free(v1);
        free(v2);
    }
    corpus_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("train");
    TCase *tc = tcase_create("train");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_tokens_and_order);
    tcase_add_test(tc, test_min_count_drops_positions);
    tcase_add_test(tc, test_lowercase);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_train_learns_and_repeats);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
