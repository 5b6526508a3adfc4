/* quant: an int8 copy of the table's unit rows (one scale per row) for
 * `--fast` queries. Scanning it reads a quarter of the bytes of the float32
 * matrix; the best candidates it finds are then re-scored exactly, so the
 * scores shown are exact and only a true neighbour missing from the
 * candidates can change the answer (bench/query reports the recall). */
#ifndef EMBX_QUANT_H
#define EMBX_QUANT_H
#include <stdbool.h>
#include <stddef.h>
#include "knn.h"

struct quant;

/* Builds the copy of t (t->n * t->dim bytes and t->n floats); threads 0 = all cores. */
int quant_build(const embx_table *t, int threads, struct quant **out, embx_err *e);
/* True when q was built from this table as it is now. */
bool quant_matches(const struct quant *q, const embx_table *t);
/* Bytes the copy uses. */
size_t quant_memory(const struct quant *q);
void quant_free(struct quant *q);

/* Top k by cosine as knn_query, among the `cand` rows the int8 scan ranks
 * best (cand >= k; more candidates, higher recall). */
int quant_query(const embx_table *t, const struct quant *qz, const float *q, size_t k, size_t cand,
                size_t limit, const size_t *exclude, size_t nexclude, int threads,
                struct knn_hit *hits, size_t *nhits, embx_err *e);
/* Exactly knn_query's top k (same rows, scores and ties; zero rows and
 * exclude[] skipped), found through the int8 copy: each row's int8 cosine
 * and a bound on its error (the row's and the query's quantization error,
 * the float scan's rounding) rule out every row that cannot reach the k-th
 * best lower bound; the rest (*scored of them) are scored exactly. */
int quant_query_exact(const embx_table *t, const struct quant *qz, const float *q, size_t k, size_t limit,
                      const size_t *exclude, size_t nexclude, int threads, struct knn_hit *hits,
                      size_t *nhits, size_t *scored, embx_err *e);
/* Candidates `--fast` rescores for k answers: 10 x k, at least 1000. */
static inline size_t quant_candidates(size_t k) { return k * 10 > 1000 ? k * 10 : 1000; }

#endif
