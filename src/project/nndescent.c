/* nndescent: NN-descent (see nndescent.h).
 *
 * Each round: every point's candidate list is its current neighbours plus
 * the points that list it (reverse), at most MAXC of each, split into "new"
 * (not yet joined) and "old". Then every point i pulls the lists of its
 * candidates u and tries each v listed there, when the i-u or the u-v link
 * is new. Reading only the round's lists and writing only i's own heap keeps
 * the threads independent and the result deterministic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "nndescent.h"
#include "rng.h"
#include "kernels.h"

/* Candidates per point and kind (pynndescent's max_candidates). */
#define MAXC 30

void nndescent_opts_init(struct nndescent_opts *o)
{
    memset(o, 0, sizeof *o);
    o->cosine = true;
    o->seed = 1;
    o->threads = 1;
    o->max_iters = 12;
    o->delta = 0.001;
}

struct ctx {
    const float *X;
    size_t n, dim, k;
    bool cosine;
    float *inv;          /* cosine: inverse norms (0 for zero rows) */
    float *sq;           /* squared norms */
    kern_dot_f32_fn dot;
    uint32_t *idx;       /* n x k heap entries (max-heap on distance, then row) */
    float *dist;
    uint8_t *isnew;
};

/* Squared distance by the dot-product kernel picked at start-up (SIMD; a
 * plain loop's float sum cannot be vectorised by the compiler): cosine as
 * 2 - 2 cos, Euclidean as |x|^2 + |y|^2 - 2 x.y. */
static float dist2(const struct ctx *c, size_t a, size_t b)
{
    float s;
    c->dot(c->X + b * c->dim, 1, c->dim, c->X + a * c->dim, &s);
    float d = c->cosine ? 2.0f - 2.0f * s * c->inv[a] * c->inv[b] : c->sq[a] + c->sq[b] - 2.0f * s;
    return d < 0.0f ? 0.0f : d;
}

/* heap order: "a above b" when a is farther (ties: the higher row) */
static bool above(float da, uint32_t ra, float db, uint32_t rb)
{
    return da > db || (da == db && ra > rb);
}

/* Offers v at distance d to point i's heap; returns 1 when kept. */
static int heap_push(struct ctx *c, size_t i, uint32_t v, float d)
{
    uint32_t *hi = c->idx + i * c->k;
    float *hd = c->dist + i * c->k;
    uint8_t *hn = c->isnew + i * c->k;
    size_t k = c->k;
    if (!above(hd[0], hi[0], d, v)) return 0;
    for (size_t m = 0; m < k; m++) if (hi[m] == v) return 0;
    size_t p = 0;
    for (;;) {
        size_t l = 2 * p + 1, r = l + 1, m = p;
        float md = d; uint32_t mr = v;
        if (l < k && above(hd[l], hi[l], md, mr)) { m = l; md = hd[l]; mr = hi[l]; }
        if (r < k && above(hd[r], hi[r], md, mr)) m = r;
        if (m == p) break;
        hi[p] = hi[m]; hd[p] = hd[m]; hn[p] = hn[m];
        p = m;
    }
    hi[p] = v; hd[p] = d; hn[p] = 1;
    return 1;
}

