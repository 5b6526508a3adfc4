/* kmeans: Lloyd's algorithm with k-means++ seeding (Arthur & Vassilvitskii,
 * 2007). Rows are read in place; with cosine each row is scaled by its
 * inverse norm on the fly, so the caller's matrix is never copied. The
 * row-to-centre distances come from single-precision GEMMs over row blocks
 * (the n x k x d part); the means are summed in double. All
 * random choices come from one GSL generator seeded by the caller and all
 * sums run in a fixed order, so a seed always gives the same clustering. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_cblas.h>
#include "kmeans.h"
#include "progress.h"

struct km {
    const float *X;
    size_t n, d;
    int k;
    const float *scale;   /* n row factors: inverse norm (cosine) or 1 */
    const double *xx;     /* n squared norms of the scaled rows */
    double *cent;         /* k x d centres (the means, in double) */
    float *cf;            /* k x d float copy of the centres for BLAS */
    double *cc;           /* k squared norms of the float centres */
    float *S;             /* BLOCK x k scratch */
};

/* Rows are handled BLOCK at a time so the scratch stays small while the
 * distance products still go through one GEMM per block. */
#define BLOCK 1024

/* Refreshes the float copy of centres [c0, c1) and their squared norms. */
static void sync_centres(struct km *m, int c0, int c1)
{
    for (int c = c0; c < c1; c++) {
        double acc = 0;
        for (size_t j = 0; j < m->d; j++) {
            float v = (float)m->cent[(size_t)c * m->d + j];
            m->cf[(size_t)c * m->d + j] = v;
            acc += (double)v * v;
        }
        m->cc[c] = acc;
    }
}

/* Squared distances of rows [r0, r0+nb) to centres [c0, c0+kk) into
 * m->S (nb x kk): ||s x||^2 - 2 s x.c + ||c||^2, the dot products from one
 * GEMM. Rounding can push an exact match a hair below zero; clamp it. */
static void block_dist(struct km *m, size_t r0, size_t nb, int c0, int kk)
{
    size_t d = m->d;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)nb, kk, (int)d, 1.0f,
                m->X + r0 * d, (int)d, m->cf + (size_t)c0 * d, (int)d, 0.0f, m->S, kk);
    for (size_t i = 0; i < nb; i++) {
        double s = m->scale[r0 + i], xx = m->xx[r0 + i];
        float *row = m->S + i * (size_t)kk;
        for (int c = 0; c < kk; c++) {
            double t = xx - 2.0 * s * row[c] + m->cc[c0 + c];
            row[c] = t > 0 ? (float)t : 0.0f;
        }
    }
}

static void set_centre_to_row(struct km *m, int c, size_t i)
{
    const float *x = m->X + i * m->d;
    double *y = m->cent + (size_t)c * m->d;
    for (size_t j = 0; j < m->d; j++) y[j] = (double)m->scale[i] * x[j];
    sync_centres(m, c, c + 1);
}

/* best[i] = min(best[i], distance of row i to centre c) for all rows. */
static void offer_centre(struct km *m, int c, double *best, bool first)
{
    for (size_t r0 = 0; r0 < m->n; r0 += BLOCK) {
        size_t nb = m->n - r0 < BLOCK ? m->n - r0 : BLOCK;
        block_dist(m, r0, nb, c, 1);
        for (size_t i = 0; i < nb; i++)
            if (first || m->S[i] < best[r0 + i]) best[r0 + i] = m->S[i];
    }
}

/* k-means++: the first centre uniformly, each next one with probability
 * proportional to the squared distance to the nearest centre chosen so far.
 * best[] keeps that distance per row. When every remaining distance is zero
 * (fewer distinct rows than k) the next centre is a uniform pick. */
static int seed_plusplus(struct km *m, gsl_rng *r, double *best, embx_err *e)
{
    size_t first = gsl_rng_uniform_int(r, m->n);
    set_centre_to_row(m, 0, first);
    offer_centre(m, 0, best, true);
    for (int c = 1; c < m->k; c++) {
        if (progress_cancelled()) return err_cancelled(e);
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
        offer_centre(m, c, best, false);
    }
    return EMBX_OK;
}

/* Assigns each row to its nearest centre (lowest index on ties); returns
 * how many rows changed cluster and fills dist[] with the distances. */
static size_t assign_rows(struct km *m, int *assign, double *dist)
{
    size_t changed = 0;
    for (size_t r0 = 0; r0 < m->n; r0 += BLOCK) {
        size_t nb = m->n - r0 < BLOCK ? m->n - r0 : BLOCK;
        block_dist(m, r0, nb, 0, m->k);
        for (size_t i = 0; i < nb; i++) {
            const float *row = m->S + i * (size_t)m->k;
            int bc = 0;
            for (int c = 1; c < m->k; c++)
                if (row[c] < row[bc]) bc = c;
            if (assign[r0 + i] != bc) changed++;
            assign[r0 + i] = bc;
            dist[r0 + i] = row[bc];
        }
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
    sync_centres(m, 0, m->k);
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
    double *xx = malloc(sizeof(double) * n);
    double *best = malloc(sizeof(double) * n);
    size_t *count = malloc(sizeof(size_t) * (size_t)k);
    m.cent = malloc(sizeof(double) * (size_t)k * d);
    m.cf = malloc(sizeof(float) * (size_t)k * d);
    m.cc = malloc(sizeof(double) * (size_t)k);
    m.S = malloc(sizeof(float) * BLOCK * (size_t)k);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = EMBX_OK;
    if (!scale || !xx || !best || !count || !m.cent || !m.cf || !m.cc || !m.S || !r) {
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
        xx[i] = (double)scale[i] * scale[i] * s;
    }
    m.scale = scale;
    m.xx = xx;

    if ((rc = seed_plusplus(&m, r, best, e)) != EMBX_OK) goto out;
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
    free(m.S);
    free(m.cc);
    free(m.cf);
    free(m.cent);
    free(xx);
    free(count);
    free(best);
    free(scale);
    return rc;
}
