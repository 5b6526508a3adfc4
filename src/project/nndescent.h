/* nndescent: approximate k nearest neighbours of every row by NN-descent
 * (Dong, Moses & Li 2011): start from random neighbours, then repeatedly
 * try the neighbours of neighbours. Each point updates only its own list
 * from the previous round's lists, so the result is the same for any thread
 * count. Pure computation: no printing. */
#ifndef EMBX_NNDESCENT_H
#define EMBX_NNDESCENT_H
#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "progress.h"

struct nndescent_opts {
    size_t k;
    bool cosine;             /* distance 2 - 2 cos (unit rows) or squared Euclidean */
    unsigned long seed;
    int threads;             /* > 0 */
    int max_iters;           /* 12 */
    double delta;            /* stop when fewer than delta * n * k lists change (0.001) */
    progress *prog;          /* may be NULL */
};

/* Defaults above (k, threads left for the caller). */
void nndescent_opts_init(struct nndescent_opts *o);
/* Fills nbr (n x k, nearest first, ties by row) and d2 (their squared
 * distances) for the n rows of X (n x dim). Needs n > k. *iters receives the
 * rounds run. Ctrl-C returns EMBX_CANCELLED. */
int nndescent_build(const float *X, size_t n, size_t dim, const struct nndescent_opts *o,
                    size_t *nbr, float *d2, int *iters, embx_err *e);

#endif
