/* analogyscan: many analogy questions at once, 3CosAdd and 3CosMul in one
 * pass. Benchmark questions reuse few words (19,544 Google questions use 905),
 * so the table is scored once against each distinct word (one sgemm per row
 * block) and each question combines three of those score rows: a fraction of
 * the work of one full query per question. Pure computation. */
#ifndef EMBX_ANALOGYSCAN_H
#define EMBX_ANALOGYSCAN_H
#include <stdbool.h>
#include <stddef.h>
#include "knn.h"
#include "progress.h"

struct ascan_question {
    size_t a, b, c;     /* rows: A is to B as C is to ? */
};

/* Top k answers of each of the m questions among the first `limit` rows
 * (0 = all), leaving out A, B, C and zero rows, ties by row order:
 * 3CosAdd (rank by cos(x,B) + cos(x,C) - cos(x,A), gensim most_similar) into
 * hits_add and 3CosMul (gensim most_similar_cosmul) into hits_mul, each m x k
 * (unused slots row == SIZE_MAX); either may be NULL to skip that method.
 * threads 0 = all cores. Ctrl-C returns EMBX_CANCELLED. */
int analogy_scan(const embx_table *t, const struct ascan_question *q, size_t m, size_t k,
                 size_t limit, int threads, struct knn_hit *hits_add, struct knn_hit *hits_mul,
                 progress *p, embx_err *e);

#endif
