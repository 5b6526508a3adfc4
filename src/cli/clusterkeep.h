/* clusterkeep: the last `cluster` result, kept in the session keyed by the
 * rows it clustered, so that a later plot of the same selection is coloured
 * by it (not only a plot that was already on screen). */
#ifndef EMBX_CLUSTERKEEP_H
#define EMBX_CLUSTERKEEP_H
#include <stdbool.h>
#include <stddef.h>

struct cluster_keep {
    size_t n;        /* rows clustered */
    size_t *rows;    /* sorted ascending */
    int *assign;     /* cluster of rows[i], 0..k-1 */
    int k;
};

/* A copy of rows[0..n) with their clusters; NULL when out of memory. */
struct cluster_keep *cluster_keep_new(const size_t *rows, const int *assign, size_t n, int k);
void cluster_keep_free(struct cluster_keep *ck);
/* When the n points' rows are exactly the kept rows (in any order), fills
 * group[i] with the cluster of rows[i] and returns true; else false. */
bool cluster_keep_groups(const struct cluster_keep *ck, const long *rows, size_t n, int *group);

#endif
