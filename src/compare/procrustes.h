/* procrustes: the orthogonal map that best aligns one embedding space onto
 * another over paired rows (orthogonal Procrustes, solved by the SVD of the
 * cross-covariance; see doc/compare.md). Pure computation. */
#ifndef EMBX_PROCRUSTES_H
#define EMBX_PROCRUSTES_H
#include <stddef.h>
#include "error.h"

/* Fills R (d x d, row-major) with the orthogonal matrix minimising
 * ||B R - A||_F, where A and B are m x d row-major and row i of A pairs with
 * row i of B. Needs m >= 1. */
int procrustes_fit(const float *A, const float *B, size_t m, size_t d, float *R, embx_err *e);

/* cos[i] = cosine between row i of A and row i of B R (0 when either row is
 * zero). Works in blocks, so it needs no m x d scratch. */
int procrustes_cosines(const float *A, const float *B, size_t m, size_t d, const float *R,
                       float *cos, embx_err *e);

#endif
