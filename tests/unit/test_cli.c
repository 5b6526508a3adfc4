/* Unit tests of the command layer's pure parts: the viewer prompts' edit
 * buffer (lineedit), Tab completion of sub-commands and setting values from
 * the command table, and the kept clustering that colours a later plot. */
#include <check.h>
#include "unit.h"
#include <stdlib.h>
#include <string.h>
#include "lineedit.h"
#include "clusterkeep.h"
#include "repl.h"
#include "rowmeta.h"
#include "session.h"

/* Types text into le the way the viewer does: one code point at a time. */
static void type(struct lineedit *le, const char *text)
{
    for (const char *p = text; *p; p++) lineedit_insert(le, (unsigned char)*p);
}

/* Issue 18: the SVG prompt's pre-filled name can be cleared (Ctrl-U) and a
 * path taken apart a word at a time (Ctrl-W), instead of typing appending. */
START_TEST(test_lineedit_kill)
{
    char buf[64] = "embx-plot.svg";
    struct lineedit le;
    lineedit_init(&le, buf, sizeof buf);
    ck_assert_uint_eq(le.pos, 13);
    ck_assert(lineedit_apply(&le, lineedit_control(21)));   /* Ctrl-U */
    ck_assert_str_eq(buf, "");
    type(&le, "out/maps/river.svg");
    ck_assert(lineedit_apply(&le, lineedit_control(23)));   /* Ctrl-W */
    ck_assert_str_eq(buf, "out/maps/");
    lineedit_apply(&le, LE_KILL_WORD);
    ck_assert_str_eq(buf, "out/");
    type(&le, "a b  ");
    lineedit_apply(&le, LE_KILL_WORD);                      /* blanks and the word before them */
    ck_assert_str_eq(buf, "out/a ");
    lineedit_apply(&le, LE_KILL_WORD);
    lineedit_apply(&le, LE_KILL_WORD);
    ck_assert_str_eq(buf, "");
    ck_assert(!lineedit_apply(&le, LE_KILL_WORD));          /* nothing left: no change */
    ck_assert(!lineedit_apply(&le, LE_BACKSPACE));
}
END_TEST

/* Backspace and the cursor keys work on characters, not bytes; typing
 * inserts at the cursor; Ctrl-K cuts to the end; the buffer never overflows. */
START_TEST(test_lineedit_cursor)
{
    char buf[16] = "";
    struct lineedit le;
    lineedit_init(&le, buf, sizeof buf);
    lineedit_insert(&le, 'c');
    lineedit_insert(&le, 0xe9);                             /* é, two bytes */
    lineedit_insert(&le, 'z');
    ck_assert_str_eq(buf, "c\xc3\xa9z");
    lineedit_apply(&le, LE_LEFT);
    lineedit_apply(&le, LE_LEFT);
    ck_assert_uint_eq(le.pos, 1);                           /* before é, not inside it */
    lineedit_apply(&le, LE_RIGHT);
    ck_assert_uint_eq(le.pos, 3);
    ck_assert(lineedit_apply(&le, lineedit_control(127)));  /* Backspace takes the whole é */
    ck_assert_str_eq(buf, "cz");
    lineedit_apply(&le, lineedit_control(1));               /* Ctrl-A: start */
    ck_assert_uint_eq(le.pos, 0);
    lineedit_insert(&le, 'a');
    ck_assert_str_eq(buf, "acz");
    lineedit_apply(&le, LE_DELETE);
    ck_assert_str_eq(buf, "az");
    lineedit_apply(&le, lineedit_control(11));              /* Ctrl-K */
    ck_assert_str_eq(buf, "a");
    ck_assert_uint_eq(le.pos, 1);
    lineedit_apply(&le, LE_HOME);
    ck_assert(lineedit_apply(&le, lineedit_control(5)));    /* Ctrl-E: end */
    ck_assert_uint_eq(le.pos, 1);
    ck_assert(!lineedit_insert(&le, 7));                    /* a control character is not text */
    for (int i = 0; i < 40; i++) lineedit_insert(&le, 'x');
    ck_assert_uint_eq(strlen(buf), sizeof buf - 1);
    ck_assert(!lineedit_insert(&le, 'y'));
    lineedit_set(&le, "w12");
    ck_assert_str_eq(buf, "w12");
    ck_assert_uint_eq(le.pos, 3);
    ck_assert_int_eq(lineedit_control('a'), 0);
}
END_TEST

