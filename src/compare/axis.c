/* axis: words are taken as unit vectors, so a direction like "he - she" is
 * not dominated by the longer (usually more frequent) vector, and a word's
 * projection is the cosine between it and the direction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "axis.h"
#include "expr.h"

/* v = the expression's sum of signed unit word vectors (expr.h's grammar). */
static int expr_vec(const embx_table *t, const char *s, float *v, embx_err *e)
{
    struct expr x;
    if (expr_parse_string(t, s, &x, e) != EMBX_OK) return EMBX_ERR;
    expr_sum(t, &x, v);
    expr_free(&x);
    return EMBX_OK;
}

int axis_direction(const embx_table *t, const char *a, const char *b, float *dir, embx_err *e)
{
    int rc = expr_vec(t, b, dir, e);
    if (rc != EMBX_OK) return rc;
    if (a) {
        float *va = malloc(sizeof(float) * t->dim);
        if (!va) return err_set(e, "out of memory");
        rc = expr_vec(t, a, va, e);
        for (size_t j = 0; rc == EMBX_OK && j < t->dim; j++) dir[j] -= va[j];
        free(va);
        if (rc != EMBX_OK) return rc;
    }
    double ss = 0;
    for (size_t j = 0; j < t->dim; j++) ss += (double)dir[j] * dir[j];
    /* unit vectors that cancel leave rounding noise around 1e-7 */
    if (!(ss > 1e-10)) {
        if (a) return err_set(e, "the direction \"%s\" - \"%s\" is the zero vector (the two sides "
                              "have the same vector); choose words that differ", b, a);
        return err_set(e, "the direction \"%s\" is the zero vector; choose words that differ", b);
    }
    double inv = 1.0 / sqrt(ss);
    for (size_t j = 0; j < t->dim; j++) dir[j] = (float)(dir[j] * inv);
    return EMBX_OK;
}

static double project_row(const embx_table *t, const float *dir, size_t row)
{
    const float *x = table_row(t, row);
    double acc = 0;
    for (size_t j = 0; j < t->dim; j++) acc += (double)x[j] * dir[j];
    return acc * t->inv_norms[row];
}

static int cmp_score(const void *x, const void *y)
{
    const struct axis_score *a = x, *b = y;
    if (a->proj != b->proj) return a->proj > b->proj ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

void axis_project(const embx_table *t, const float *dir, const size_t *rows, size_t n,
                  struct axis_score *out)
{
    for (size_t i = 0; i < n; i++) {
        out[i].row = rows[i];
        out[i].proj = project_row(t, dir, rows[i]);
    }
    qsort(out, n, sizeof *out, cmp_score);
}

int axes_projection(const embx_table *t, const char *x1, const char *x2,
                    const struct selection *sel, struct projection **out, embx_err *e)
{
    *out = NULL;
    float *d1 = malloc(sizeof(float) * t->dim), *d2 = malloc(sizeof(float) * t->dim);
    struct projection *p = NULL;
    int rc = EMBX_ERR;
    if (!d1 || !d2) { err_set(e, "out of memory"); goto out; }
    if ((rc = axis_direction(t, NULL, x1, d1, e)) != EMBX_OK) { err_prefix(e, "x axis"); goto out; }
    if ((rc = axis_direction(t, NULL, x2, d2, e)) != EMBX_OK) { err_prefix(e, "y axis"); goto out; }
    rc = EMBX_ERR;
    if (!(p = projection_new(sel->n))) { err_set(e, "out of memory"); goto out; }
    for (size_t i = 0; i < sel->n; i++) {
        size_t row = sel->rows[i];
        p->xy[2 * i] = project_row(t, d1, row);
        p->xy[2 * i + 1] = project_row(t, d2, row);
        p->rows[i] = (long)row;
        if (!(p->labels[i] = strdup(t->words[row]))) { err_set(e, "out of memory"); goto out; }
    }
    if (sel->group && sel->ngroups > 0) {
        p->group = malloc(sizeof(int) * (sel->n ? sel->n : 1));
        p->group_names = calloc((size_t)sel->ngroups, sizeof(char *));
        if (!p->group || !p->group_names) { err_set(e, "out of memory"); goto out; }
        p->ngroups = sel->ngroups;
        memcpy(p->group, sel->group, sizeof(int) * sel->n);
        for (int g = 0; g < sel->ngroups; g++)
            if (sel->group_names && sel->group_names[g] &&
                !(p->group_names[g] = strdup(sel->group_names[g]))) { err_set(e, "out of memory"); goto out; }
    }
    if (sel->highlight) {
        if (!(p->highlight = malloc(sizeof(bool) * (sel->n ? sel->n : 1)))) { err_set(e, "out of memory"); goto out; }
        memcpy(p->highlight, sel->highlight, sizeof(bool) * sel->n);
    }
    snprintf(p->title, sizeof p->title, "%.120s: x = %.60s, y = %.60s", sel->desc, x1, x2);
    snprintf(p->method, sizeof p->method, "axes");
    *out = p;
    p = NULL;
    rc = EMBX_OK;
out:
    projection_free(p);
    free(d2);
    free(d1);
    return rc;
}
