/* hubness: how unevenly words appear in each other's neighbour lists. N_k(x)
 * counts the rows that have x among their k nearest (cosine, self left out);
 * the skewness of N_k over the rows is the usual hubness measure
 * (Radovanovic et al., 2010): near 0 is even, large and positive means a few
 * hubs sit in most lists. Pure computation, batched knn. */
#ifndef EMBX_HUBNESS_H
#define EMBX_HUBNESS_H
#include <stddef.h>
#include "table.h"
#include "progress.h"

#define HUBNESS_K 10
#define HUBNESS_SAMPLE 10000   /* rows measured on big tables: the first ones */

/* Skewness of N_k among the first `rows` rows (0 = all; zero rows left out)
 * into *skew, the rows measured into *used. Needs k + 2 nonzero rows.
 * threads 0 = all cores; Ctrl-C returns EMBX_CANCELLED. */
int hubness_skew(const embx_table *t, size_t rows, size_t k, int threads,
                 double *skew, size_t *used, progress *p, embx_err *e);

#endif
