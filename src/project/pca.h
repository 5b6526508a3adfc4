/* pca: principal components of selected table rows. The covariance (D x D)
 * is accumulated block by block with BLAS ssyrk, its top eigenvectors come
 * from GSL's symmetric eigensolver. Pure computation: no printing. */
#ifndef EMBX_PCA_H
#define EMBX_PCA_H
#include <stddef.h>
#include "error.h"
#include "progress.h"

struct pca {
    size_t dim;
    int k;                 /* components kept */
    double *mean;          /* dim: the centre that was subtracted */
    double *components;    /* k x dim, unit length, strongest first */
    double *variance;      /* k: variance along each component (divided by n - 1) */
    double *ratio;         /* k: explained variance ratio (variance / total) */
    double total_variance; /* trace of the covariance */
};

/* Sign convention: each component is flipped so that its coefficient of
 * largest magnitude is positive, which makes the output independent of the
 * eigensolver's arbitrary signs. */

/* Fits k components to the n rows X[rows[i] * ld .. + dim] (rows NULL means
 * rows 0..n-1). Needs n >= 2 and 1 <= k <= dim. prog may be NULL; Ctrl-C
 * returns EMBX_CANCELLED. */
int pca_fit(const float *X, size_t ld, size_t dim, const size_t *rows, size_t n, int k,
            progress *prog, struct pca *out, embx_err *e);
/* Coordinates of the same kind of rows on the fitted components: Y is n x p->k. */
void pca_transform(const struct pca *p, const float *X, size_t ld, const size_t *rows,
                   size_t n, double *Y);
void pca_free(struct pca *p);

#endif
