/* knn: exact top-k cosine search over a table (single queries through CBLAS
 * sgemv over row blocks, batches through sgemm), analogies (3CosAdd,
 * 3CosMul) and vector expressions. Pure computation: no printing. */
#ifndef EMBX_KNN_H
#define EMBX_KNN_H
#include <stdbool.h>
#include <stddef.h>
#include "table.h"
#include "topk.h"   /* struct knn_hit */

/* Top k rows by cosine similarity to q (dim floats, any norm) among the
 * first `limit` rows (0 = all), skipping the rows in exclude[] and zero rows;
 * ties broken by row order. Writes up to k hits (best first) and *nhits.
 * threads: 0 = all cores, N = up to N (every function here takes it). */
int knn_query(const embx_table *t, const float *q, size_t k, size_t limit,
              const size_t *exclude, size_t nexclude, int threads,
              struct knn_hit *hits, size_t *nhits, embx_err *e);

/* True when knn_query scores with CBLAS sgemv (EMBX_KNN_BLAS=1), whose
 * scores knn_query_rows does not reproduce bit for bit. */
bool knn_scans_with_blas(void);

/* Threads knn_query uses to scan the first `limit` rows (0 = all) of t when
 * asked for `threads` (0 = all cores): fewer only on tables too small to
 * share. Exposed so tests can check the default uses every core. */
int knn_scan_threads(const embx_table *t, size_t limit, int threads);

/* The same for m queries Q (m x dim, row-major) at once; hits is m x k
 * (row i's hits at hits + i*k, unused slots have row == SIZE_MAX); exclude is
 * m x nex rows (SIZE_MAX entries ignored) or NULL. threads 0 = all cores. */
int knn_query_batch(const embx_table *t, const float *Q, size_t m, size_t k, size_t limit,
                    const size_t *exclude, size_t nex, int threads,
                    struct knn_hit *hits, embx_err *e);

/* Top k by cosine similarity to q among the given rows only (any order,
 * zero rows skipped), scored exactly as knn_query scores them. */
int knn_query_rows(const embx_table *t, const float *q, const size_t *rows, size_t nrows, size_t k,
                   int threads, struct knn_hit *hits, size_t *nhits, embx_err *e);

/* 3CosMul (Levy & Goldberg; gensim most_similar_cosmul): the score of a row x
 * is prod_p (1 + cos(x, p)) / 2 divided by (prod_n (1 + cos(x, n)) / 2 + 1e-6)
 * over the rows pos[] and neg[]; top k among the first `limit` rows (0 = all)
 * skipping exclude[] and zero rows, ties by row order. */
int knn_cosmul(const embx_table *t, const size_t *pos, size_t npos, const size_t *neg, size_t nneg,
               size_t k, size_t limit, const size_t *exclude, size_t nexclude, int threads,
               struct knn_hit *hits, size_t *nhits, embx_err *e);

/* 3CosMul for m queries at once: Q holds m groups of npos positive then nneg
 * negative vectors ((m * (npos + nneg)) x dim, any norm); hits and exclude as
 * in knn_query_batch. */
int knn_cosmul_batch(const embx_table *t, const float *Q, size_t m, size_t npos, size_t nneg,
                     size_t k, size_t limit, const size_t *exclude, size_t nex, int threads,
                     struct knn_hit *hits, embx_err *e);

/* A word with no row of its own (a vector the model built for it). */
#define KNN_NO_ROW ((size_t)-1)

/* Position of b among a's neighbours (gensim rank): 1 + the number of rows
 * other than a and b, among the first `limit` (0 = all), that are strictly
 * more similar to a than b is. a and b are rows, or KNN_NO_ROW with their
 * vectors in va and vb (dim floats; ignored for rows). */
int knn_rank(const embx_table *t, size_t a, const float *va, size_t b, const float *vb, size_t limit, int threads,
             size_t *rank, embx_err *e);

#endif
