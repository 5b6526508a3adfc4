/* Unit tests that keep the documents equal to the tables they describe:
 * the viewer's key table (src/cli/tui.c) against the man page's VIEWER KEYS
 * section and the README's key list, and every option of every command
 * against the man page's entry for that command.
 * EMBX_REGEN_DOCS=1 rewrites the two key lists from the table instead of
 * checking them (then review and commit the change). */
#include <check.h>
#include "unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "tui.h"

#define MAN_BEGIN ".\\\" viewer keys: generated from the key table in src/cli/tui.c (tests/unit/test_docs)"
#define MAN_END ".\\\" end of viewer keys"
#define MD_BEGIN "<!-- viewer keys: generated from the key table in src/cli/tui.c (tests/unit/test_docs) -->"
#define MD_END "<!-- end of viewer keys -->"

static char *slurp(const char *rel)
{
    const char *dir = getenv("SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", rel);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s (SRCDIR unset?)", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void append(char **buf, size_t *len, const char *s)
{
    size_t l = strlen(s);
    *buf = realloc(*buf, *len + l + 1);
    ck_assert_ptr_nonnull(*buf);
    memcpy(*buf + *len, s, l + 1);
    *len += l;
}

/* roff writes a minus as \- */
static void roff(char *out, size_t cap, const char *s)
{
    size_t o = 0;
    for (; *s && o + 3 < cap; s++) {
        if (*s == '-') out[o++] = '\\';
        out[o++] = *s;
    }
    out[o] = '\0';
}

/* The text that belongs between the markers, rendered from the key table. */
static char *render_keys(bool man)
{
    char *buf = NULL, line[512], n1[128], h1[256];
    size_t len = 0;
    const char *name, *help;
    append(&buf, &len, "");
    if (!man) append(&buf, &len, "| key | does |\n|---|---|\n");
    for (size_t i = 0; tui_key_doc(i, &name, &help); i++) {
        if (man) {
            roff(n1, sizeof n1, name);
            roff(h1, sizeof h1, help);
            snprintf(line, sizeof line, ".TP\n.B %s\n%s\n", n1, h1);
        } else {
            snprintf(line, sizeof line, "| `%s` | %s |\n", name, help);
        }
        append(&buf, &len, line);
    }
    return buf;
}

/* Checks (or, with EMBX_REGEN_DOCS=1, rewrites) the section between begin
 * and end of the document rel. */
static void check_section(const char *rel, const char *begin, const char *end, bool man)
{
    char *doc = slurp(rel), *want = render_keys(man);
    char *b = strstr(doc, begin);
    ck_assert_msg(b != NULL, "%s has no line '%s'", rel, begin);
    b += strlen(begin) + 1;
    char *e = strstr(b, end);
    ck_assert_msg(e != NULL, "%s has no line '%s'", rel, end);
    size_t have = (size_t)(e - b);
    const char *regen = getenv("EMBX_REGEN_DOCS");
    if (regen && !strcmp(regen, "1")) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", getenv("SRCDIR"), rel);
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fwrite(doc, 1, (size_t)(b - doc), f);
        fputs(want, f);
        fputs(e, f);
        ck_assert_int_eq(fclose(f), 0);
    } else {
        ck_assert_msg(have == strlen(want) && !memcmp(b, want, have),
                      "%s: the viewer keys differ from the key table in src/cli/tui.c; "
                      "run EMBX_REGEN_DOCS=1 make check TESTS=tests/unit/test_docs, or make them:\n%s",
                      rel, want);
    }
    free(want);
    free(doc);
}

START_TEST(test_man_keys_match_table)
{
    check_section("doc/embx.1", MAN_BEGIN, MAN_END, true);
}
END_TEST

START_TEST(test_readme_keys_match_table)
{
    check_section("README.md", MD_BEGIN, MD_END, false);
}
END_TEST

/* The man page with roff reduced to text: \- is -, font changes dropped. */
static void unroff(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if (p[0] == '\\' && p[1] == '-') { *o++ = '-'; p += 2; }
        else if (p[0] == '\\' && p[1] == 'f' && p[2]) p += 3;
        else if (p[0] == '\\' && p[1] == '(' && p[2] && p[3]) { *o++ = '"'; p += 4; }
        else *o++ = *p++;
    }
    *o = '\0';
}

/* True when flag occurs in text as a whole option (not a prefix of a longer one). */
static bool has_flag(const char *text, const char *flag)
{
    size_t l = strlen(flag);
    for (const char *p = text; (p = strstr(p, flag)); p += l) {
        char after = p[l];
        bool before_ok = p == text || (p[-1] != '-' && p[-1] != '\\');
        if (before_ok && !(after == '-' || (after >= 'a' && after <= 'z'))) return true;
    }
    return false;
}

/* Every option of every command is named in that command's man page entries
 * (the ".B NAME ..." paragraphs), so the man page cannot fall behind `help CMD`. */
START_TEST(test_man_lists_every_option)
{
    char *man = slurp("doc/embx.1");
    char missing[4096] = "";
    unroff(man);
    for (size_t i = 0; i < command_count(); i++) {
        const struct command *c = command_at(i);
        char *text = NULL;
        size_t len = 0;
        append(&text, &len, "");
        size_t nl = strlen(c->name);
        for (char *p = man; (p = strstr(p, "\n.B ")); p++) {
            char *q = p + 4;
            if (strncmp(q, c->name, nl) || (q[nl] != ' ' && q[nl] != '\n')) continue;
            char *stop = q, *tp = strstr(q, "\n.TP"), *sh = strstr(q, "\n.SH");
            stop = tp && (!sh || tp < sh) ? tp : sh ? sh : q + strlen(q);
            char save = *stop;
            *stop = '\0';
            append(&text, &len, q);
            *stop = save;
        }
        ck_assert_msg(len > 0, "doc/embx.1 has no entry for '%s'", c->name);
        for (const struct optspec *o = c->opts; o && o->name; o++) {
            char lf[80], sf[8];
            snprintf(lf, sizeof lf, "--%s", o->name);
            snprintf(sf, sizeof sf, "-%c", o->short_name);
            size_t ml = strlen(missing);
            if (!has_flag(text, lf) && !(o->short_name && has_flag(text, sf)))
                snprintf(missing + ml, sizeof missing - ml, " %s %s;", c->name, lf);
        }
        free(text);
    }
    free(man);
    ck_assert_msg(!missing[0], "doc/embx.1: these command entries do not name these options:%s", missing);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("docs");
    TCase *tc = tcase_create("docs");
    tcase_add_test(tc, test_man_keys_match_table);
    tcase_add_test(tc, test_readme_keys_match_table);
    tcase_add_test(tc, test_man_lists_every_option);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
