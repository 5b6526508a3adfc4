/* Unit tests of the recsys area: the interaction and item readers on every
 * layout and bad input, and, on generated interactions with planted genres
 * (tests/gen/mkinteractions, fixed seed), that mf (SGD and ALS) beats the
 * biases-only RMSE, bpr and ials beat popularity on recall@10, item 10-NN
 * share a genre, a run is reproducible, and ials's loss falls every epoch. */
#include <check.h>
#include "unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "interactions.h"
#include "ials.h"
#include "item2vec.h"
#include "items.h"
#include "corpus.h"
#include "knn.h"
#include "recstore.h"
#include "recsys.h"

static char dir[256];

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s/embx-recsys.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to DIR/name and returns the path (static buffer per call site). */
static const char *write_file(const char *name, const char *text)
{
    static char paths[8][512];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 512, "%s/%s", dir, name);
    FILE *fp = fopen(p, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    fclose(fp);
    return p;
}

/* Reads text written to DIR/name, which must succeed. */
static void read_ok(const char *name, const char *text, struct interactions *x)
{
    embx_err e;
    const char *p = write_file(name, text);
    ck_assert_msg(interactions_read(p, x, NULL, &e) == EMBX_OK, "%s: %s", name, e.msg);
}

/* Reads text expecting failure; returns the message. */
static const char *read_fails(const char *text)
{
    static embx_err e;
    struct interactions x;
    const char *p = write_file("bad.txt", text);
    ck_assert_int_eq(interactions_read(p, &x, NULL, &e), EMBX_ERR);
    return e.msg;
}

START_TEST(test_separators_and_header)
{
    const char *layouts[] = {
        "1\t10\t5\t881250949\n1\t20\t3\t881250950\n2\t10\t4\t881250951\n",          /* u.data */
        "1::10::5::978300760\n1::20::3::978300761\n2::10::4::978300762\n",          /* ratings.dat */
        "userId,movieId,rating,timestamp\n1,10,5.0,964982703\n1,20,3.0,964981247\n2,10,4.0,964982224\n",
        "1|10|5\n1|20|3\n2|10|4\n",
        "1 10 5\n1   20 3\r\n2 10 4\n",
    };
    for (size_t k = 0; k < sizeof layouts / sizeof *layouts; k++) {
        struct interactions x;
        read_ok("r.txt", layouts[k], &x);
        ck_assert_uint_eq(x.n, 3);
        ck_assert_uint_eq(x.users.n, 2);
        ck_assert_uint_eq(x.items.n, 2);
        ck_assert_ptr_nonnull(x.rating);
        ck_assert_float_eq(x.rating[1], 3.0f);
        ck_assert_str_eq(x.items.ids[x.item[1]], "20");
        ck_assert_int_eq(x.header, k == 2);
        interactions_free(&x);
    }
}
END_TEST

START_TEST(test_implicit_and_notes)
{
    struct interactions x;
    /* no ratings; (u1, a) repeated; user u3 and item c have one interaction */
    read_ok("r.csv", "user,item\nu1,a\nu1,b\nu2,a\nu2,b\nu1,a\nu3,c\n", &x);
    ck_assert_ptr_null(x.rating);
    ck_assert_uint_eq(x.n, 5);
    ck_assert_uint_eq(x.duplicates, 1);
    ck_assert_ptr_nonnull(strstr(x.first_duplicate, "r.csv:6"));
    ck_assert_uint_eq(x.single_users, 1);
    ck_assert_uint_eq(x.single_items, 1);
    interactions_free(&x);
}
END_TEST

START_TEST(test_duplicate_last_rating_wins)
{
    struct interactions x;
    read_ok("r.tsv", "1\t10\t1\n2\t20\t2\n1\t10\t5\n", &x);
    ck_assert_uint_eq(x.n, 2);
    ck_assert_float_eq(x.rating[0], 5.0f);
    ck_assert_uint_eq(x.duplicates, 1);
    interactions_free(&x);
}
END_TEST

