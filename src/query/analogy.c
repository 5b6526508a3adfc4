/* analogy: 3CosAdd and 3CosMul on top of knn (see analogy.h). */
#include <stdlib.h>
#include "analogy.h"
#include "expr.h"
#include "quant.h"

bool analogy_add_vector(const embx_table *t, size_t a, size_t b, size_t c, float *out)
{
    /* gensim's order of summation: positives B, C, then the negative A. */
    const size_t rows[3] = {b, c, a};
    const float w[3] = {1.0f, 1.0f, -1.0f};
    return expr_mean(t, rows, w, 3, out);
}

/* The inputs of an analogy: none a zero vector. */
static int inputs_ok(const embx_table *t, const size_t in[3], embx_err *e)
{
    for (int i = 0; i < 3; i++)
        if (t->inv_norms[in[i]] == 0.0f)
            return err_set(e, "'%s' is a zero vector: it has no direction to compare with", t->words[in[i]]);
    return EMBX_OK;
}

/* 3CosAdd: the inputs checked, the query vector, then the exact top k, by
 * the float scan or (qz not NULL) through the int8 copy: the same answer. */
static int solve_add(const embx_table *t, const struct quant *qz, size_t a, size_t b, size_t c, size_t k,
                     size_t limit, bool keep_inputs, int threads, struct knn_hit *hits, size_t *nhits,
                     embx_err *e)
{
    *nhits = 0;
    const size_t in[3] = {a, b, c};
    if (inputs_ok(t, in, e)) return EMBX_ERR;
    size_t nex = keep_inputs ? 0 : 3, scored;
    float *q = malloc(sizeof(float) * t->dim);
    if (!q) return err_set(e, "out of memory");
    int rc;
    if (!analogy_add_vector(t, a, b, c, q))
        rc = err_set(e, "'%s - %s + %s' is the zero vector: nothing to compare with",
                     t->words[b], t->words[a], t->words[c]);
    else if (qz)
        rc = quant_query_exact(t, qz, q, k, limit, in, nex, threads, hits, nhits, &scored, e);
    else
        rc = knn_query(t, q, k, limit, in, nex, threads, hits, nhits, e);
    free(q);
    return rc;
}

int analogy_solve(const embx_table *t, size_t a, size_t b, size_t c, enum analogy_method m,
                  size_t k, size_t limit, bool keep_inputs, int threads,
                  struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    if (m == ANALOGY_ADD) return solve_add(t, NULL, a, b, c, k, limit, keep_inputs, threads, hits, nhits, e);
    *nhits = 0;
    const size_t in[3] = {a, b, c};
    if (inputs_ok(t, in, e)) return EMBX_ERR;
    const size_t pos[2] = {b, c}, neg[1] = {a};
    return knn_cosmul(t, pos, 2, neg, 1, k, limit, in, keep_inputs ? 0 : 3, threads, hits, nhits, e);
}

int analogy_query(const embx_table *t, size_t a, size_t b, size_t c, float *out, embx_err *e)
{
    if (analogy_add_vector(t, a, b, c, out)) return EMBX_OK;
    return err_set(e, "'%s - %s + %s' has no direction: nothing to compare with",
                   t->words[b], t->words[a], t->words[c]);
}

int analogy_solve_prescan(const embx_table *t, const struct quant *qz, size_t a, size_t b, size_t c,
                          size_t k, size_t limit, bool keep_inputs, int threads,
                          struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    return solve_add(t, qz, a, b, c, k, limit, keep_inputs, threads, hits, nhits, e);
}

int analogy_solve_fast(const embx_table *t, const struct quant *qz, size_t a, size_t b, size_t c,
                       size_t k, size_t limit, bool keep_inputs, int threads,
                       struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    float *q = malloc(sizeof(float) * t->dim);
    if (!q) return err_set(e, "out of memory");
    int rc = analogy_query(t, a, b, c, q, e);
    if (rc == EMBX_OK) {
        const size_t ex[3] = {a, b, c};
        rc = quant_query(t, qz, q, k, quant_candidates(k), limit, ex, keep_inputs ? 0 : 3, threads, hits, nhits, e);
    }
    free(q);
    return rc;
}
