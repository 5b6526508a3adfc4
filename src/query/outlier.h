/* outlier: outlier detection as Camacho-Collados and Navigli (2016) score
 * it. For a cluster C and one outlier w, each word x of W = C + {w} gets the
 * compactness score of W without x (mean pairwise cosine of the rest); the
 * outlier's position OP is the number of cluster words whose score is
 * strictly lower than its own (0 .. |C|; |C| = detected, ties count against
 * the outlier). OPP = mean OP/|C|; accuracy = share with OP = |C|. */
#ifndef EMBX_OUTLIER_H
#define EMBX_OUTLIER_H
#include <stddef.h>
#include "table.h"

/* OP of row w among the cluster rows c[0..nc) (nc >= 2; w not among them). */
size_t outlier_position(const embx_table *t, const size_t *c, size_t nc, size_t w);

#endif