START_TEST(test_bad_interactions)
{
    const char *m;
    m = read_fails("1,10,5\n1,20,3\n2\n");
    ck_assert_msg(strstr(m, "bad.txt:3:") && strstr(m, "missing item"), "%s", m);
    m = read_fails("1,10,5\n1,20\n");
    ck_assert_msg(strstr(m, "bad.txt:2:") && strstr(m, "missing rating"), "%s", m);
    m = read_fails("1,10,5\n2,20,great\n");
    ck_assert_msg(strstr(m, "bad.txt:2:") && strstr(m, "'great' is not a number"), "%s", m);
    m = read_fails("1,10,5\n2,20,nan\n");
    ck_assert_msg(strstr(m, "bad.txt:2:"), "%s", m);
    m = read_fails("1,10,5\n,20,3\n");
    ck_assert_msg(strstr(m, "bad.txt:2:") && strstr(m, "missing user"), "%s", m);
    m = read_fails("1,10,5\n1,20,4\n1,30,3\n");
    ck_assert_msg(strstr(m, "single user ('1')"), "%s", m);
    m = read_fails("1,10,5\n2,10,4\n");
    ck_assert_msg(strstr(m, "single item ('10')"), "%s", m);
    m = read_fails("user,item,rating\n");
    ck_assert_msg(strstr(m, "no interactions"), "%s", m);
    m = read_fails("");
    ck_assert_msg(strstr(m, "no interactions"), "%s", m);
    m = read_fails("1,ten items,5\n2,20,3\n");
    ck_assert_msg(strstr(m, "contains a blank"), "%s", m);
}
END_TEST

START_TEST(test_items_layouts)
{
    struct item_meta m;
    embx_err e;
    char g[64];
    /* u.item: latin-1 title, 19 genre flags (Animation, Children's, Comedy) */
    const char *p = write_file("u.item",
        "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
        "2|Caf\xe9 (1996)|01-Jan-1996||http://y|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
    ck_assert_int_eq(items_read(p, &m, &e), EMBX_OK);
    ck_assert_str_eq(m.layout, "u.item");
    ck_assert_str_eq(m.genres[0], "Animation|Children's|Comedy");
    items_first_genre(&m, 0, g, sizeof g);
    ck_assert_str_eq(g, "Animation");
    ck_assert_str_eq(m.titles[1], "Caf\xc3\xa9 (1996)");
    items_free(&m);

    p = write_file("movies.dat", "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Heat (1995)::Action|Crime|Thriller\n");
    ck_assert_int_eq(items_read(p, &m, &e), EMBX_OK);
    ck_assert_str_eq(m.layout, "movies.dat");
    ck_assert_str_eq(m.titles[1], "Heat (1995)");
    items_free(&m);

    p = write_file("movies.csv", "movieId,title,genres\n11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                                  "12,\"Say \"\"Hi\"\" (2001)\",(no genres listed)\n13,Heat (1995),Action\n");
    ck_assert_int_eq(items_read(p, &m, &e), EMBX_OK);
    ck_assert_str_eq(m.layout, "movies.csv");
    ck_assert_uint_eq(m.ids.n, 3);
    ck_assert_str_eq(m.titles[0], "American President, The (1995)");
    ck_assert_str_eq(m.genres[0], "Comedy|Drama|Romance");
    ck_assert_str_eq(m.titles[1], "Say \"Hi\" (2001)");
    ck_assert_str_eq(m.genres[1], "");
    items_free(&m);

    p = write_file("items.tsv", "a\tFirst\tX,Y\nb\tSecond\n");
    ck_assert_int_eq(items_read(p, &m, &e), EMBX_OK);
    ck_assert_str_eq(m.genres[0], "X|Y");
    ck_assert_str_eq(m.genres[1], "");
    items_free(&m);

    p = write_file("bad.csv", "movieId,title,genres\n1,Fine,Drama\n2\n");
    ck_assert_int_eq(items_read(p, &m, &e), EMBX_ERR);
    ck_assert_msg(strstr(e.msg, "bad.csv:3:"), "%s", e.msg);
}
END_TEST

/* ---- models on generated data ---- */

static void generate(const char *ratings, const char *items, bool implicit)
{
    const char *b = getenv("BUILDDIR");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s/tests/gen/mkinteractions' '%s' '%s' --users 1500 --items 300 "
             "--interactions 40000 --seed 7%s", b ? b : ".", ratings, items, implicit ? " --implicit" : "");
    ck_assert_msg(system(cmd) == 0, "generator failed: %s", cmd);
}

