/* analogy: "A is to B as C is to ?" with the two objectives peers use. */
#ifndef EMBX_ANALOGY_H
#define EMBX_ANALOGY_H
#include <stdbool.h>
#include <stddef.h>
#include "knn.h"

enum analogy_method {
    ANALOGY_ADD,   /* 3CosAdd: gensim most_similar(positive=[B, C], negative=[A]) */
    ANALOGY_MUL    /* 3CosMul: gensim most_similar_cosmul(positive=[B, C], negative=[A]) */
};

/* Top k answers among the first `limit` rows (0 = all); the rows a, b, c are
 * left out unless keep_inputs; threads 0 = all cores. hits has room for k; *nhits is set. */
int analogy_solve(const embx_table *t, size_t a, size_t b, size_t c, enum analogy_method m,
                  size_t k, size_t limit, bool keep_inputs, int threads,
                  struct knn_hit *hits, size_t *nhits, embx_err *e);

struct quant;
/* analogy_solve's 3CosAdd answer, bit for bit, through the int8 copy qz
 * (quant_query_exact: only the rows that can be among the best are scored). */
int analogy_solve_prescan(const embx_table *t, const struct quant *qz, size_t a, size_t b, size_t c,
                          size_t k, size_t limit, bool keep_inputs, int threads,
                          struct knn_hit *hits, size_t *nhits, embx_err *e);
/* 3CosAdd as analogy_solve, through the int8 copy qz of t (quant.h): its
 * best quant_candidates(k) rows are rescored exactly. */
int analogy_solve_fast(const embx_table *t, const struct quant *qz, size_t a, size_t b, size_t c,
                       size_t k, size_t limit, bool keep_inputs, int threads,
                       struct knn_hit *hits, size_t *nhits, embx_err *e);

/* The 3CosAdd query vector unit(B/|B| + C/|C| - A/|A|) into out (dim floats);
 * false when it has no direction. */
bool analogy_add_vector(const embx_table *t, size_t a, size_t b, size_t c, float *out);
/* The same vector, or an error saying it has no direction. */
int analogy_query(const embx_table *t, size_t a, size_t b, size_t c, float *out, embx_err *e);

#endif
