/* Unit tests of the core: table (hash, duplicates, norms, suggestions,
 * prefix index), the command-language tokenizer and option parser, output
 * escaping and completion. */
#include <check.h>
#include "unit.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "args.h"
#include "commands.h"
#include "mapcheck.h"
#include "mapguard.h"
#include "output.h"
#include "repl.h"
#include "strutil.h"
#include "table.h"
#include "utf8.h"

/* A table of words whose row i is (i+1) * (0.5, .., 1 at column i % dim, .., 0.5). */
static embx_table *make_table(const char *const *words, size_t n, size_t dim)
{
    embx_table *t = unit_table(words, n, dim);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < dim; j++) table_row(t, i)[j] = (float)(i + 1) * (j == i % dim ? 1.0f : 0.5f);
    return t;
}

/* Issue 15: the background checksum pass accepts intact bytes and catches
 * one flipped bit, across the 16 MiB block boundary and for an empty range. */
START_TEST(test_mapcheck)
{
    size_t len = (32u << 20) + 123;
    unsigned char *d = malloc(len);
    ck_assert_ptr_nonnull(d);
    for (size_t i = 0; i < len; i++) d[i] = (unsigned char)(i * 2654435761u >> 13);
    uint64_t want = mapcheck_hash(d, len);
    struct mapcheck *c = mapcheck_start(d, len, want);
    ck_assert(mapcheck_wait(c));
    ck_assert(mapcheck_done(c));
    mapcheck_free(c);
    size_t at[3] = {0, (16u << 20) + 5, len - 1};
    for (int k = 0; k < 3; k++) {
        d[at[k]] ^= 0x10;
        c = mapcheck_start(d, len, want);
        ck_assert_msg(!mapcheck_wait(c), "a flipped bit at %zu went unnoticed", at[k]);
        mapcheck_free(c);
        d[at[k]] ^= 0x10;
    }
    c = mapcheck_start(d, 0, mapcheck_hash(d, 0));
    ck_assert(mapcheck_wait(c));
    mapcheck_free(c);
    mapcheck_free(mapcheck_start(d, len, want));    /* freed while running: stops */
    free(d);
}
END_TEST

/* Issue 15: reading a mapped page that a truncation removed raises SIGBUS;
 * in a guarded region the read gets zeros and the region reads as damaged. */
START_TEST(test_mapguard_truncated)
{
    mapguard_install();
    long ps = sysconf(_SC_PAGESIZE);
    char path[] = "/tmp/embx-mapguard.XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    unlink(path);
    size_t len = (size_t)ps * 4;
    ck_assert_int_eq(ftruncate(fd, (off_t)len), 0);
    unsigned char *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    ck_assert_ptr_ne(m, MAP_FAILED);
    int h = mapguard_register(m, len);
    ck_assert_int_gt(h, 0);
    ck_assert(!mapguard_damaged(h));
    ck_assert_int_eq(m[0], 0);
    ck_assert_int_eq(ftruncate(fd, ps), 0);
    volatile unsigned char v = m[len - 1];    /* beyond the end now: SIGBUS without the guard */
    ck_assert_int_eq(v, 0);
    ck_assert(mapguard_damaged(h));
    mapguard_unregister(h);
    munmap(m, len);
    close(fd);
}
END_TEST

START_TEST(test_table_find_and_duplicates)
{
    const char *w[] = {"the", "king", "queen", "king", "Paris", "zero"};
    embx_table *t = make_table(w, 6, 4);
    memset(table_row(t, 5), 0, 4 * sizeof(float));
    /* the duplicate "king" at row 3 carries a marker value */
    table_row(t, 3)[0] = 99.0f;
    struct table_notes notes;
    embx_err e;
    ck_assert_int_eq(table_finish(t, &notes, &e), EMBX_OK);
    ck_assert_uint_eq(t->n, 5);
    ck_assert_uint_eq(notes.duplicates, 1);
    ck_assert_str_eq(notes.first_duplicate, "king");
    ck_assert_uint_eq(notes.zero_rows, 1);
    ck_assert_int_eq(table_find(t, "king"), 1);
    ck_assert(table_row(t, 1)[0] != 99.0f);   /* first row wins */
    ck_assert_int_eq(table_find(t, "Paris"), 3);
    ck_assert_int_eq(table_find(t, "zero"), 4);
    ck_assert_int_eq(table_find(t, "paris"), -1);
    ck_assert(table_row_is_zero(t, 4));
    /* inverse norms */
    const float *r = table_row(t, 0);
    double s = 0;
    for (int j = 0; j < 4; j++) s += r[j] * r[j];
    ck_assert_float_eq_tol(t->inv_norms[0], 1.0 / sqrt(s), 1e-6);
    table_free(t);
}
END_TEST

