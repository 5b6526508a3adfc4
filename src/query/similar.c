/* similar: cosine of two rows and centrality ranking (see similar.h). */
#include <stdlib.h>
#include <string.h>
#include "similar.h"
#include "expr.h"

double similar_cosine(const embx_table *t, size_t a, size_t b)
{
    const float *x = table_row(t, a), *y = table_row(t, b);
    double d = 0;
    for (size_t j = 0; j < t->dim; j++) d += (double)x[j] * y[j];
    return d * t->inv_norms[a] * t->inv_norms[b];
}

struct ranked { float score; const char *word; size_t idx; };

/* Ascending score; equal scores by word, so the order is gensim's reversed. */
static int by_score(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (a->score != b->score) return a->score < b->score ? -1 : 1;
    int c = strcmp(a->word, b->word);
    if (c) return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

int similar_centrality(const embx_table *t, const struct expr *x, size_t *order, float *scores, embx_err *e)
{
    size_t n = x->n;
    if (n == 0) return err_set(e, "no words to compare");
    float *mean = malloc(sizeof(float) * t->dim);
    struct ranked *r = malloc(sizeof(*r) * n);
    if (!mean || !r) { free(mean); free(r); return err_set(e, "out of memory"); }
    int rc = EMBX_OK;
    for (size_t i = 0; i < n && rc == EMBX_OK; i++) {
        float inv;
        expr_term_vector(t, x, i, &inv);
        if (inv == 0.0f)
            rc = err_set(e, "'%s' is a zero vector: it has no direction to compare with", x->terms[i].word);
    }
    if (rc) goto done;
    if (expr_vector(t, x, mean, e)) {     /* no zero vector: the only failure left */
        rc = err_set(e, "the words' unit vectors cancel out: there is no centre to compare with");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        float inv;
        const float *v = expr_term_vector(t, x, i, &inv);
        double d = 0;
        for (size_t j = 0; j < t->dim; j++) d += (double)v[j] * mean[j];
        scores[i] = (float)(d * inv);
        r[i].score = scores[i];
        r[i].word = x->terms[i].word;
        r[i].idx = i;
    }
    qsort(r, n, sizeof(*r), by_score);
    for (size_t i = 0; i < n; i++) order[i] = r[i].idx;
done:
    free(mean); free(r);
    return rc;
}
