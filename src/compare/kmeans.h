/* kmeans: k-means with k-means++ seeding over rows of a matrix (cosine on
 * normalized rows by default), seeded and reproducible. */
#ifndef EMBX_KMEANS_H
#define EMBX_KMEANS_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "error.h"

/* Clusters the n x d row-major matrix X into k groups; assign[i] receives
 * the cluster of row i; centroids (k x d, may be NULL) the centres. cosine:
 * rows are normalized first. Returns EMBX_ERR if k > n or k < 1. */
int kmeans_run(const float *X, size_t n, size_t d, int k, uint64_t seed, bool cosine,
               int max_iter, int *assign, float *centroids, embx_err *e);

#endif
