/* expr: parse `a - b + c` and build its query vector (see expr.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expr.h"

static bool is_op(const struct expr_word *w)
{
    return !w->quoted && (strcmp(w->text, "+") == 0 || strcmp(w->text, "-") == 0);
}

/* Shows the expression with its quotes, for syntax errors. */
static void show(const struct expr_word *w, size_t n, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 1 < len; i++) {
        int c = snprintf(buf + o, len - o, "%s%s%s%s", i ? " " : "", w[i].quoted ? "\"" : "",
                         w[i].text, w[i].quoted ? "\"" : "");
        if (c < 0) break;
        o += (size_t)c;
    }
}

/* Adds word to the list of unknown words ("a, b, ..."), as room allows. */
static void add_missing(char *list, size_t len, const char *word)
{
    size_t o = strlen(list);
    if (o + 8 >= len) return;
    snprintf(list + o, len - o, "%s%s", o ? ", " : "", word);
}

/* The longest run of plain words from w[from] that, joined by a blank (or
 * an underscore, word2vec's phrase joiner), is a row of t, into buf: the
 * user typed a phrase without its quotes. Returns 1 (blank), 2 (underscore)
 * or 0 when none is. */
static int phrase_hint(const embx_table *t, const struct expr_word *w, size_t n, size_t from,
                       char *buf, size_t len)
{
    size_t end = from;
    while (end < n && !w[end].quoted && !is_op(&w[end])) end++;
    for (size_t last = end; last > from + 1; last--) {
        for (int j = 0; j < 2; j++) {
            size_t o = 0;
            buf[0] = '\0';
            for (size_t k = from; k < last && o < len; k++) {
                int c = snprintf(buf + o, len - o, "%s%s", k > from ? (j ? "_" : " ") : "", w[k].text);
                if (c < 0) break;
                o += (size_t)c;
            }
            if (o < len && table_find(t, buf) >= 0) return j + 1;
        }
    }
    return 0;
}

int expr_parse(const embx_table *t, const struct expr_word *w, size_t n,
               struct expr *x, embx_err *e)
{
    x->terms = NULL;
    x->n = 0;
    x->noov = 0;
    char shown[400];
    show(w, n, shown, sizeof shown);
    if (n == 0) return err_set(e, "expected a word or an expression like 'king - man + woman'");
    x->terms = calloc(n, sizeof(*x->terms));
    if (!x->terms) return err_set(e, "out of memory");
    char missing[512] = "";
    size_t nmissing = 0, first_missing = 0;
    float sign = 1.0f;
    bool want_word = true;
    for (size_t i = 0; i < n; i++) {
        if (is_op(&w[i])) {
            /* A leading sign is fine (`- man`); two operators in a row are not. */
            if (want_word && i > 0) {
                expr_free(x);
                return err_set(e, "syntax error at word %zu of '%s': expected a word after '%s', got '%s' "
                               "(quote it, \"%s\", to use it as a word)",
                               i + 1, shown, w[i - 1].text, w[i].text, w[i].text);
            }
            sign = w[i].text[0] == '-' ? -1.0f : 1.0f;
            want_word = true;
            continue;
        }
        if (!want_word) {
            char phrase[400];
            int how = phrase_hint(t, w, n, i - 1, phrase, sizeof phrase);
            int rc = how == 1 ? err_set(e, "'%s' is one row of the table: quote it, \"%s\" (unquoted, "
                                        "a blank separates words)", phrase, phrase)
                     : how == 2 ? err_set(e, "the table has the phrase as one word, %s (its phrases are "
                                          "joined by _)", phrase)
                         : err_set(e, "syntax error at word %zu of '%s': expected + or - between '%s' and '%s' "
                                   "(a word with a blank is quoted: \"%s %s\")",
                                   i + 1, shown, w[i - 1].text, w[i].text, w[i - 1].text, w[i].text);
            expr_free(x);
            return rc;
        }
        long row = table_find(t, w[i].text);
        struct expr_term *term = &x->terms[x->n];
        if (row < 0 && t->oov) {
            term->vec = malloc(sizeof(float) * (t->dim ? t->dim : 1));
            if (!term->vec) {
                expr_free(x);
                return err_set(e, "out of memory");
            }
            if (!table_oov_vector(t, w[i].text, term->vec)) {
                free(term->vec);
                term->vec = NULL;
            }
        }
        if (row < 0 && !term->vec) {
            if (nmissing++ == 0) first_missing = i;
            add_missing(missing, sizeof missing, w[i].text);
        } else {
            term->row = row < 0 ? EXPR_NO_ROW : (size_t)row;
            term->weight = sign;
            term->word = w[i].text;
            x->noov += row < 0;
            x->n++;
        }
        sign = 1.0f;
        want_word = false;
    }
    if (want_word) {
        expr_free(x);
        return err_set(e, "syntax error at word %zu of '%s': the expression ends with '%s', a word must follow",
                       n, shown, w[n - 1].text);
    }
    if (nmissing) {
        /* One unknown word gets the table's message with its suggestions. */
        int rc = nmissing == 1 ? table_err_unknown(t, w[first_missing].text, e)
                               : err_set(e, "not in the table: %s", missing);
        expr_free(x);
        return rc;
    }
    return EMBX_OK;
}

/* Splits s at blanks into words (pointing into buf, a copy of s). */
static size_t split_blanks(char *buf, struct expr_word *w, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, " \t", &save); tok && n < max; tok = strtok_r(NULL, " \t", &save))
        w[n++] = (struct expr_word){tok, false};
    return n;
}

