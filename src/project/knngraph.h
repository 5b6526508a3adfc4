/* knngraph: the k-nearest-neighbour graph of a set of rows, shared by t-SNE
 * and UMAP and kept by the session so a second map of the same rows does not
 * search again. Exact (BLAS blocks) up to exact_max x k / 15 points,
 * NN-descent (nndescent.h) above, with its recall against exact neighbours
 * measured on a seeded sample. Pure computation: no printing. */
#ifndef EMBX_KNNGRAPH_H
#define EMBX_KNNGRAPH_H
#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "progress.h"

enum knngraph_metric { KNNG_COSINE = 0, KNNG_EUCLIDEAN, KNNG_NMETRICS };
enum knngraph_method { KNNG_AUTO = 0, KNNG_EXACT, KNNG_NNDESCENT };

#define KNNGRAPH_EXACT_MAX 30000

struct knngraph_opts {
    size_t k;                    /* neighbours per point (self excluded) */
    enum knngraph_metric metric;
    enum knngraph_method method; /* auto: exact up to exact_max x max(1, k / 15) points */
    size_t exact_max;            /* KNNGRAPH_EXACT_MAX */
    size_t recall_sample;        /* points checked against exact search (200) */
    unsigned long seed;          /* NN-descent start and recall sample */
    int threads;                 /* 0 = OpenMP default */
    progress *prog;              /* may be NULL */
};

struct knngraph {
    size_t n, k;
    size_t *nbr;                 /* n x k rows of X, nearest first (SIZE_MAX = none) */
    float *d2;                   /* n x k squared distances: 2 - 2 cos for cosine */
    enum knngraph_metric metric;
    bool approximate;
    double recall;               /* 1 when exact; measured when approximate */
    size_t recall_points;        /* sample size of the recall measurement */
    int rounds;                  /* NN-descent rounds */
    double seconds;
    /* what the graph was built from, so an owner can tell whether it fits
     * (owner: an opaque identity such as the table, rows: a copy or NULL) */
    const void *owner;
    size_t *rows;
};

void knngraph_opts_init(struct knngraph_opts *o);
/* The method (exact or NN-descent) and *k (o->k lowered to n - 1) that
 * knngraph_build uses for n points. */
enum knngraph_method knngraph_resolve(const struct knngraph_opts *o, size_t n, size_t *k);
/* Builds the graph of the n rows of X (n x dim). Needs n >= 2; k is lowered
 * to n - 1. Ctrl-C returns EMBX_CANCELLED. */
int knngraph_build(const float *X, size_t n, size_t dim, const struct knngraph_opts *o,
                   struct knngraph **out, embx_err *e);
/* Records the identity (owner, a copy of rows[0..n)) the graph was built for. */
int knngraph_set_key(struct knngraph *g, const void *owner, const size_t *rows, embx_err *e);
/* True when g was built for owner and these rows with this metric and at
 * least k neighbours. */
bool knngraph_fits(const struct knngraph *g, const void *owner, const size_t *rows, size_t n,
                   enum knngraph_metric metric, size_t k);
void knngraph_free(struct knngraph *g);

#endif
