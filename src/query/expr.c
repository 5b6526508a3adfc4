/* expr: parse `a - b + c` and build its query vector (see expr.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expr.h"

static bool is_op(const struct token *tk)
{
    return !tk->quoted && (strcmp(tk->text, "+") == 0 || strcmp(tk->text, "-") == 0);
}

/* Shows the expression with a marker, for syntax errors. */
static void show(struct token *const *toks, size_t ntoks, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ntoks && o + 1 < len; i++) {
        int w = snprintf(buf + o, len - o, "%s%s%s%s", i ? " " : "", toks[i]->quoted ? "\"" : "",
                         toks[i]->text, toks[i]->quoted ? "\"" : "");
        if (w < 0) break;
        o += (size_t)w;
    }
}

int expr_parse(const embx_table *t, struct token *const *toks, size_t ntoks,
               struct expr *x, embx_err *e)
{
    x->terms = NULL;
    x->n = 0;
    char shown[400];
    show(toks, ntoks, shown, sizeof shown);
    if (ntoks == 0) return err_set(e, "expected a word or an expression like 'king - man + woman'");
    x->terms = calloc(ntoks, sizeof(*x->terms));
    if (!x->terms) return err_set(e, "out of memory");
    float sign = 1.0f;
    bool want_word = true;
    for (size_t i = 0; i < ntoks; i++) {
        const struct token *tk = toks[i];
        if (is_op(tk)) {
            /* A leading sign is fine (`- man`); two operators in a row are not. */
            if (want_word && i > 0) {
                expr_free(x);
                return err_set(e, "syntax error at word %zu of '%s': expected a word after '%s', got '%s' "
                               "(quote it, \"%s\", to use it as a word)",
                               i + 1, shown, toks[i - 1]->text, tk->text, tk->text);
            }
            sign = tk->text[0] == '-' ? -1.0f : 1.0f;
            want_word = true;
            continue;
        }
        if (!want_word) {
            expr_free(x);
            return err_set(e, "syntax error at word %zu of '%s': expected + or - between '%s' and '%s' "
                           "(a word with a blank is quoted: \"%s %s\")",
                           i + 1, shown, toks[i - 1]->text, tk->text, toks[i - 1]->text, tk->text);
        }
        long row = table_find(t, tk->text);
        if (row < 0) {
            int rc = table_err_unknown(t, tk->text, e);
            expr_free(x);
            return rc;
        }
        x->terms[x->n].row = (size_t)row;
        x->terms[x->n].weight = sign;
        x->n++;
        sign = 1.0f;
        want_word = false;
    }
    if (want_word) {
        size_t i = ntoks;
        expr_free(x);
        return err_set(e, "syntax error at word %zu of '%s': the expression ends with '%s', a word must follow",
                       i, shown, toks[i - 1]->text);
    }
    return EMBX_OK;
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
    for (size_t i = 0; i < x->n; i++)
        if (t->inv_norms[x->terms[i].row] == 0.0f)
            return err_set(e, "'%s' is a zero vector: it has no direction to compare with",
                           t->words[x->terms[i].row]);
    size_t *rows = malloc(sizeof(size_t) * (x->n ? x->n : 1));
    float *w = malloc(sizeof(float) * (x->n ? x->n : 1));
    if (!rows || !w) { free(rows); free(w); return err_set(e, "out of memory"); }
    for (size_t i = 0; i < x->n; i++) { rows[i] = x->terms[i].row; w[i] = x->terms[i].weight; }
    bool ok = expr_mean(t, rows, w, x->n, out);
    free(rows); free(w);
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
        int w = snprintf(buf + o, len - o, "%s%s", op, t->words[x->terms[i].row]);
        if (w < 0) break;
        o += (size_t)w;
        if (o >= len) { o = len - 1; break; }
    }
}

void expr_free(struct expr *x)
{
    free(x->terms);
    x->terms = NULL;
    x->n = 0;
}