/* Share of each item's 10 nearest item rows (cosine) sharing a genre with it. */
static double genre_agreement(const struct interactions *x, const struct recsys_model *m,
                              const struct item_meta *meta)
{
    embx_err e;
    embx_table *t;
    size_t unmatched, missing;
    ck_assert_int_eq(recsys_build_table(x, m, meta, "user:", "item:", &t, &unmatched, &missing, &e), EMBX_OK);
    ck_assert_uint_eq(unmatched, 0);
    ck_assert_uint_eq(missing, 0);
    size_t ni = x->items.n;
    double sum = 0;
    for (size_t r = 0; r < ni; r++) {
        struct knn_hit hits[10];
        size_t nh;
        ck_assert_int_eq(knn_query(t, table_row(t, r), 10, ni, &r, 1, 0, hits, &nh, &e), EMBX_OK);
        ck_assert_uint_eq(nh, 10);
        long a = id_set_find(&meta->ids, t->words[r] + 5);
        ck_assert_int_ge(a, 0);
        size_t share = 0;
        for (size_t h = 0; h < nh; h++) {
            long b = id_set_find(&meta->ids, t->words[hits[h].row] + 5);
            ck_assert_int_ge(b, 0);
            char ga[256];
            snprintf(ga, sizeof ga, "%s", meta->genres[a]);
            bool any = false;
            for (char *tok = strtok(ga, "|"); tok && !any; tok = strtok(NULL, "|")) {
                char want[64];
                snprintf(want, sizeof want, "|%s|", tok);
                char have[300];
                snprintf(have, sizeof have, "|%s|", meta->genres[b]);
                any = strstr(have, want) != NULL;
            }
            share += any;
        }
        sum += share / 10.0;
    }
    table_free(t);
    return sum / ni;
}

static void train_and_check(bool implicit, enum recsys_kind kind, enum recsys_solver solver)
{
    char rp[512], ip[512];
    snprintf(rp, sizeof rp, "%s/r.tsv", dir);
    snprintf(ip, sizeof ip, "%s/items.csv", dir);
    generate(rp, ip, implicit);
    struct interactions x;
    struct item_meta meta;
    embx_err e;
    ck_assert_int_eq(interactions_read(rp, &x, NULL, &e), EMBX_OK);
    ck_assert_int_eq(items_read(ip, &meta, &e), EMBX_OK);
    ck_assert_int_eq(x.rating == NULL, implicit);
    struct recsys_opts o;
    recsys_opts_default(&o, kind);
    o.threads = kind == RECSYS_ITEM2VEC ? 1 : 2;   /* Hogwild: reproducible with one */
    if (solver == RECSYS_ALS) { o.solver = RECSYS_ALS; o.epochs = 10; o.reg = 0.1; }
    uint8_t *is_test;
    size_t ntest;
    ck_assert_int_eq(recsys_split(&x, 0.1, 3, &is_test, &ntest, &e), EMBX_OK);
    ck_assert(ntest > x.n / 20 && ntest < x.n / 5);
    struct recsys_model m, m2;
    ck_assert_int_eq(recsys_train(&x, is_test, &o, &m, NULL, &e), EMBX_OK);
    struct recsys_eval ev;
    ck_assert_int_eq(recsys_evaluate(&x, is_test, &m, 2, &ev, &e), EMBX_OK);
    const char *name = recsys_kind_name(kind);
    if (kind == RECSYS_ITEM2VEC) {
        /* item2vec ranks by similarity to the history, not by popularity:
         * it is judged by its neighbours below, and must rank far above chance */
        ck_assert_msg(ev.recall > 3 * 10.0 / x.items.n, "%s recall@10 %.4f", name, ev.recall);
    } else if (kind != RECSYS_MF) {
        ck_assert_msg(ev.recall > ev.pop_recall, "%s recall@10 %.4f vs popularity %.4f", name, ev.recall, ev.pop_recall);
        ck_assert_msg(ev.ndcg > ev.pop_ndcg, "%s NDCG@10 %.4f vs popularity %.4f", name, ev.ndcg, ev.pop_ndcg);
    } else {
        ck_assert_msg(ev.rmse < ev.base_rmse, "mf RMSE %.4f vs biases only %.4f", ev.rmse, ev.base_rmse);
    }
    double agree = genre_agreement(&x, &m, &meta);
    ck_assert_msg(agree > 0.8, "%s item 10-NN genre agreement %.3f", name, agree);
    /* the same seed and thread count give the same factors */
    ck_assert_int_eq(recsys_train(&x, is_test, &o, &m2, NULL, &e), EMBX_OK);
    ck_assert_mem_eq(m.Q, m2.Q, m.nitems * m.dim * sizeof(float));
    ck_assert_mem_eq(m.P, m2.P, m.nusers * m.dim * sizeof(float));
    recsys_model_free(&m);
    recsys_model_free(&m2);
    free(is_test);
    items_free(&meta);
    interactions_free(&x);
}