/* Completes line at its end; the candidates joined by blanks ("" = none). */
static void complete(struct session *s, const char *line, char *out, size_t len, bool *files)
{
    int end = (int)strlen(line), start = end;
    while (start > 0 && line[start - 1] != ' ') start--;
    char **m = repl_complete(s, line, start, end, files);
    ck_assert_ptr_nonnull(m);
    out[0] = 0;
    for (char **p = m; *p; p++) {
        size_t l = strlen(out);
        snprintf(out + l, len - l, "%s%s", l ? " " : "", *p);
    }
    repl_free_matches(m);
}

#define EXPECT_COMPLETION(line, want) do { \
        bool f_; char got_[512]; \
        complete(&s, line, got_, sizeof got_, &f_); \
        ck_assert_msg(strcmp(got_, want) == 0 && !f_, "'%s' completed to '%s'%s, expected '%s'", \
                      line, got_, f_ ? " (files)" : "", want); \
    } while (0)

/* Issue 18: where a sub-command or a setting's value is expected, Tab offers
 * those (from the command table), not the vocabulary; words come after. */
START_TEST(test_complete_subcommands)
{
    struct session s;
    session_init(&s);
    const char *w[] = {"king", "kingdom", "queen", "pca-word", "set"};
    s.table = unit_table(w, 5, 2);
    for (size_t i = 0; i < 5; i++) { table_row(s.table, i)[0] = 1.0f; table_row(s.table, i)[1] = (float)i; }
    embx_err e;
    ck_assert_int_eq(table_finish(s.table, NULL, &e), EMBX_OK);
    EXPECT_COMPLETION("plot ", "pca tsne umap axes");
    EXPECT_COMPLETION("plot p", "pca");
    EXPECT_COMPLETION("plot --top 50 ts", "tsne");              /* options before it are skipped */
    EXPECT_COMPLETION("plot pca kin", "king kingdom");          /* then words */
    EXPECT_COMPLETION("plot umap --metric ", "cosine euclidean");
    EXPECT_COMPLETION("plot tsne --method f", "fft");
    EXPECT_COMPLETION("plot tsne --init r", "random");
    EXPECT_COMPLETION("set ", "k threads output quiet approx prescan cache-max");
    EXPECT_COMPLETION("set o", "output");
    EXPECT_COMPLETION("set output ", "auto table tsv");
    EXPECT_COMPLETION("set quiet o", "on off");
    EXPECT_COMPLETION("set approx a", "auto");
    EXPECT_COMPLETION("set k ", "");                            /* a number: nothing to offer */
    EXPECT_COMPLETION("set k 5 ", "");
    EXPECT_COMPLETION("nn king; set output t", "table tsv");    /* after a ';' too */
    EXPECT_COMPLETION("eval ", "analogy sim cat outlier suite");
    EXPECT_COMPLETION("eval s", "sim suite");
    EXPECT_COMPLETION("index ", "build info drop");
    EXPECT_COMPLETION("nn ki", "king kingdom");                 /* word commands are unchanged */
    bool files;
    char got[512];
    complete(&s, "eval data/ws", got, sizeof got, &files);      /* no kind matches: a file */
    ck_assert(files);
    complete(&s, "eval analogy q", got, sizeof got, &files);    /* the benchmark file */
    ck_assert(files);
    session_free(&s);
}
END_TEST

/* --where and --color-by complete the loaded table's metadata columns, and
 * after "COL=" the column's values: what a user types them from. */
