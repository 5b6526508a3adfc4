/* similar: pairwise cosine and "which word does not belong" (centrality). */
#ifndef EMBX_SIMILAR_H
#define EMBX_SIMILAR_H
#include <stddef.h>
#include "expr.h"
#include "table.h"

/* Cosine similarity of rows a and b; 0 when either is a zero vector (gensim
 * leaves a zero vector unscaled, so its dot product is 0). */
double similar_cosine(const embx_table *t, size_t a, size_t b);

/* gensim rank_by_centrality: cosine of each term's unit vector with the unit
 * mean of all of them (x's terms, weights +1: rows, or vectors the model
 * built for unseen words). Fills order[] with term indexes from the least
 * central (the odd one, gensim doesnt_match) to the most, ties by word, and
 * scores[i] for term i. Fails on zero vectors. */
int similar_centrality(const embx_table *t, const struct expr *x, size_t *order, float *scores, embx_err *e);

#endif
