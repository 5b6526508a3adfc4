/* kmeans: Lloyd's algorithm with k-means++ seeding (Arthur & Vassilvitskii,
 * 2007). Rows are read in place; with cosine each row is scaled by its
 * inverse norm on the fly, so the caller's matrix is never copied. All
 * random choices come from one GSL generator seeded by the caller and all
 * sums run in a fixed order, so a seed always gives the same clustering. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <float.h>
#include <gsl/gsl_rng.h>
#include "kmeans.h"
#include "progress.h"

struct km {
    const float *X;
    size_t n, d;
    int k;
    const float *scale;   /* n row factors: inverse norm (cosine) or 1 */
    double *cent;         /* k x d centres */
};

/* Squared distance between row i (scaled) and centre c. */
static double dist2(const struct km *m, size_t i, int c)
{
    const float *x = m->X + i * m->d;
    const double *y = m->cent + (size_t)c * m->d;
    double s = m->scale[i], acc = 0;
    for (size_t j = 0; j < m->d; j++) {
        double t = s * x[j] - y[j];
        acc += t * t;
    }
    return acc;
}

static void set_centre_to_row(struct km *m, int c, size_t i)
{
    const float *x = m->X + i * m->d;
    double *y = m->cent + (size_t)c * m->d;
    for (size_t j = 0; j < m->d; j++) y[j] = (double)m->scale[i] * x[j];
}

/* k-means++: the first centre uniformly, each next one with probability
 * proportional to the squared distance to the nearest centre chosen so far.
 * best[] keeps that distance per row. When every remaining distance is zero
 * (fewer distinct rows than k) the next centre is a uniform pick. */
static void seed_plusplus(struct km *m, gsl_rng *r, double *best)
{
    size_t first = gsl_rng_uniform_int(r, m->n);
    set_centre_to_row(m, 0, first);
    for (size_t i = 0; i < m->n; i++) best[i] = dist2(m, i, 0);
    for (int c = 1; c < m->k; c++) {
        double total = 0;
        for (size_t i = 0; i < m->n; i++) total += best[i];
        size_t pick = m->n;
        if (total > 0) {
            double u = gsl_rng_uniform(r) * total, run = 0;
            for (size_t i = 0; i < m->n; i++) {
                run += best[i];
                if (best[i] > 0 && run >= u) { pick = i; break; }
            }
            if (pick == m->n) /* rounding at the end of the sum */
                for (size_t i = m->n; i-- > 0;)
                    if (best[i] > 0) { pick = i; break; }
        }
        if (pick == m->n) pick = gsl_rng_uniform_int(r, m->n);
        set_centre_to_row(m, c, pick);
        for (size_t i = 0; i < m->n; i++) {
            double t = dist2(m, i, c);
            if (t < best[i]) best[i] = t;
        }
    }
}

/* Assigns each row to its nearest centre (lowest index on ties); returns
 * how many rows changed cluster and fills dist[] with the distances. */
static size_t assign_rows(const struct km *m, int *assign, double *dist)
{
    size_t changed = 0;
#ifdef _OPENMP
    #pragma omp parallel for schedule(static) reduction(+:changed)
#endif
    for (size_t i = 0; i < m->n; i++) {
        int bc = 0;
        double bd = dist2(m, i, 0);
        for (int c = 1; c < m->k; c++) {
            double t = dist2(m, i, c);
            if (t < bd) { bd = t; bc = c; }
        }
        if (assign[i] != bc) changed++;
        assign[i] = bc;
        dist[i] = bd;
    }
    return changed;
}

/* Recomputes centres as the means of their rows. An empty cluster takes the
 * row farthest from its own centre (not yet taken by another empty cluster
 * in this pass), which splits the worst-fitting cluster. Returns the number
 * of clusters re-seeded. */
static int update_centres(struct km *m, int *assign, double *dist, size_t *count)
{
    size_t d = m->d;
    memset(m->cent, 0, sizeof(double) * (size_t)m->k * d);
    memset(count, 0, sizeof(size_t) * (size_t)m->k);
    for (size_t i = 0; i < m->n; i++) {
        const float *x = m->X + i * d;
        double *y = m->cent + (size_t)assign[i] * d;
        double s = m->scale[i];
        for (size_t j = 0; j < d; j++) y[j] += s * x[j];
        count[assign[i]]++;
    }
    int reseeded = 0;
    for (int c = 0; c < m->k; c++) {
        if (count[c] > 0) {
            double inv = 1.0 / (double)count[c];
            double *y = m->cent + (size_t)c * d;
            for (size_t j = 0; j < d; j++) y[j] *= inv;
            continue;
        }
        size_t far = m->n;
        for (size_t i = 0; i < m->n; i++)
            if (dist[i] >= 0 && count[assign[i]] > 1 && (far == m->n || dist[i] > dist[far]))
                far = i;
        if (far == m->n) continue; /* every cluster holds one row: nothing to split */
        count[assign[far]]--;
        assign[far] = c;
        count[c] = 1;
        dist[far] = -1; /* taken */
        set_centre_to_row(m, c, far);
        reseeded++;
    }
    return reseeded;
}

int kmeans_run(const float *X, size_t n, size_t d, int k, uint64_t seed, bool cosine,
               int max_iter, int *assign, float *centroids, embx_err *e)
{
    if (k < 1) return err_set(e, "k must be at least 1 (got %d)", k);
    if ((size_t)k > n) return err_set(e, "k = %d is larger than the %zu rows to cluster", k, n);
    if (d == 0) return err_set(e, "cannot cluster rows of dimension 0");
    if (!X || !assign) return err_set(e, "kmeans: no data");
    if (max_iter < 1) max_iter = 1;

    struct km m = { .X = X, .n = n, .d = d, .k = k };
    float *scale = malloc(sizeof(float) * n);
    double *best = malloc(sizeof(double) * n);
    size_t *count = malloc(sizeof(size_t) * (size_t)k);
    m.cent = malloc(sizeof(double) * (size_t)k * d);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = EMBX_OK;
    if (!scale || !best || !count || !m.cent || !r) {
        rc = err_set(e, "out of memory clustering %zu rows", n);
        goto out;
    }
    gsl_rng_set(r, (unsigned long)(seed ^ (seed >> 32)));
    for (size_t i = 0; i < n; i++) {
        const float *x = X + i * d;
        double s = 0;
        for (size_t j = 0; j < d; j++) s += (double)x[j] * x[j];
        if (!isfinite(s)) {
            rc = err_set(e, "row %zu holds a value that is not a finite number", i);
            goto out;
        }
        /* a zero row stays at the origin under cosine: it has no direction */
        scale[i] = cosine ? (s > 0 ? (float)(1.0 / sqrt(s)) : 0.0f) : 1.0f;
    }
    m.scale = scale;

    seed_plusplus(&m, r, best);
    for (size_t i = 0; i < n; i++) assign[i] = -1;
    for (int it = 0; it < max_iter; it++) {
        if (progress_cancelled()) { rc = err_cancelled(e); goto out; }
        size_t changed = assign_rows(&m, assign, best);
        int reseeded = update_centres(&m, assign, best, count);
        if (changed == 0 && reseeded == 0) break;
    }
    if (centroids)
        for (size_t i = 0; i < (size_t)k * d; i++) centroids[i] = (float)m.cent[i];
out:
    gsl_rng_free(r);
    free(m.cent);
    free(count);
    free(best);
    free(scale);
    return rc;
}