START_TEST(test_complete_meta_columns)
{
    struct session s;
    session_init(&s);
    const char *w[] = {"item:1", "item:2", "user:1", "user:2"};
    s.table = unit_table(w, 4, 2);
    embx_err e;
    ck_assert_int_eq(table_finish(s.table, NULL, &e), EMBX_OK);
    EXPECT_COMPLETION("nn item:1 --where k", "");                /* no metadata yet: nothing */
    struct rowmeta *m = rowmeta_new(4);
    ck_assert_ptr_nonnull(m);
    size_t kind, genre, count;
    ck_assert_int_eq(rowmeta_add_col(m, "kind", &kind, &e), EMBX_OK);
    ck_assert_int_eq(rowmeta_add_col(m, "genre", &genre, &e), EMBX_OK);
    ck_assert_int_eq(rowmeta_add_col(m, "count", &count, &e), EMBX_OK);
    const char *kinds[] = {"item", "item", "user", "user"}, *genres[] = {"Drama", "Sci-Fi", NULL, "Film Noir"};
    for (size_t r = 0; r < 4; r++) {
        ck_assert_int_eq(rowmeta_set(m, kind, r, kinds[r], &e), EMBX_OK);
        ck_assert_int_eq(rowmeta_set(m, genre, r, genres[r], &e), EMBX_OK);
        ck_assert_int_eq(rowmeta_set(m, count, r, r ? "5" : "50", &e), EMBX_OK);
    }
    ck_assert_int_eq(rowmeta_finish(m, &e), EMBX_OK);
    s.table->meta = m;
    EXPECT_COMPLETION("nn item:1 --where k", "kind=");
    EXPECT_COMPLETION("nn item:1 --where ", "kind= genre= count=");
    EXPECT_COMPLETION("nn item:1 --where kind=", "kind=item kind=user");  /* each value once */
    EXPECT_COMPLETION("nn item:1 --where kind!=u", "kind!=user");
    EXPECT_COMPLETION("nn item:1 --where genre=", "genre=Drama genre=Sci-Fi"); /* not "Film Noir" */
    EXPECT_COMPLETION("nn item:1 --where nosuch=", "");
    EXPECT_COMPLETION("plot pca --color-by g", "genre");
    EXPECT_COMPLETION("plot pca --color-by G", "genre");            /* as rowmeta_col: any case */
    session_free(&s);
}
END_TEST

/* Issue 18: a clustering is found again by its rows in any order (a plot of
 * the same selection), never for a different set of rows. */
START_TEST(test_cluster_keep)
{
    const size_t rows[4] = {7, 2, 9, 4};
    const int assign[4] = {0, 1, 1, 0};
    struct cluster_keep *ck = cluster_keep_new(rows, assign, 4, 2);
    ck_assert_ptr_nonnull(ck);
    int g[5];
    const long same[4] = {2, 4, 7, 9};
    ck_assert(cluster_keep_groups(ck, same, 4, g));
    ck_assert_int_eq(g[0], 1); ck_assert_int_eq(g[1], 0); ck_assert_int_eq(g[2], 0); ck_assert_int_eq(g[3], 1);
    const long fewer[3] = {2, 4, 7};
    ck_assert(!cluster_keep_groups(ck, fewer, 3, g));
    const long other[4] = {2, 4, 7, 8};
    ck_assert(!cluster_keep_groups(ck, other, 4, g));
    const long twice[4] = {2, 2, 7, 9};                     /* same size, a row repeated */
    ck_assert(!cluster_keep_groups(ck, twice, 4, g));
    const long norow[4] = {2, -1, 7, 9};                    /* a point with no table row */
    ck_assert(!cluster_keep_groups(ck, norow, 4, g));
    ck_assert(!cluster_keep_groups(NULL, same, 4, g));
    cluster_keep_free(ck);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("cli");
    tcase_add_test(tc, test_lineedit_kill);
    tcase_add_test(tc, test_lineedit_cursor);
    tcase_add_test(tc, test_complete_subcommands);
    tcase_add_test(tc, test_complete_meta_columns);
    tcase_add_test(tc, test_cluster_keep);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
