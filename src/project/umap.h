/* umap: 2-D UMAP (McInnes, Healy & Melville 2018) over a shared neighbour
 * graph (knngraph.h): smooth-kNN bandwidths per point, fuzzy union of the
 * directed memberships, spectral start from the graph's normalised
 * Laplacian (or PCA, or random), then SGD on the fuzzy cross-entropy with
 * negative sampling and the curve 1 / (1 + a d^2b) fitted to min-dist and
 * spread. Reproducible for a fixed seed and thread count: each thread moves
 * the points of its own block (blocks of equal sampling work) and reads the
 * others' positions as they were at the start of the epoch. The SGD runs in
 * float with an inline pow and the negative samples of an edge taken
 * together. Pure computation: no printing. */
#ifndef EMBX_UMAP_H
#define EMBX_UMAP_H
#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "progress.h"
#include "knngraph.h"

enum umap_init { UMAP_INIT_SPECTRAL = 0, UMAP_INIT_PCA, UMAP_INIT_RANDOM };

struct umap_opts {
    int neighbors;           /* 15, the point itself included (as umap-learn) */
    double min_dist;         /* 0.1 */
    double spread;           /* 1 */
    int epochs;              /* 0 = auto: 500 up to 10,000 points, 200 above */
    int negative;            /* negative samples per positive one: 5 */
    double learning_rate;    /* 1 */
    enum umap_init init;
    unsigned long seed;
    int threads;             /* 0 = OpenMP default */
    progress *prog;          /* may be NULL */
};

struct umap_info {
    double a, b;             /* fitted curve */
    int epochs, epochs_done;
    bool cancelled;          /* Ctrl-C: the layout is the last complete epoch */
    enum umap_init init;     /* what was used */
    bool init_fallback;      /* spectral was asked for but not possible */
    char init_note[160];     /* why (e.g. "the graph has 3 components") */
    size_t components;       /* connected components of the graph */
    size_t edges;            /* undirected fuzzy edges kept */
    double seconds_fuzzy;    /* the fuzzy graph (part of seconds_init) */
    double seconds_init, seconds_optimize, cpu_seconds;
};

void umap_opts_init(struct umap_opts *o);
/* Least-squares fit of a, b so 1 / (1 + a x^2b) follows 1 for x < min_dist
 * and exp(-(x - min_dist) / spread) beyond (0 < min_dist <= spread). */
int umap_fit_ab(double spread, double min_dist, double *a, double *b, embx_err *e);
/* Lays out the n rows of X (n x dim, used by the PCA start) in Y (n x 2)
 * from their neighbour graph g (g->n == n). Needs n >= 4. Returns EMBX_OK,
 * EMBX_ERR, or EMBX_CANCELLED with Y the layout of the last full epoch. */
int umap_run(const float *X, size_t n, size_t dim, const struct knngraph *g,
             const struct umap_opts *o, double *Y, struct umap_info *info, embx_err *e);

#endif