START_TEST(test_table_suggest)
{
    const char *w[] = {"paris", "Paris", "parts", "london", "pariss"};
    embx_table *t = make_table(w, 5, 3);
    embx_err e;
    ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
    ck_assert_int_eq(table_err_unknown(t, "PARIS", &e), EMBX_ERR);
    /* case-folded matches come first */
    ck_assert_ptr_nonnull(strstr(e.msg, "did you mean: paris, Paris"));
    ck_assert_int_eq(table_err_unknown(t, "qqqqqqqq", &e), EMBX_ERR);
    ck_assert_str_eq(e.msg, "'qqqqqqqq' is not in the table");
    table_free(t);
}
END_TEST

START_TEST(test_table_prefix)
{
    const char *w[] = {"king", "kingdom", "kin", "queen", "kings", "a"};
    embx_table *t = make_table(w, 6, 2);
    embx_err e;
    ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
    size_t b, en;
    ck_assert_int_eq(table_prefix_range(t, "king", &b, &en), EMBX_OK);
    ck_assert_uint_eq(en - b, 3);
    ck_assert_str_eq(t->words[table_sorted_row(t, b)], "king");
    ck_assert_int_eq(table_prefix_range(t, "x", &b, &en), EMBX_OK);
    ck_assert_uint_eq(en - b, 0);
    ck_assert_int_eq(table_prefix_range(t, "", &b, &en), EMBX_OK);
    ck_assert_uint_eq(en - b, 6);
    table_free(t);
}
END_TEST

START_TEST(test_tokenize_quotes)
{
    struct token *tk;
    size_t n;
    embx_err e;
    ck_assert_int_eq(args_tokenize("nn  \"-lrb-\" king - 'new york'", &tk, &n, &e), EMBX_OK);
    ck_assert_uint_eq(n, 5);
    ck_assert_str_eq(tk[1].text, "-lrb-");
    ck_assert(tk[1].quoted);
    ck_assert_str_eq(tk[3].text, "-");
    ck_assert(!tk[3].quoted);
    ck_assert_str_eq(tk[4].text, "new york");
    args_free_tokens(tk, n);
    ck_assert_int_eq(args_tokenize("nn \"open", &tk, &n, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "unterminated \" quote at column 4"));
}
END_TEST

static const struct optspec test_opts[] = {
    {"k", 'k', 1, "N", "neighbours"},
    {"restrict", 0, 1, "N", "rows"},
    {"mul", 0, 0, NULL, "3CosMul"},
    {"near", 0, 2, "WORD N", "near"},
    {0},
};

START_TEST(test_options_anywhere)
{
    struct token *tk;
    size_t n;
    embx_err e;
    ck_assert_int_eq(args_tokenize("nn king -k 5 - man --mul + \"--\" -- -k --near paris 3", &tk, &n, &e), EMBX_OK);
    struct args a;
    ck_assert_int_eq(args_parse(&a, "nn", test_opts, tk, n, 1, &e), EMBX_OK);
    long k;
    ck_assert_int_eq(args_long(&a, "k", 10, 1, 100, &k, &e), EMBX_OK);
    ck_assert_int_eq(k, 5);
    ck_assert(args_has(&a, "mul"));
    ck_assert(!args_has(&a, "near"));   /* after "--" everything is a word */
    ck_assert_uint_eq(a.npos, 9);
    ck_assert_str_eq(args_word(&a, 0), "king");
    ck_assert_str_eq(args_word(&a, 1), "-");
    ck_assert_str_eq(args_word(&a, 4), "--");
    ck_assert_str_eq(args_word(&a, 5), "-k");
    args_free(&a);
}
END_TEST

/* A handler that asks for an option its command does not declare (a typo
 * such as "restirct") is a program bug: caught, never read as "absent". */
START_TEST(test_undeclared_lookup_caught)
{
    struct token *tk;
    size_t n;
    embx_err e;
    struct args a;
    ck_assert_int_eq(args_tokenize("nn king --restrict 5", &tk, &n, &e), EMBX_OK);
    ck_assert_int_eq(args_parse(&a, "nn", test_opts, tk, n, 1, &e), EMBX_OK);
    ck_assert(args_has(&a, "restrict"));
#ifndef NDEBUG
    (void)args_has(&a, "restirct");   /* aborts with a BUG message */
    ck_abort_msg("an undeclared option lookup was not caught");
#else
    ck_assert(!args_has(&a, "restirct"));
    ck_assert_str_eq(a.undeclared, "restirct");
    long v;
    ck_assert_int_eq(args_long(&a, "restirct", 1, 0, 10, &v, &e), EMBX_ERR);
    args_free(&a);
#endif
}
END_TEST

/* Usage lines are derived from the option specs, so every option of every
 * command appears in its usage (cluster once lacked --euclidean and --iter). */