int nndescent_build(const float *X, size_t n, size_t dim, const struct nndescent_opts *o,
                    size_t *nbr, float *d2, int *iters, embx_err *e)
{
    size_t k = o->k;
    *iters = 0;
    if (k < 1 || n <= k) return err_set(e, "NN-descent needs more points (%zu) than neighbours (%zu)", n, k);
    if (n > UINT32_MAX) return err_set(e, "NN-descent handles at most %u points", UINT32_MAX);
    int nt = o->threads > 0 ? o->threads : 1;
    struct ctx c = { .X = X, .n = n, .dim = dim, .k = k, .cosine = o->cosine };
    c.inv = malloc(sizeof(float) * n);
    c.sq = malloc(sizeof(float) * n);
    c.dot = kernels_best()->dot_f32;
    c.idx = malloc(sizeof(uint32_t) * n * k);
    c.dist = malloc(sizeof(float) * n * k);
    c.isnew = malloc(n * k);
    /* candidate lists: fwd/rev x new/old, MAXC each */
    uint32_t *cand = malloc(sizeof(uint32_t) * n * 4 * MAXC);
    uint8_t *ccount = calloc(n * 4, 1);
    size_t *changed = malloc(sizeof(size_t) * n);
    uint64_t *stamps = calloc((size_t)nt * n, sizeof(uint64_t));
    int rc = EMBX_ERR;
    if (!c.inv || !c.sq || !c.idx || !c.dist || !c.isnew || !cand || !ccount || !changed || !stamps) {
        err_set(e, "out of memory for the neighbour graph of %zu points", n);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t j = 0; j < dim; j++) s += (double)X[i * dim + j] * X[i * dim + j];
        c.inv[i] = s > 0.0 ? (float)(1.0 / sqrt(s)) : 0.0f;
        c.sq[i] = (float)s;
    }
    /* random start: k distinct other points, seeded per point */
    #pragma omp parallel for num_threads(nt) schedule(static)
    for (size_t i = 0; i < n; i++) {
        for (size_t m = 0; m < k; m++) { c.idx[i * k + m] = UINT32_MAX; c.dist[i * k + m] = INFINITY; c.isnew[i * k + m] = 0; }
        uint64_t st = rng_mix(o->seed * 0x9E37u + i);
        size_t got = 0, tries = 0;
        while (got < k && tries < 8 * k + 64) {
            st = rng_mix(st);
            uint32_t v = (uint32_t)(st % n);
            tries++;
            if (v == i) continue;
            got += (size_t)heap_push(&c, i, v, dist2(&c, i, v));
        }
        for (uint32_t v = 0; got < k && v < n; v++)
            if (v != i) got += (size_t)heap_push(&c, i, v, dist2(&c, i, v));
    }
    int it;
    for (it = 0; it < o->max_iters; it++) {
        if (progress_cancelled()) { rc = err_cancelled(e); goto done; }
        /* candidate lists, serially so the caps apply in a fixed order */
        memset(ccount, 0, n * 4);
        for (size_t i = 0; i < n; i++)
            for (size_t m = 0; m < k; m++) {
                uint32_t v = c.idx[i * k + m];
                if (v == UINT32_MAX) continue;
                int kind = c.isnew[i * k + m] ? 0 : 1;
                if (ccount[i * 4 + kind] < MAXC) {
                    cand[(i * 4 + kind) * MAXC + ccount[i * 4 + kind]++] = v;
                    if (kind == 0) c.isnew[i * k + m] = 0;   /* joined this round */
                }
                if (ccount[v * 4 + 2 + kind] < MAXC)
                    cand[((size_t)v * 4 + 2 + kind) * MAXC + ccount[v * 4 + 2 + kind]++] = (uint32_t)i;
            }
        size_t total = 0;
        #pragma omp parallel for num_threads(nt) schedule(dynamic, 64)
        for (size_t i = 0; i < n; i++) {
            size_t ch = 0;
            /* stamp[v] == mark: v was already tried for i this round (or is
             * in i's list); trying it again could not change the result */
            int tid = 0;
#ifdef _OPENMP
            tid = omp_get_thread_num();
#endif
            uint64_t *stamp = stamps + (size_t)tid * n, mark = (uint64_t)it * n + i + 1;
            stamp[i] = mark;
            for (size_t m = 0; m < k; m++) if (c.idx[i * k + m] != UINT32_MAX) stamp[c.idx[i * k + m]] = mark;
            for (int ki = 0; ki < 4; ki++) {
                bool inew = ki == 0 || ki == 2;
                for (size_t a = 0; a < ccount[i * 4 + ki]; a++) {
                    uint32_t u = cand[(i * 4 + ki) * MAXC + a];
                    for (int ku = 0; ku < 4; ku++) {
                        bool unew = ku == 0 || ku == 2;
                        if (!inew && !unew) continue;
                        for (size_t b = 0; b < ccount[(size_t)u * 4 + ku]; b++) {
                            uint32_t v = cand[((size_t)u * 4 + ku) * MAXC + b];
                            if (stamp[v] == mark) continue;
                            stamp[v] = mark;
                            ch += (size_t)heap_push(&c, i, v, dist2(&c, i, v));
                        }
                    }
                }
            }
            changed[i] = ch;
        }
        for (size_t i = 0; i < n; i++) total += changed[i];
        if (o->prog) {
            char extra[64];
            snprintf(extra, sizeof extra, "round %d, %zu updates", it + 1, total);
            progress_update(o->prog, (double)(it + 1), extra);
        }
        if ((double)total < o->delta * (double)n * (double)k) { it++; break; }
    }
    *iters = it;
    /* heaps to sorted lists, nearest first */
    #pragma omp parallel for num_threads(nt) schedule(static)
    for (size_t i = 0; i < n; i++) {
        uint32_t *hi = c.idx + i * k;
        float *hd = c.dist + i * k;
        for (size_t a = 1; a < k; a++) {
            uint32_t v = hi[a]; float d = hd[a];
            size_t b = a;
            while (b > 0 && above(hd[b - 1], hi[b - 1], d, v)) { hi[b] = hi[b - 1]; hd[b] = hd[b - 1]; b--; }
            hi[b] = v; hd[b] = d;
        }
        for (size_t m = 0; m < k; m++) {
            nbr[i * k + m] = hi[m] == UINT32_MAX ? SIZE_MAX : hi[m];
            d2[i * k + m] = hd[m];
        }
    }
    rc = EMBX_OK;
done:
    free(c.inv); free(c.sq); free(c.idx); free(c.dist); free(c.isnew);
    free(cand); free(ccount); free(changed); free(stamps);
    return rc;
}
