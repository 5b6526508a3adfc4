/* quadtree: the 2-D space-partitioning tree of Barnes-Hut t-SNE. Cells keep
 * their point count and centre of mass; the repulsive force on a point sums
 * whole cells that look small from it (width / distance < theta). */
#ifndef EMBX_QUADTREE_H
#define EMBX_QUADTREE_H
#include <stddef.h>

struct qt_node {
    double cx, cy, hw;     /* cell centre and half width */
    double mx, my;         /* centre of mass of the points inside */
    size_t count;          /* points inside (duplicates included) */
    long child;            /* index of the first of 4 children, -1 for a leaf */
};

typedef struct quadtree {
    struct qt_node *nodes;
    size_t nnodes, cap;
} quadtree;

/* Builds the tree over n points y (n x 2), reusing qt's storage; points are
 * inserted in index order, so the tree (and every force) is deterministic.
 * Identical points share a leaf. Returns 0, or -1 when out of memory. */
int quadtree_build(quadtree *qt, const double *y, size_t n);
/* Repulsive force on the point (px, py): adds sum q^2 (p - y_j) over the other
 * points to f[0..1] (unnormalized, q = 1 / (1 + |p - y_j|^2)) and returns the
 * sum of q (the point's share of the normalization Z). theta 0 visits every
 * leaf. The point itself (distance 0) is not counted. */
double quadtree_repulsion(const quadtree *qt, double px, double py, double theta, double f[2]);
void quadtree_free(quadtree *qt);

#endif
