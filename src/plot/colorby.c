/* colorby: metadata values to plot groups. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "colorby.h"

const char *colorby_ramp(int g, int n, char buf[8])
{
    static const double stop[3][3] = {{44, 123, 182}, {240, 200, 60}, {215, 25, 28}};
    double t = n > 1 ? (double)g / (n - 1) : 0.0;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    int k = t < 0.5 ? 0 : 1;
    double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    int c[3];
    for (int j = 0; j < 3; j++) c[j] = (int)lround(stop[k][j] + u * (stop[k + 1][j] - stop[k][j]));
    snprintf(buf, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
    return buf;
}

static void free_groups(struct projection *p)
{
    if (p->group_names)
        for (int g = 0; g < p->ngroups; g++) free(p->group_names[g]);
    free(p->group_names);
    free(p->group);
    p->group_names = NULL;
    p->group = NULL;
    p->ngroups = 0;
    p->ramp = false;
}

struct vcount { const char *v; size_t n; };

static int cmp_vcount(const void *a, const void *b)
{
    const struct vcount *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    return strcmp(x->v, y->v);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const char *value_of(const struct rowmeta *m, size_t col, const struct projection *p, size_t i)
{
    if (p->rows[i] < 0 || (size_t)p->rows[i] >= m->n) return NULL;
    return m->cols[col].val[p->rows[i]];
}

/* Text: one group per value, the most common first; beyond the cap, "other". */
static int text_groups(const struct rowmeta *m, size_t col, struct projection *p, embx_err *e)
{
    struct vcount *vc = calloc(p->n + 1, sizeof *vc);
    if (!vc) return err_set(e, "out of memory");
    size_t nv = 0;
    for (size_t i = 0; i < p->n; i++) {
        const char *v = value_of(m, col, p, i);
        if (!v) continue;
        size_t j = 0;
        while (j < nv && strcmp(vc[j].v, v)) j++;   /* a plot shows at most thousands of points */
        if (j == nv) vc[nv++].v = v;
        vc[j].n++;
    }
    qsort(vc, nv, sizeof *vc, cmp_vcount);
    int ng = nv > COLORBY_MAX_GROUPS ? COLORBY_MAX_GROUPS : (int)nv;
    bool other = nv > COLORBY_MAX_GROUPS;
    p->group = malloc(p->n * sizeof *p->group);
    p->group_names = calloc((size_t)ng + 1, sizeof *p->group_names);
    int rc = p->group && p->group_names ? EMBX_OK : err_set(e, "out of memory");
    for (int g = 0; rc == EMBX_OK && g < ng + other; g++)
        if (!(p->group_names[g] = strdup(g < ng ? vc[g].v : "other"))) rc = err_set(e, "out of memory");
    p->ngroups = ng + other;
    for (size_t i = 0; rc == EMBX_OK && i < p->n; i++) {
        const char *v = value_of(m, col, p, i);
        p->group[i] = -1;
        if (!v) continue;
        p->group[i] = ng;   /* other */
        for (int g = 0; g < ng; g++)
            if (!strcmp(vc[g].v, v)) { p->group[i] = g; break; }
    }
    free(vc);
    return rc;
}

/* Numbers: equal-count bins between quantiles (as many as distinct values
 * when fewer), named by their range, drawn as a ramp. */
static int num_groups(const struct rowmeta *m, size_t col, struct projection *p, embx_err *e)
{
    const double *num = m->cols[col].num;
    double *v = malloc((p->n + 1) * sizeof *v), edge[COLORBY_BINS + 1];
    if (!v) return err_set(e, "out of memory");
    size_t nv = 0;
    for (size_t i = 0; i < p->n; i++)
        if (value_of(m, col, p, i) && !isnan(num[p->rows[i]])) v[nv++] = num[p->rows[i]];
    qsort(v, nv, sizeof *v, cmp_double);
    /* distinct bin edges at the quantiles */
    int nb = 0;
    for (int b = 0; nv && b <= COLORBY_BINS; b++) {
        double q = v[(size_t)((double)b / COLORBY_BINS * (double)(nv - 1) + 0.5)];
        if (nb == 0 || q > edge[nb - 1]) edge[nb++] = q;
    }
    free(v);
    int ng = nb <= 1 ? nb : nb - 1;
    p->group = malloc(p->n * sizeof *p->group);
    p->group_names = calloc((size_t)ng + 1, sizeof *p->group_names);
    if (!p->group || !p->group_names) return err_set(e, "out of memory");
    p->ngroups = ng;
    p->ramp = true;
    for (int g = 0; g < ng; g++) {
        char name[96];
        if (nb == 1) snprintf(name, sizeof name, "%g", edge[0]);
        else snprintf(name, sizeof name, "%s%g to %g", g ? "> " : "", edge[g], edge[g + 1]);
        if (!(p->group_names[g] = strdup(name))) return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < p->n; i++) {
        p->group[i] = -1;
        if (!value_of(m, col, p, i) || isnan(num[p->rows[i]])) continue;
        double x = num[p->rows[i]];
        int g = 0;
        while (g + 1 < ng && x > edge[g + 1]) g++;   /* bin g holds (edge[g], edge[g+1]]; the first includes edge[0] */
        p->group[i] = g;
    }
    return EMBX_OK;
}

int colorby_apply(const struct rowmeta *m, size_t col, struct projection *p, embx_err *e)
{
    free_groups(p);
    int rc = m->cols[col].type == META_NUM ? num_groups(m, col, p, e) : text_groups(m, col, p, e);
    if (rc == EMBX_OK && p->ngroups == 0) {
        free_groups(p);
        rc = err_set(e, "--color-by %s: none of the plotted rows has a value", m->cols[col].name);
    }
    if (rc) free_groups(p);
    return rc;
}
