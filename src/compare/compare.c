/* compare: the comparison is done on the shared words only, with each row
 * scaled to unit length (cosine geometry is what users query). Neighbours
 * are searched among the shared words in each table, so the two neighbour
 * lists of a word are drawn from the same candidates and their overlap
 * measures movement rather than vocabulary differences. */
#include "config.h"   /* _GNU_SOURCE: qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <stdint.h>
#include "compare.h"
#include "procrustes.h"
#include "knn.h"

void compare_result_free(struct compare_result *r)
{
    if (!r) return;
    free(r->words);
    free(r->by_cosine);
    free(r->by_overlap);
    memset(r, 0, sizeof *r);
}

/* Copies the given rows of t, scaled to unit length, into an m x dim matrix
 * (64-byte aligned, as the knn code expects of a table matrix). */
static float *gather_unit(const embx_table *t, const struct compare_word *w, size_t m, bool first)
{
    size_t d = t->dim, bytes = (sizeof(float) * m * d + 63) / 64 * 64;
    float *X = aligned_alloc(64, bytes ? bytes : 64);
    if (!X) return NULL;
    for (size_t i = 0; i < m; i++) {
        size_t row = first ? w[i].row_a : w[i].row_b;
        const float *src = table_row(t, row);
        float s = t->inv_norms[row];
        for (size_t j = 0; j < d; j++) X[i * d + j] = src[j] * s;
    }
    return X;
}

/* hits (m x k) of each row among the m rows of X, the row itself excluded. */
static int neighbours(const float *X, size_t m, size_t d, size_t k, int threads,
                      struct knn_hit *hits, embx_err *e)
{
    float *ones = malloc(sizeof(float) * m);
    size_t *self = malloc(sizeof(size_t) * m);
    if (!ones || !self) {
        free(ones); free(self);
        return err_set(e, "out of memory for the neighbour search");
    }
    for (size_t i = 0; i < m; i++) { ones[i] = 1.0f; self[i] = i; }
    /* a view of the gathered rows as a table: the knn code reads only the
     * matrix, the sizes and the inverse norms */
    embx_table view;
    memset(&view, 0, sizeof view);
    view.n = view.cap = m;
    view.dim = d;
    view.vecs = (float *)X;
    view.inv_norms = ones;
    int rc = knn_query_batch(&view, X, m, k, 0, self, 1, threads, hits, e);
    free(self);
    free(ones);
    return rc;
}

/* qsort_r comparators over indices into the words array (the context) */
static int cmp_cosine(const void *x, const void *y, void *ctx)
{
    const struct compare_word *w = ctx, *a = &w[*(const size_t *)x], *b = &w[*(const size_t *)y];
    if (a->cosine != b->cosine) return a->cosine < b->cosine ? -1 : 1;
    return a->row_a < b->row_a ? -1 : a->row_a > b->row_a;
}
static int cmp_overlap(const void *x, const void *y, void *ctx)
{
    const struct compare_word *w = ctx, *a = &w[*(const size_t *)x], *b = &w[*(const size_t *)y];
    if (a->overlap != b->overlap) return a->overlap < b->overlap ? -1 : 1;
    /* equal overlap: the one that also turned further comes first */
    if (!isnan(a->cosine) && a->cosine != b->cosine) return a->cosine < b->cosine ? -1 : 1;
    return a->row_a < b->row_a ? -1 : a->row_a > b->row_a;
}
static int cmp_float(const void *x, const void *y)
{
    float a = *(const float *)x, b = *(const float *)y;
    return (a > b) - (a < b);
}

static size_t *ranking(const struct compare_word *w, size_t m, int (*cmp)(const void *, const void *, void *))
{
    size_t *idx = malloc(sizeof(size_t) * (m ? m : 1));
    if (!idx) return NULL;
    for (size_t i = 0; i < m; i++) idx[i] = i;
    qsort_r(idx, m, sizeof *idx, cmp, (void *)w);
    return idx;
}

static void add_note(struct compare_result *r, const char *text)
{
    size_t len = strlen(r->note);
    snprintf(r->note + len, sizeof r->note - len, "%s%s", len ? "; " : "", text);
}

/* Counts the vocabularies and lists the shared words within restrict_n. */
static int match_vocab(const embx_table *a, const embx_table *b, size_t limit,
                       struct compare_result *r, embx_err *e)
{
    r->words = malloc(sizeof(struct compare_word) * (limit ? limit : 1));
    if (!r->words) return err_set(e, "out of memory listing %zu shared words", limit);
    for (size_t i = 0; i < a->n; i++) {
        long j = table_find(b, a->words[i]);
        if (j < 0) { r->only_a++; continue; }
        r->shared++;
        if (i < limit && !table_row_is_zero(a, i) && !table_row_is_zero(b, (size_t)j)) {
            struct compare_word *w = &r->words[r->used++];
            w->row_a = i;
            w->row_b = (size_t)j;
            w->cosine = w->overlap = NAN;
        }
    }
    r->only_b = b->n - r->shared;
    if (r->shared == 0)
        return err_set(e, "the two tables share no words (%zu and %zu words)", a->n, b->n);
    if (r->used == 0)
        return err_set(e, "the %zu shared words are all zero vectors or beyond --restrict", r->shared);
    return EMBX_OK;
}

