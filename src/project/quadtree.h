/* quadtree: the 2-D space-partitioning tree of Barnes-Hut t-SNE. Cells keep
 * their point count and centre of mass; the repulsive force on a point sums
 * whole cells that look small from it (width / distance < theta) and the
 * points of the leaves it comes close to one by one.
 *
 * Built for speed: the points are sorted by Morton code (the cell path from
 * the root), so every cell is a contiguous run of the sorted points; the
 * cells sit in one array in depth-first order, each knowing where its subtree
 * ends, so a walk is one forward pass without a stack. Leaves hold a small
 * bucket of points. Chains of one-child cells are collapsed (a cell has the
 * tight width of its points' common Morton prefix). */
#ifndef EMBX_QUADTREE_H
#define EMBX_QUADTREE_H
#include <stddef.h>
#include <stdint.h>

struct qt_node {
    double mx, my;         /* centre of mass of the points inside */
    double open2;          /* (width / theta)^2: the cell is opened when closer */
    uint32_t count;        /* points inside (duplicates included) */
    uint32_t next;         /* the node after this subtree; next == self + 1: leaf */
    uint32_t first;        /* a leaf's first point in the sorted order */
    uint32_t pad;
};

typedef struct quadtree {
    struct qt_node *nodes;
    size_t nnodes, cap;
    size_t n, ncap;
    double *py;            /* the points in Morton order (n x 2) */
    uint32_t *order;       /* sorted position -> original index */
    uint32_t *pos;         /* original index -> sorted position */
    uint64_t *code, *tmp_code;
    uint32_t *tmp_order;
} quadtree;

/* Builds the tree over n points y (n x 2) for opening angle theta (0: every
 * cell is opened, the forces are exact), reusing qt's storage. Deterministic:
 * the sort is stable and keyed on the coordinates only. Returns 0, or -1
 * when out of memory or n does not fit 32 bits. */
int quadtree_build(quadtree *qt, const double *y, size_t n, double theta);
/* Original index of the point at sorted position s (walk points in this
 * order: neighbours in it share their cells, and the cache). */
static inline size_t quadtree_point(const quadtree *qt, size_t s) { return qt->order[s]; }
/* Repulsive force on point i of the built tree: adds sum q^2 (y_i - y_j) over
 * the other points to f[0..1] (unnormalized, q = 1 / (1 + |y_i - y_j|^2)) and
 * returns the sum of q (the point's share of the normalization Z). Twins of
 * the point (distance 0) count in the sum with q = 1 and no force. */
double quadtree_repulsion(const quadtree *qt, size_t i, double f[2]);
void quadtree_free(quadtree *qt);

#endif
