/* fftrep: t-SNE repulsive forces for large layouts by interpolation on an
 * equispaced grid and FFT convolution (the FIt-SNE method): the charges of
 * the points are spread onto p x p Lagrange nodes per grid box, the kernels
 * 1/(1+d^2) and 1/(1+d^2)^2 are applied to the whole grid with GSL's FFT, and
 * the potentials are interpolated back. O(n + G log G) per iteration for a
 * grid of G nodes, against O(n log n) with a large constant for Barnes-Hut. */
#ifndef EMBX_FFTREP_H
#define EMBX_FFTREP_H
#include <stddef.h>

typedef struct fftrep fftrep;

/* A workspace for layouts of n points, using nt threads. NULL when out of memory. */
fftrep *fftrep_new(size_t n, int nt);
/* Repulsion of every point of Y (n x 2): rep[2i..2i+1] = sum_j q_ij^2 (y_i - y_j)
 * and sq[i] = sum_{j != i} q_ij, q = 1 / (1 + |y_i - y_j|^2), as
 * quadtree_repulsion computes them. Returns 0, or -1 when out of memory. */
int fftrep_compute(fftrep *w, const double *Y, double *rep, double *sq);
void fftrep_free(fftrep *w);

#endif