START_TEST(test_mf_beats_biases) { train_and_check(false, RECSYS_MF, RECSYS_SGD); }
END_TEST

START_TEST(test_mf_als_beats_biases) { train_and_check(false, RECSYS_MF, RECSYS_ALS); }
END_TEST

START_TEST(test_bpr_beats_popularity) { train_and_check(true, RECSYS_BPR, RECSYS_SGD); }
END_TEST

START_TEST(test_ials_beats_popularity) { train_and_check(true, RECSYS_IALS, RECSYS_SGD); }
END_TEST

START_TEST(test_item2vec_neighbours) { train_and_check(false, RECSYS_ITEM2VEC, RECSYS_SGD); }
END_TEST

START_TEST(test_ials_on_ratings) { train_and_check(false, RECSYS_IALS, RECSYS_SGD); }
END_TEST

/* Implicit ALS minimises its objective exactly in every half step, so the
 * loss after each epoch is below the one before (up to float rounding of
 * the stored factors); and the thread count does not change the result. */
START_TEST(test_ials_loss_decreases)
{
    char rp[512], ip[512];
    snprintf(rp, sizeof rp, "%s/r.tsv", dir);
    snprintf(ip, sizeof ip, "%s/items.csv", dir);
    generate(rp, ip, false);
    struct interactions x;
    embx_err e;
    ck_assert_int_eq(interactions_read(rp, &x, NULL, &e), EMBX_OK);
    struct recsys_opts o;
    recsys_opts_default(&o, RECSYS_IALS);
    o.epochs = 12;
    o.threads = 2;
    double loss[12], loss1[12];
    struct recsys_model m, m1;
    ck_assert_int_eq(ials_train(&x, NULL, &o, &m, loss, NULL, &e), EMBX_OK);
    for (int k = 1; k < o.epochs; k++)
        ck_assert_msg(loss[k] <= loss[k - 1] * (1 + 1e-7), "loss rose at epoch %d: %.9g -> %.9g", k + 1,
                      loss[k - 1], loss[k]);
    ck_assert_msg(loss[o.epochs - 1] < 0.9 * loss[0], "loss barely moved: %.6g -> %.6g", loss[0], loss[o.epochs - 1]);
    o.threads = 1;
    ck_assert_int_eq(ials_train(&x, NULL, &o, &m1, loss1, NULL, &e), EMBX_OK);
    ck_assert_mem_eq(m.Q, m1.Q, m.nitems * m.dim * sizeof(float));
    recsys_model_free(&m);
    recsys_model_free(&m1);
    interactions_free(&x);
}
END_TEST

START_TEST(test_split_keeps_a_training_item)
{
    struct interactions x;
    embx_err e;
    read_ok("r.txt", "1,a,1\n2,a,2\n2,b,3\n3,c,4\n4,a,5\n", &x);
    uint8_t *t;
    size_t n;
    ck_assert_int_eq(recsys_split(&x, 0.0, 1, &t, &n, &e), EMBX_ERR);
    ck_assert_int_eq(recsys_split(&x, 1.0, 1, &t, &n, &e), EMBX_ERR);
    ck_assert_int_eq(recsys_split(&x, 0.99, 1, &t, &n, &e), EMBX_OK);
    /* every user keeps one training interaction */
    for (size_t u = 0; u < x.users.n; u++) {
        size_t train = 0;
        for (size_t k = 0; k < x.n; k++) train += x.user[k] == u && !t[k];
        ck_assert_uint_ge(train, 1);
    }
    free(t);
    interactions_free(&x);
}
END_TEST

/* item2vec's sentences follow the timestamps when the file has them (file
 * order otherwise), skip held-out interactions, and a bad timestamp is
 * refused with FILE:LINE. */
