/* tsne: 2-D t-SNE of n points. Input affinities from the 3 x perplexity
 * nearest neighbours (cosine through the knn engine, or Euclidean), perplexity
 * calibrated per point by binary search, symmetrized. Gradient exact for small
 * n, Barnes-Hut (quadtree.h) above, grid interpolation with FFT (fftrep.h)
 * for large n; early exaggeration, momentum, gains.
 * Deterministic: the same seed gives the same layout bit for bit, whatever
 * the thread count. Pure computation: no printing. */
#ifndef EMBX_TSNE_H
#define EMBX_TSNE_H
#include <stddef.h>
#include <stdbool.h>
#include "error.h"
#include "progress.h"
#include "knngraph.h"

enum tsne_metric { TSNE_COSINE = 0, TSNE_EUCLIDEAN };
enum tsne_method { TSNE_AUTO = 0, TSNE_EXACT, TSNE_BARNES_HUT, TSNE_FFT };

/* Automatic choice: exact up to TSNE_EXACT_MAX points, Barnes-Hut up to
 * TSNE_BH_MAX, FFT-interpolated repulsion (fftrep.h) above. With the
 * depth-first quadtree, Barnes-Hut is faster and closer (lower KL) at 30,000
 * points too (18.9 s against 27.0 s, KL 2.485 against 2.547, 2 idle cores). */
#define TSNE_EXACT_MAX 1000
#define TSNE_BH_MAX 100000

struct tsne_opts {
    double perplexity;       /* 30 */
    double theta;            /* Barnes-Hut accuracy, 0.5 */
    int iters;               /* 1000 */
    int exaggeration_iters;  /* 250, with early exaggeration 12 and momentum 0.5 */
    double exaggeration;     /* 12 */
    double learning_rate;    /* 0 = auto: max(n / 12, 50) */
    enum tsne_method method;
    enum tsne_metric metric;
    bool random_init;        /* false: PCA scaled to std 1e-4 */
    unsigned long seed;
    int threads;             /* 0 = OpenMP default */
    progress *prog;          /* may be NULL */
    /* Neighbour graph of the same n rows (may be NULL): used instead of a
     * search when it has the metric and at least 3 x perplexity neighbours. */
    const struct knngraph *graph;
    /* Called after every iteration (may be NULL); kl is the last computed
     * KL divergence (every 50 iterations and at the end), NAN before. */
    void (*on_iter)(void *ctx, int iter, double kl);
    void *ctx;
};

struct tsne_info {
    double kl;               /* final KL divergence */
    int iters_done;
    bool cancelled;          /* Ctrl-C: the layout is the last complete iteration */
    enum tsne_method method; /* what was used */
    double perplexity;       /* what was used (lowered when n is small) */
    bool perplexity_lowered;
    size_t duplicates;       /* points with an identical twin (distance 0) */
    size_t neighbours;       /* input neighbours per point */
    bool used_graph;         /* they came from o->graph */
    double seconds_affinity, seconds_optimize;
    double cpu_seconds;      /* processor time of all threads, both phases */
};

/* Defaults above. */
void tsne_opts_init(struct tsne_opts *o);
/* The largest perplexity usable with n points: (n - 1) / 3. */
double tsne_max_perplexity(size_t n);
/* Lays out the n rows of X (n x dim, row-major) in Y (n x 2). Needs n >= 3.
 * A perplexity above tsne_max_perplexity(n) is lowered (info says so).
 * Returns EMBX_OK, EMBX_ERR, or EMBX_CANCELLED with Y holding the layout of
 * the last complete iteration (finite, usable). */
int tsne_run(const float *X, size_t n, size_t dim, const struct tsne_opts *o,
             double *Y, struct tsne_info *info, embx_err *e);

#endif
