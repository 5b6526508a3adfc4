/* catclust: concept categorization. Clusters words by agglomerative
 * clustering with average linkage on cosine distance (deterministic: no seed,
 * ties go to the lower index) and scores the clusters by purity. */
#ifndef EMBX_CATCLUST_H
#define EMBX_CATCLUST_H
#include <stddef.h>
#include "table.h"

#define CATCLUST_MAX_WORDS 20000   /* the distance matrix is n x n floats */

/* Clusters the given rows into k groups (1 <= k <= n): assign[i] in [0, k).
 * Ctrl-C returns EMBX_CANCELLED. */
int catclust_average(const embx_table *t, const size_t *rows, size_t n, size_t k,
                     size_t *assign, embx_err *e);

/* Purity: the share of the n items that belong to the most common label of
 * their cluster (labels in [0, nlabels), clusters in [0, k)). */
double catclust_purity(const size_t *assign, const size_t *label, size_t n, size_t k, size_t nlabels);

#endif
