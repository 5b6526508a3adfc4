/* cluster: k-means of table rows, ordered for reading (see cluster.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cluster.h"
#include "kmeans.h"

void cluster_free(struct cluster_result *r)
{
    free(r->assign);
    free(r->size);
    free(r->centroids);
    memset(r, 0, sizeof *r);
}

int cluster_rows(const embx_table *t, const size_t *rows, size_t n, int k, uint64_t seed,
                 bool cosine, int max_iter, struct cluster_result *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    size_t d = t->dim, kk = k > 0 ? (size_t)k : 1;
    /* consecutive rows (--top N, a prefix range) are clustered in place */
    bool consecutive = true;
    for (size_t i = 1; consecutive && i < n; i++) consecutive = rows[i] == rows[0] + i;
    float *X = consecutive ? NULL : malloc(sizeof(float) * n * d);
    float *cent = malloc(sizeof(float) * kk * d);
    int *assign = malloc(sizeof(int) * (n ? n : 1)), *rank_of = malloc(sizeof(int) * kk);
    size_t *size = calloc(kk, sizeof(size_t)), *order = malloc(sizeof(size_t) * kk);
    int rc = EMBX_ERR;
    if ((!consecutive && !X) || !cent || !assign || !rank_of || !size || !order) {
        err_set(e, "out of memory");
        goto out;
    }
    for (size_t i = 0; X && i < n; i++) memcpy(X + i * d, table_row(t, rows[i]), sizeof(float) * d);
    rc = kmeans_run(X ? X : table_row(t, rows[0]), n, d, k, seed, cosine, max_iter, assign, cent, e);
    if (rc != EMBX_OK) goto out;
    for (size_t i = 0; i < n; i++) size[assign[i]]++;
    /* numbered by size, largest first; a stable sort keeps ties in k-means order */
    for (int c = 0; c < k; c++) order[c] = (size_t)c;
    for (int i = 1; i < k; i++)
        for (int j = i; j > 0 && size[order[j]] > size[order[j - 1]]; j--) {
            size_t tmp = order[j]; order[j] = order[j - 1]; order[j - 1] = tmp;
        }
    for (int c = 0; c < k; c++) rank_of[order[c]] = c;
    r->k = k;
    r->n = n;
    r->assign = malloc(sizeof(int) * (n ? n : 1));
    r->size = malloc(sizeof(size_t) * kk);
    r->centroids = malloc(sizeof(float) * kk * d);
    if (!r->assign || !r->size || !r->centroids) { cluster_free(r); rc = err_set(e, "out of memory"); goto out; }
    for (size_t i = 0; i < n; i++) r->assign[i] = rank_of[assign[i]];
    for (int c = 0; c < k; c++) {
        r->size[c] = size[order[c]];
        memcpy(r->centroids + (size_t)c * d, cent + order[c] * d, sizeof(float) * d);
    }
out:
    free(order); free(size); free(rank_of); free(assign); free(cent); free(X);
    return rc;
}

/* Cosine of row with the (not normalized) vector c; 0 for a zero c. */
static double cos_to(const embx_table *t, size_t row, const float *c)
{
    const float *x = table_row(t, row);
    double ab = 0, cc = 0;
    for (size_t j = 0; j < t->dim; j++) { ab += (double)x[j] * c[j]; cc += (double)c[j] * c[j]; }
    return cc > 0 ? ab * t->inv_norms[row] / sqrt(cc) : 0;
}

static int cmp_member(const void *x, const void *y)
{
    const struct cluster_member *a = x, *b = y;
    if (a->sim != b->sim) return a->sim > b->sim ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

size_t cluster_members(const embx_table *t, const size_t *rows, const struct cluster_result *r,
                       int c, struct cluster_member *out)
{
    const float *centre = r->centroids + (size_t)c * t->dim;
    size_t m = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->assign[i] == c) { out[m].row = rows[i]; out[m].sim = cos_to(t, rows[i], centre); m++; }
    qsort(out, m, sizeof *out, cmp_member);
    return m;
}