int expr_parse_string(const embx_table *t, const char *s, struct expr *x, embx_err *e)
{
    long whole = table_find(t, s);
    if (whole >= 0) {
        struct expr_word one = {s, true};
        return expr_parse(t, &one, 1, x, e);
    }
    size_t len = strlen(s);
    char *buf = strdup(s);
    struct expr_word *w = malloc(sizeof *w * (len / 2 + 1));
    int rc;
    if (!buf || !w) rc = err_set(e, "out of memory");
    else rc = expr_parse(t, w, split_blanks(buf, w, len / 2 + 1), x, e);
    free(w);
    free(buf);
    return rc;
}

bool expr_string_has_operator(const char *s)
{
    char *buf = strdup(s);
    struct expr_word *w = malloc(sizeof *w * (strlen(s) / 2 + 1));
    bool op = false;
    if (buf && w) {
        size_t n = split_blanks(buf, w, strlen(s) / 2 + 1);
        for (size_t i = 0; i < n && !op; i++) op = is_op(&w[i]);
    }
    free(w);
    free(buf);
    return op;
}

const float *expr_term_vector(const embx_table *t, const struct expr *x, size_t i, float *inv_norm)
{
    const struct expr_term *tm = &x->terms[i];
    if (tm->row != EXPR_NO_ROW) {
        *inv_norm = t->inv_norms[tm->row];
        return table_row(t, tm->row);
    }
    double ss = 0;
    for (size_t j = 0; j < t->dim; j++) ss += (double)tm->vec[j] * tm->vec[j];
    *inv_norm = ss > 0 ? (float)(1.0 / sqrt(ss)) : 0.0f;
    return tm->vec;
}

/* The word of term i. */
static const char *expr_term_word(const embx_table *t, const struct expr *x, size_t i)
{
    return x->terms[i].row != EXPR_NO_ROW ? t->words[x->terms[i].row] : x->terms[i].word;
}

void expr_sum(const embx_table *t, const struct expr *x, float *out)
{
    memset(out, 0, sizeof(float) * t->dim);
    for (size_t i = 0; i < x->n; i++) {
        float inv;
        const float *v = expr_term_vector(t, x, i, &inv);
        double f = (double)x->terms[i].weight * inv;
        for (size_t j = 0; j < t->dim; j++) out[j] += (float)(f * v[j]);
    }
}

bool expr_mean(const embx_table *t, const size_t *rows, const float *w, size_t n, float *out)
{
    size_t dim = t->dim;
    memset(out, 0, sizeof(float) * dim);
    for (size_t i = 0; i < n; i++) {
        float inv = t->inv_norms[rows[i]];
        if (inv == 0.0f) { memset(out, 0, sizeof(float) * dim); return false; }
        const float *v = table_row(t, rows[i]);
        float f = w[i] * inv;
        for (size_t j = 0; j < dim; j++) out[j] += f * v[j];
    }
    double ss = 0;
    for (size_t j = 0; j < dim; j++) ss += (double)out[j] * out[j];
    /* Sums that cancel to rounding noise (king - king) have no direction. */
    if (!(ss > 1e-12) || !isfinite(ss)) { memset(out, 0, sizeof(float) * dim); return false; }
    float inv = (float)(1.0 / sqrt(ss));
    for (size_t j = 0; j < dim; j++) out[j] *= inv;
    return true;
}

int expr_vector(const embx_table *t, const struct expr *x, float *out, embx_err *e)
{
    for (size_t i = 0; i < x->n; i++) {
        float inv;
        expr_term_vector(t, x, i, &inv);
        if (inv == 0.0f)
            return err_set(e, "'%s' is a zero vector: it has no direction to compare with", expr_term_word(t, x, i));
    }
    bool ok;
    if (x->noov) {
        /* the same sum as expr_mean, over vectors that are not rows */
        expr_sum(t, x, out);
        double ss = 0;
        for (size_t j = 0; j < t->dim; j++) ss += (double)out[j] * out[j];
        ok = ss > 1e-12 && isfinite(ss);
        float inv = ok ? (float)(1.0 / sqrt(ss)) : 0.0f;
        for (size_t j = 0; j < t->dim; j++) out[j] *= inv;
    } else {
        size_t *rows = malloc(sizeof(size_t) * (x->n ? x->n : 1));
        float *w = malloc(sizeof(float) * (x->n ? x->n : 1));
        if (!rows || !w) { free(rows); free(w); return err_set(e, "out of memory"); }
        for (size_t i = 0; i < x->n; i++) { rows[i] = x->terms[i].row; w[i] = x->terms[i].weight; }
        ok = expr_mean(t, rows, w, x->n, out);
        free(rows); free(w);
    }
    if (!ok) {
        char buf[400];
        expr_format(t, x, buf, sizeof buf);
        return err_set(e, "'%s' is the zero vector (the words cancel out): nothing to compare with", buf);
    }
    return EMBX_OK;
}

size_t expr_rows(const struct expr *x, size_t *rows)
{
    size_t n = 0;
    for (size_t i = 0; i < x->n; i++) {
        if (x->terms[i].row == EXPR_NO_ROW) continue;
        bool seen = false;
        for (size_t j = 0; j < n; j++) seen |= rows[j] == x->terms[i].row;
        if (!seen) rows[n++] = x->terms[i].row;
    }
    return n;
}

void expr_format(const embx_table *t, const struct expr *x, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < x->n && o + 1 < len; i++) {
        const char *op = x->terms[i].weight < 0 ? (i ? " - " : "- ") : (i ? " + " : "");
        int w = snprintf(buf + o, len - o, "%s%s", op, expr_term_word(t, x, i));
        if (w < 0) break;
        o += (size_t)w;
        if (o >= len) { o = len - 1; break; }
    }
}

void expr_free(struct expr *x)
{
    for (size_t i = 0; i < x->n; i++) free(x->terms[i].vec);
    free(x->terms);
    x->terms = NULL;
    x->n = 0;
}