START_TEST(test_usage_lists_every_option)
{
    for (size_t i = 0; i < command_count(); i++) {
        const struct command *c = command_at(i);
        char u[2048], flag[80];
        command_usage(c, u, sizeof u);
        ck_assert_msg(strncmp(u, c->name, strlen(c->name)) == 0, "usage of %s: %s", c->name, u);
        for (const struct optspec *o = c->opts; o && o->name; o++) {
            if (o->short_name) snprintf(flag, sizeof flag, "-%c", o->short_name);
            else snprintf(flag, sizeof flag, "--%s", o->name);
            ck_assert_msg(strstr(u, flag), "usage of %s lacks %s: %s", c->name, flag, u);
            if (o->metavar) {
                snprintf(flag + strlen(flag), sizeof flag - strlen(flag), " %s", o->metavar);
                ck_assert_msg(strstr(u, flag), "usage of %s lacks '%s': %s", c->name, flag, u);
            }
        }
    }
}
END_TEST

START_TEST(test_option_errors)
{
    struct token *tk;
    size_t n;
    embx_err e;
    struct args a;
    ck_assert_int_eq(args_tokenize("nn king --bogus", &tk, &n, &e), EMBX_OK);
    ck_assert_int_eq(args_parse(&a, "nn", test_opts, tk, n, 1, &e), EMBX_ERR);
    ck_assert_ptr_nonnull(strstr(e.msg, "unknown option '--bogus' for nn (valid: -k/--k, --restrict"));
    args_free(&a);
    ck_assert_int_eq(args_tokenize("nn king -k", &tk, &n, &e), EMBX_OK);
    ck_assert_int_eq(args_parse(&a, "nn", test_opts, tk, n, 1, &e), EMBX_ERR);
    ck_assert_str_eq(e.msg, "option -k needs N");
    args_free(&a);
    ck_assert_int_eq(args_tokenize("nn king -k zero", &tk, &n, &e), EMBX_OK);
    ck_assert_int_eq(args_parse(&a, "nn", test_opts, tk, n, 1, &e), EMBX_OK);
    long k;
    ck_assert_int_eq(args_long(&a, "k", 10, 1, 100, &k, &e), EMBX_ERR);
    ck_assert_str_eq(e.msg, "-k takes a whole number, not 'zero'");
    args_free(&a);
}
END_TEST

START_TEST(test_split_commands)
{
    char **c;
    size_t n;
    embx_err e;
    ck_assert_int_eq(args_split_commands("info; nn \"a;b\" ;set k 3", &c, &n, &e), EMBX_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(c[1], " nn \"a;b\" ");
    args_free_commands(c, n);
}
END_TEST

START_TEST(test_escape)
{
    char buf[64];
    str_escape("caf\xc3\xa9", buf, sizeof buf);
    ck_assert_str_eq(buf, "caf\xc3\xa9");
    str_escape("bad\xff" "x\t", buf, sizeof buf);
    ck_assert_str_eq(buf, "bad\\xffx\\x09");
    ck_assert(!utf8_valid("\xc0\xaf", 2));   /* overlong */
    ck_assert_uint_eq(utf8_width("\xe4\xb8\xad" "a"), 3);
}
END_TEST

START_TEST(test_complete)
{
    struct session s;
    session_init(&s);
    const char *w[] = {"king", "kingdom", "queen", "kings"};
    s.table = make_table(w, 4, 2);
    embx_err e;
    ck_assert_int_eq(table_finish(s.table, NULL, &e), EMBX_OK);
    bool files;
    char **m = repl_complete(&s, "vec kin", 4, 7, &files);
    ck_assert(!files);
    size_t n = 0;
    while (m[n]) n++;
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(m[0], "king");
    repl_free_matches(m);
    m = repl_complete(&s, "he", 0, 2, &files);
    ck_assert_str_eq(m[0], "help");
    ck_assert_ptr_null(m[1]);
    repl_free_matches(m);
    m = repl_complete(&s, "load --no", 5, 9, &files);
    ck_assert_str_eq(m[0], "--no-cache");
    repl_free_matches(m);
    m = repl_complete(&s, "load da", 5, 7, &files);
    ck_assert(files);
    repl_free_matches(m);
    /* format names come from the format registry */
    m = repl_complete(&s, "save x --format word2", 16, 21, &files);
    ck_assert(!files);
    n = 0;
    while (m[n]) n++;
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(m[0], "word2vec-bin");
    ck_assert_str_eq(m[1], "word2vec");
    repl_free_matches(m);
    session_free(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_mapcheck);
    tcase_add_test(tc, test_mapguard_truncated);
    tcase_add_test(tc, test_table_find_and_duplicates);
    tcase_add_test(tc, test_table_suggest);
    tcase_add_test(tc, test_table_prefix);
    tcase_add_test(tc, test_tokenize_quotes);
    tcase_add_test(tc, test_options_anywhere);
    tcase_add_test(tc, test_option_errors);
#ifndef NDEBUG
    tcase_add_test_raise_signal(tc, test_undeclared_lookup_caught, SIGABRT);
#else
    tcase_add_test(tc, test_undeclared_lookup_caught);
#endif
    tcase_add_test(tc, test_usage_lists_every_option);
    tcase_add_test(tc, test_split_commands);
    tcase_add_test(tc, test_escape);
    tcase_add_test(tc, test_complete);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
