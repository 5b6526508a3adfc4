/* faith: how far to trust a 2-D map. Trustworthiness (Venna & Kaski: are
 * the map's k nearest neighbours true neighbours?) and kNN preservation (the
 * share of each point's k nearest neighbours in the full space that are also
 * its k nearest in the map), computed exactly on all points or on a seeded
 * sample of at most max_sample points (both spaces restricted to it).
 * Pure computation: no printing. */
#ifndef EMBX_FAITH_H
#define EMBX_FAITH_H
#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "progress.h"

#define FAITH_MAX_K 100

struct faith_opts {
    size_t k;                /* 10 */
    size_t max_sample;       /* 5000; 0 = all points */
    bool cosine;             /* full-space distance: cosine (true) or Euclidean */
    unsigned long seed;      /* sample seed */
    int threads;             /* 0 = OpenMP default */
};

struct faith {
    double trust;            /* trustworthiness in [0, 1] */
    double preservation;     /* mean kNN preservation in [0, 1] */
    size_t k;                /* k used (lowered for tiny maps) */
    size_t points;           /* points scored (the sample size) */
    bool sampled;            /* points < n */
};

/* Defaults above. */
void faith_opts_init(struct faith_opts *o);
/* Scores the layout Y (n x 2) of the rows X + rows[i] * ld (dim values each;
 * rows NULL = 0..n-1). Needs n >= 4. point_pres (may be NULL) receives each
 * scored point's preservation, NAN for points outside the sample. */
int faith_score(const float *X, size_t ld, size_t dim, const size_t *rows, size_t n,
                const double *Y, const struct faith_opts *o, struct faith *out,
                double *point_pres, embx_err *e);

#endif