START_TEST(test_item2vec_time_order)
{
    struct interactions x;
    embx_err e;
    read_ok("t.txt", "u1,a,5,300\nu1,b,4,100\nu2,c,3,7\nu1,c,2,200\nu2,a,1,5\n", &x);
    ck_assert_ptr_nonnull(x.stamp);
    uint32_t *ids;
    uint64_t *counts;
    size_t n;
    ck_assert_int_eq(item2vec_sequences(&x, NULL, &ids, &n, &counts, &e), EMBX_OK);
    /* items a=0 b=1 c=2: u1 b c a, u2 a c */
    uint32_t want[] = {1, 2, 0, CORPUS_EOS, 0, 2, CORPUS_EOS};
    ck_assert_uint_eq(n, 7);
    ck_assert_mem_eq(ids, want, sizeof want);
    ck_assert_uint_eq(counts[0], 2);
    free(ids);
    free(counts);
    uint8_t held[5] = {0, 1, 0, 0, 0};     /* u1's b held out */
    ck_assert_int_eq(item2vec_sequences(&x, held, &ids, &n, &counts, &e), EMBX_OK);
    uint32_t want2[] = {2, 0, CORPUS_EOS, 0, 2, CORPUS_EOS};
    ck_assert_uint_eq(n, 6);
    ck_assert_mem_eq(ids, want2, sizeof want2);
    free(ids);
    free(counts);
    interactions_free(&x);
    read_ok("f.txt", "u1,a,5\nu1,b,4\nu2,c,3\n", &x);
    ck_assert_ptr_null(x.stamp);
    ck_assert_int_eq(item2vec_sequences(&x, NULL, &ids, &n, &counts, &e), EMBX_OK);
    uint32_t want3[] = {0, 1, CORPUS_EOS, 2, CORPUS_EOS};
    ck_assert_mem_eq(ids, want3, sizeof want3);
    free(ids);
    free(counts);
    interactions_free(&x);
    const char *msg = read_fails("u1,a,5,300\nu1,b,4,soon\n");
    ck_assert_msg(strstr(msg, "bad.txt:2:") && strstr(msg, "timestamp"), "%s", msg);
}
END_TEST

/* --split last holds out each user's latest interactions by timestamp,
 * about f of them, at least one, never a user's only or every one. */
START_TEST(test_split_last)
{
    struct interactions x;
    embx_err e;
    read_ok("t.txt", "u1,a,5,300\nu1,b,4,100\nu1,c,2,200\nu1,d,2,50\nu2,a,1,5\nu2,c,3,7\nu3,b,3,1\n", &x);
    uint8_t *t;
    size_t n;
    ck_assert_int_eq(recsys_split_last(&x, 0.3, &t, &n, &e), EMBX_OK);
    uint8_t want[7] = {1, 0, 0, 0, 0, 1, 0};   /* u1: a (t=300); u2: c (t=7); u3 keeps its one */
    ck_assert_mem_eq(t, want, 7);
    ck_assert_uint_eq(n, 2);
    free(t);
    ck_assert_int_eq(recsys_split_last(&x, 0.6, &t, &n, &e), EMBX_OK);
    uint8_t want2[7] = {1, 0, 1, 0, 0, 1, 0};  /* u1: round(2.4) = 2 latest: a, c */
    ck_assert_mem_eq(t, want2, 7);
    free(t);
    ck_assert_int_eq(recsys_split_last(&x, 1.0, &t, &n, &e), EMBX_ERR);
    interactions_free(&x);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("recsys");
    TCase *tc = tcase_create("readers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_separators_and_header);
    tcase_add_test(tc, test_implicit_and_notes);
    tcase_add_test(tc, test_duplicate_last_rating_wins);
    tcase_add_test(tc, test_bad_interactions);
    tcase_add_test(tc, test_items_layouts);
    tcase_add_test(tc, test_split_keeps_a_training_item);
    tcase_add_test(tc, test_item2vec_time_order);
    tcase_add_test(tc, test_split_last);
    suite_add_tcase(s, tc);
    TCase *tm = tcase_create("models");
    tcase_add_checked_fixture(tm, setup, teardown);
    tcase_set_timeout(tm, 120);
    tcase_add_test(tm, test_mf_beats_biases);
    tcase_add_test(tm, test_mf_als_beats_biases);
    tcase_add_test(tm, test_bpr_beats_popularity);
    tcase_add_test(tm, test_ials_beats_popularity);
    tcase_add_test(tm, test_ials_on_ratings);
    tcase_add_test(tm, test_ials_loss_decreases);
    tcase_add_test(tm, test_item2vec_neighbours);
    suite_add_tcase(s, tm);
    return s;
}

int main(void)
{
    return unit_run(suite());
}
