/* cluster: k-means over selected table rows (kmeans.h), with the clusters
 * numbered by size and their members ranked by closeness to the centre. */
#ifndef EMBX_CLUSTER_H
#define EMBX_CLUSTER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "table.h"

struct cluster_result {
    int k;
    size_t n;
    int *assign;        /* n: cluster of rows[i]; 0 is the largest cluster */
    size_t *size;       /* k: members per cluster */
    float *centroids;   /* k x dim, in the same numbering */
};

struct cluster_member {
    size_t row;
    double sim;         /* cosine to the cluster's centre */
};

/* Clusters rows[0..n) of t into k groups (cosine: on normalized rows),
 * seeded; clusters are numbered by size, largest first (ties: k-means order). */
int cluster_rows(const embx_table *t, const size_t *rows, size_t n, int k, uint64_t seed,
                 bool cosine, int max_iter, struct cluster_result *r, embx_err *e);
/* Members of cluster c into out (room for r->size[c]), most central first
 * (ties by row); returns their count. */
size_t cluster_members(const embx_table *t, const size_t *rows, const struct cluster_result *r,
                       int c, struct cluster_member *out);
void cluster_free(struct cluster_result *r);

#endif