/* Aligns b onto a over the used words and fills each word's cosine. */
static int align(const float *A, const float *B, size_t d, struct compare_result *r, embx_err *e)
{
    size_t m = r->used;
    float *R = malloc(sizeof(float) * d * d), *cos = malloc(sizeof(float) * m);
    int rc = EMBX_ERR;
    if (!R || !cos) { err_set(e, "out of memory for the alignment"); goto out; }
    if ((rc = procrustes_fit(A, B, m, d, R, e)) != EMBX_OK) goto out;
    if ((rc = procrustes_cosines(A, B, m, d, R, cos, e)) != EMBX_OK) goto out;
    double sum = 0;
    for (size_t i = 0; i < m; i++) { r->words[i].cosine = cos[i]; sum += cos[i]; }
    r->mean_cosine = sum / (double)m;
    qsort(cos, m, sizeof *cos, cmp_float);
    r->median_cosine = m % 2 ? cos[m / 2] : 0.5 * ((double)cos[m / 2 - 1] + cos[m / 2]);
    r->aligned = true;
out:
    free(cos);
    free(R);
    return rc;
}

/* Fills each word's neighbour overlap between the two tables. */
static int overlap(const float *A, const float *B, size_t da, size_t db, int threads,
                   struct compare_result *r, embx_err *e)
{
    size_t m = r->used, k = r->k;
    struct knn_hit *ha = malloc(sizeof(struct knn_hit) * m * k);
    struct knn_hit *hb = malloc(sizeof(struct knn_hit) * m * k);
    int rc = EMBX_ERR;
    if (!ha || !hb) { err_set(e, "out of memory for %zu x %zu neighbours", m, k); goto out; }
    if ((rc = neighbours(A, m, da, k, threads, ha, e)) != EMBX_OK) goto out;
    if (progress_cancelled()) { rc = err_cancelled(e); goto out; }
    if ((rc = neighbours(B, m, db, k, threads, hb, e)) != EMBX_OK) goto out;
    double sum = 0;
    for (size_t i = 0; i < m; i++) {
        const struct knn_hit *x = ha + i * k, *y = hb + i * k;
        size_t common = 0;
        for (size_t p = 0; p < k; p++) {
            if (x[p].row == SIZE_MAX) continue;
            for (size_t q = 0; q < k; q++)
                if (y[q].row == x[p].row) { common++; break; }
        }
        r->words[i].overlap = (float)common / (float)k;
        sum += r->words[i].overlap;
    }
    r->mean_overlap = sum / (double)m;
out:
    free(hb);
    free(ha);
    return rc;
}

int compare_tables(const embx_table *a, const embx_table *b, const struct compare_opts *o,
                   struct compare_result *r, progress *p, embx_err *e)
{
    memset(r, 0, sizeof *r);
    r->mean_cosine = r->median_cosine = r->mean_overlap = NAN;
    size_t limit = o->restrict_n && o->restrict_n < a->n ? o->restrict_n : a->n;
    float *A = NULL, *B = NULL;
    int rc = match_vocab(a, b, limit, r, e);
    if (rc != EMBX_OK) goto fail;
    size_t m = r->used;
    char buf[256];
    if (m < r->shared) {
        snprintf(buf, sizeof buf, "compared the %zu shared words among the first %zu rows "
                 "(of %zu shared; --restrict to change)", m, limit, r->shared);
        add_note(r, buf);
    }
    if (p) progress_update(p, 1, "gathering rows");
    A = gather_unit(a, r->words, m, true);
    B = gather_unit(b, r->words, m, false);
    if (!A || !B) { rc = err_set(e, "out of memory copying %zu shared rows", m); goto fail; }

    if (a->dim != b->dim) {
        snprintf(buf, sizeof buf, "dimensions differ (%zu and %zu): alignment skipped, "
                 "neighbour overlap only", a->dim, b->dim);
        add_note(r, buf);
    } else {
        if (p) progress_update(p, 2, "aligning");
        if ((rc = align(A, B, a->dim, r, e)) != EMBX_OK) goto fail;
        if (m < a->dim) {
            snprintf(buf, sizeof buf, "only %zu shared words for %zu dimensions: the "
                     "alignment is underdetermined", m, a->dim);
            add_note(r, buf);
        }
    }
    if (progress_cancelled()) { rc = err_cancelled(e); goto fail; }

    r->k = o->k < m ? o->k : m - 1;
    if (r->k == 0) {
        add_note(r, "one shared word only: no neighbour overlap");
    } else {
        if (r->k < o->k) {
            snprintf(buf, sizeof buf, "k lowered to %zu (the shared words less one)", r->k);
            add_note(r, buf);
        }
        if (p) progress_update(p, 3, "neighbours");
        rc = overlap(A, B, a->dim, b->dim, o->threads, r, e);
        if (rc != EMBX_OK) goto fail;
    }
    if (r->aligned && !(r->by_cosine = ranking(r->words, m, cmp_cosine))) goto oom;
    if (r->k > 0 && !(r->by_overlap = ranking(r->words, m, cmp_overlap))) goto oom;
    free(A);
    free(B);
    return EMBX_OK;
oom:
    rc = err_set(e, "out of memory ranking %zu words", m);
fail:
    free(A);
    free(B);
    compare_result_free(r);
    return rc;
}
