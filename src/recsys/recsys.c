/* recsys: training and held-out evaluation of the mf and bpr models. */
#include "recsys.h"
#include "ials.h"
#include "item2vec.h"
#include "rng.h"
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#ifdef _OPENMP
#include <omp.h>
#else
static inline int omp_get_thread_num(void) { return 0; }
static inline int omp_get_num_threads(void) { return 1; }
#endif

/* ---- random numbers: splitmix64 streams, one per (epoch, cell) ---- */

static inline uint64_t rnd(uint64_t *s) { *s += RNG_GOLDEN; return rng_mix(*s); }
static inline double rnd_unit(uint64_t *s) { return rng_unit_of(rnd(s)); }
static inline uint32_t rnd_below(uint64_t *s, uint32_t n) { return (uint32_t)(((rnd(s) >> 32) * n) >> 32); }
static double rnd_gauss(uint64_t *s)
{
    double u = rnd_unit(s), v = rnd_unit(s);
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

static const char *const kind_names[] = {"mf", "bpr", "ials", "item2vec"};

const char *recsys_kind_name(enum recsys_kind k)
{
    return (unsigned)k < sizeof kind_names / sizeof *kind_names ? kind_names[k] : "?";
}

bool recsys_kind_has_bias(enum recsys_kind k) { return k == RECSYS_MF || k == RECSYS_BPR; }

/* Scales each item's factors and bias by n / (n + k), n its training
 * interactions: an item seen a few times keeps little of what those few
 * said and stays near the prior (zero factors, no bias). */
int recsys_shrink_items(const struct interactions *x, const uint8_t *is_test, struct recsys_model *m, double k,
                        embx_err *e)
{
    if (!(k > 0)) return EMBX_OK;
    size_t ni = m->nitems, d = m->dim;
    size_t *c = calloc(ni + 1, sizeof *c);
    if (!c) return err_set(e, "out of memory");
    for (size_t j = 0; j < x->n; j++) if (!(is_test && is_test[j])) c[x->item[j]]++;
    for (size_t i = 0; i < ni; i++) {
        float f = (float)((double)c[i] / ((double)c[i] + k));
        for (size_t j = 0; j < d; j++) m->Q[i * d + j] *= f;
        m->bi[i] *= f;
    }
    free(c);
    return EMBX_OK;
}

bool recsys_kind_parse(const char *s, enum recsys_kind *k)
{
    for (unsigned i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
        if (!strcmp(s, kind_names[i])) { *k = (enum recsys_kind)i; return true; }
    return false;
}

void recsys_opts_default(struct recsys_opts *o, enum recsys_kind kind)
{
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->solver = RECSYS_SGD;
    o->dim = 32;
    o->threads = 1;
    o->seed = 1;
    o->test_fraction = 0.1;
    o->alpha = 5.0;
    o->window = 50;
    o->negative = 5;
    switch (kind) {
    case RECSYS_MF: o->epochs = 30; o->lr = 0.03; o->reg = 0.05; break;
    case RECSYS_BPR: o->epochs = 50; o->lr = 0.05; o->reg = 0.02; break;
    case RECSYS_IALS: o->epochs = 15; o->reg = 50; break;
    case RECSYS_ITEM2VEC: o->epochs = 30; o->lr = 0.025; break;   /* histories are short corpora */
    }
}

int recsys_split(const struct interactions *x, double f, uint64_t seed,
                 uint8_t **is_test, size_t *ntest, embx_err *e)
{
    if (!(f > 0.0 && f < 1.0))
        return err_set(e, "test fraction %g is out of range: give a number between 0 and 1 (exclusive), e.g. 0.1", f);
    uint8_t *t = malloc(x->n ? x->n : 1);
    uint32_t *train_left = calloc(x->users.n, sizeof *train_left);
    if (!t || !train_left) { free(t); free(train_left); return err_set(e, "out of memory splitting interactions"); }
    uint64_t s = rng_mix(seed ^ 0x5eed5011ULL);
    for (size_t i = 0; i < x->n; i++) {
        t[i] = rnd_unit(&s) < f;
        if (!t[i]) train_left[x->user[i]]++;
    }
    /* a user whose every interaction was drawn for the test keeps their first */
    for (size_t i = 0; i < x->n; i++)
        if (t[i] && train_left[x->user[i]] == 0) { t[i] = 0; train_left[x->user[i]] = 1; }
    size_t n = 0;
    for (size_t i = 0; i < x->n; i++) n += t[i];
    free(train_left);
    *is_test = t;
    *ntest = n;
    return EMBX_OK;
}

/* One user's interaction in time order: timestamp, then file position. */
struct when { double t; size_t k; };

static int cmp_when(const void *a, const void *b)
{
    const struct when *x = a, *y = b;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

int recsys_split_last(const struct interactions *x, double f, uint8_t **is_test, size_t *ntest, embx_err *e)
{
    if (!(f > 0.0 && f < 1.0))
        return err_set(e, "test fraction %g is out of range: give a number between 0 and 1 (exclusive), e.g. 0.1", f);
    size_t nu = x->users.n;
    uint8_t *t = calloc(x->n ? x->n : 1, 1);
    size_t *start = calloc(nu + 1, sizeof *start), *pos = malloc((nu + 1) * sizeof *pos);
    struct when *w = malloc((x->n + 1) * sizeof *w);
    if (!t || !start || !pos || !w) {
        free(t); free(start); free(pos); free(w);
        return err_set(e, "out of memory splitting interactions");
    }
    for (size_t k = 0; k < x->n; k++) start[x->user[k] + 1]++;
    for (size_t u = 0; u < nu; u++) start[u + 1] += start[u];
    memcpy(pos, start, nu * sizeof *pos);
    for (size_t k = 0; k < x->n; k++) {
        struct when *en = &w[pos[x->user[k]]++];
        en->t = x->stamp ? x->stamp[k] : 0.0;
        en->k = k;
    }
    size_t n = 0;
    for (size_t u = 0; u < nu; u++) {
        size_t m = start[u + 1] - start[u];
        if (m < 2) continue;
        qsort(w + start[u], m, sizeof *w, cmp_when);
        size_t h = (size_t)floor(f * (double)m + 0.5);
        if (h < 1) h = 1;
        if (h > m - 1) h = m - 1;
        for (size_t j = start[u + 1] - h; j < start[u + 1]; j++) t[w[j].k] = 1;
        n += h;
    }
    free(start); free(pos); free(w);
    *is_test = t;
    *ntest = n;
    return EMBX_OK;
}

/* ---- the training set, bucketed into T x T cells ---- */

struct trainset {
    size_t n;
    uint32_t *u, *it;
    float *r;
    int B;                          /* blocks per side */
    size_t *cell;                   /* B*B + 1 offsets into u/it/r */
    uint32_t *iblock;               /* block of each item */
    uint32_t *block_items;          /* items grouped by block (bpr negatives) */
    size_t *block_start;            /* B + 1 */
    size_t *seen_start;             /* users + 1: sorted training items (bpr) */
    uint32_t *seen;
};

static void trainset_free(struct trainset *ts)
{
    free(ts->u); free(ts->it); free(ts->r); free(ts->cell); free(ts->iblock);
    free(ts->block_items); free(ts->block_start); free(ts->seen_start); free(ts->seen);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Items are dealt to blocks greedily by interaction count (largest first to
 * the lightest block) so popular items do not pile into one thread's cell;
 * users are dealt by a seeded hash, which balances well for many users. */
static int trainset_build(const struct interactions *x, const uint8_t *is_test, int B,
                          uint64_t seed, bool want_seen, struct trainset *ts, embx_err *e)
{
    memset(ts, 0, sizeof *ts);
    ts->B = B;
    size_t nu = x->users.n, ni = x->items.n;
    size_t n = 0;
    for (size_t i = 0; i < x->n; i++) n += !(is_test && is_test[i]);
    ts->n = n;
    ts->u = malloc((n ? n : 1) * sizeof *ts->u);
    ts->it = malloc((n ? n : 1) * sizeof *ts->it);
    ts->r = x->rating ? malloc((n ? n : 1) * sizeof *ts->r) : NULL;
    ts->cell = calloc((size_t)B * B + 1, sizeof *ts->cell);
    ts->iblock = malloc(ni * sizeof *ts->iblock);
    ts->block_items = malloc(ni * sizeof *ts->block_items);
    ts->block_start = calloc((size_t)B + 1, sizeof *ts->block_start);
    uint32_t *ublock = malloc(nu * sizeof *ublock);
    size_t *count = calloc(ni, sizeof *count);
    uint32_t *order = malloc(ni * sizeof *order);
    size_t *load = calloc((size_t)B, sizeof *load);
    if (!ts->u || !ts->it || (x->rating && !ts->r) || !ts->cell || !ts->iblock || !ts->block_items
        || !ts->block_start || !ublock || !count || !order || !load) {
        free(ublock); free(count); free(order); free(load);
        trainset_free(ts);
        return err_set(e, "out of memory preparing %zu training interactions", n);
    }
    for (size_t u = 0; u < nu; u++) ublock[u] = (uint32_t)(rng_mix(seed * 31 + u) % (uint64_t)B);
    for (size_t i = 0; i < x->n; i++) if (!(is_test && is_test[i])) count[x->item[i]]++;
    for (size_t i = 0; i < ni; i++) order[i] = (uint32_t)i;
    /* counting sort of items by decreasing count (stable, so deterministic) */
    size_t maxc = 0;
    for (size_t i = 0; i < ni; i++) if (count[i] > maxc) maxc = count[i];
    {
        size_t *hist = calloc(maxc + 2, sizeof *hist);
        if (!hist) { free(ublock); free(count); free(order); free(load); trainset_free(ts);
                     return err_set(e, "out of memory"); }
        for (size_t i = 0; i < ni; i++) hist[maxc - count[i] + 1]++;
        for (size_t c = 1; c <= maxc + 1; c++) hist[c] += hist[c - 1];
        for (size_t i = 0; i < ni; i++) order[hist[maxc - count[i]]++] = (uint32_t)i;
        free(hist);
    }
    for (size_t k = 0; k < ni; k++) {
        uint32_t i = order[k];
        int best = 0;
        for (int b = 1; b < B; b++) if (load[b] < load[best]) best = b;
        ts->iblock[i] = (uint32_t)best;
        load[best] += count[i] + 1;
        ts->block_start[best + 1]++;
    }
    for (int b = 0; b < B; b++) ts->block_start[b + 1] += ts->block_start[b];
    {
        size_t *pos = malloc((size_t)B * sizeof *pos);
        if (!pos) { free(ublock); free(count); free(order); free(load); trainset_free(ts);
                    return err_set(e, "out of memory"); }
        memcpy(pos, ts->block_start, (size_t)B * sizeof *pos);
        for (size_t i = 0; i < ni; i++) ts->block_items[pos[ts->iblock[i]]++] = (uint32_t)i;
        free(pos);
    }
    /* bucket the interactions by cell */
    for (size_t i = 0; i < x->n; i++) {
        if (is_test && is_test[i]) continue;
        ts->cell[ublock[x->user[i]] * (size_t)B + ts->iblock[x->item[i]] + 1]++;
    }
    for (size_t c = 0; c < (size_t)B * B; c++) ts->cell[c + 1] += ts->cell[c];
    {
        size_t *pos = malloc((size_t)B * B * sizeof *pos);
        if (!pos) { free(ublock); free(count); free(order); free(load); trainset_free(ts);
                    return err_set(e, "out of memory"); }
        memcpy(pos, ts->cell, (size_t)B * B * sizeof *pos);
        for (size_t i = 0; i < x->n; i++) {
            if (is_test && is_test[i]) continue;
            size_t at = pos[ublock[x->user[i]] * (size_t)B + ts->iblock[x->item[i]]]++;
            ts->u[at] = x->user[i];
            ts->it[at] = x->item[i];
            if (ts->r) ts->r[at] = x->rating[i];
        }
        free(pos);
    }
    free(ublock); free(count); free(order); free(load);
    if (want_seen) {
        ts->seen_start = calloc(nu + 1, sizeof *ts->seen_start);
        ts->seen = malloc((n ? n : 1) * sizeof *ts->seen);
        size_t *pos = malloc((nu ? nu : 1) * sizeof *pos);
        if (!ts->seen_start || !ts->seen || !pos) { free(pos); trainset_free(ts); return err_set(e, "out of memory"); }
        for (size_t i = 0; i < n; i++) ts->seen_start[ts->u[i] + 1]++;
        for (size_t u = 0; u < nu; u++) ts->seen_start[u + 1] += ts->seen_start[u];
        memcpy(pos, ts->seen_start, nu * sizeof *pos);
        for (size_t i = 0; i < n; i++) ts->seen[pos[ts->u[i]]++] = ts->it[i];
        for (size_t u = 0; u < nu; u++)
            qsort(ts->seen + ts->seen_start[u], ts->seen_start[u + 1] - ts->seen_start[u], sizeof *ts->seen, cmp_u32);
        free(pos);
    }
    return EMBX_OK;
}

static bool seen_has(const struct trainset *ts, uint32_t u, uint32_t item)
{
    const uint32_t *a = ts->seen + ts->seen_start[u];
    size_t lo = 0, hi = ts->seen_start[u + 1] - ts->seen_start[u];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a[mid] < item) lo = mid + 1; else hi = mid;
    }
    return lo < ts->seen_start[u + 1] - ts->seen_start[u] && a[lo] == item;
}

/* ---- SGD steps ---- */

/* The SGD working copy of the factors: each row is [factors, bias, padding]
 * padded to whole 64-byte cache lines, so threads updating rows of different
 * blocks never write to the same cache line (the biases and rows of
 * neighbouring users or items would otherwise be shared, and every update
 * would bounce a line between cores). */
struct padded {
    float *P, *Q;           /* nusers x S, nitems x S, 64-byte aligned */
    size_t d, S;            /* bias at column d */
};

static int padded_init(struct padded *w, const struct recsys_model *m)
{
    w->d = m->dim;
    w->S = (m->dim + 1 + 15) / 16 * 16;
    w->P = aligned_alloc(64, m->nusers * w->S * sizeof(float));
    w->Q = aligned_alloc(64, m->nitems * w->S * sizeof(float));
    if (!w->P || !w->Q) { free(w->P); free(w->Q); return -1; }
    memset(w->P, 0, m->nusers * w->S * sizeof(float));
    memset(w->Q, 0, m->nitems * w->S * sizeof(float));
    for (size_t u = 0; u < m->nusers; u++) {
        memcpy(w->P + u * w->S, m->P + u * w->d, w->d * sizeof(float));
        w->P[u * w->S + w->d] = m->bu[u];
    }
    for (size_t i = 0; i < m->nitems; i++) {
        memcpy(w->Q + i * w->S, m->Q + i * w->d, w->d * sizeof(float));
        w->Q[i * w->S + w->d] = m->bi[i];
    }
    return 0;
}

/* Copies the working rows back into the model and frees them. */
static void padded_finish(struct padded *w, struct recsys_model *m)
{
    for (size_t u = 0; u < m->nusers; u++) {
        memcpy(m->P + u * w->d, w->P + u * w->S, w->d * sizeof(float));
        m->bu[u] = w->P[u * w->S + w->d];
    }
    for (size_t i = 0; i < m->nitems; i++) {
        memcpy(m->Q + i * w->d, w->Q + i * w->S, w->d * sizeof(float));
        m->bi[i] = w->Q[i * w->S + w->d];
    }
    free(w->P);
    free(w->Q);
}

static void mf_cell(const struct trainset *ts, size_t from, size_t to, const struct padded *w,
                    float mu, float lr, float reg, float breg)
{
    size_t d = w->d, S = w->S;
    for (size_t k = from; k < to; k++) {
        float *p = w->P + (size_t)ts->u[k] * S, *q = w->Q + (size_t)ts->it[k] * S;
        float dot = 0;
#pragma omp simd reduction(+:dot)
        for (size_t j = 0; j < d; j++) dot += p[j] * q[j];
        float err = ts->r[k] - (mu + p[d] + q[d] + dot);
        p[d] += lr * (err - breg * p[d]);
        q[d] += lr * (err - breg * q[d]);
#pragma omp simd
        for (size_t j = 0; j < d; j++) {
            float pj = p[j], qj = q[j];
            p[j] += lr * (err * qj - reg * pj);
            q[j] += lr * (err * pj - reg * qj);
        }
    }
}

static void bpr_cell(const struct trainset *ts, size_t from, size_t to, int block,
                     const struct padded *w, float lr, float reg, uint64_t *rng)
{
    size_t d = w->d, S = w->S;
    const uint32_t *cand = ts->block_items + ts->block_start[block];
    uint32_t ncand = (uint32_t)(ts->block_start[block + 1] - ts->block_start[block]);
    for (size_t k = from; k < to; k++) {
        uint32_t u = ts->u[k], i = ts->it[k], j = 0;
        bool ok = false;
        for (int tries = 0; tries < 16 && !ok; tries++) {
            j = cand[rnd_below(rng, ncand)];
            ok = !seen_has(ts, u, j);
        }
        if (!ok) continue;
        float *p = w->P + (size_t)u * S, *qi = w->Q + (size_t)i * S, *qj = w->Q + (size_t)j * S;
        float x = qi[d] - qj[d];
#pragma omp simd reduction(+:x)
        for (size_t c = 0; c < d; c++) x += p[c] * (qi[c] - qj[c]);
        float g = 1.0f / (1.0f + expf(x));     /* sigmoid(-x) */
        qi[d] += lr * (g - reg * qi[d]);
        qj[d] += lr * (-g - reg * qj[d]);
#pragma omp simd
        for (size_t c = 0; c < d; c++) {
            float pc = p[c], ic = qi[c], jc = qj[c];
            p[c] += lr * (g * (ic - jc) - reg * pc);
            qi[c] += lr * (g * pc - reg * ic);
            qj[c] += lr * (-g * pc - reg * jc);
        }
    }
}

static void shuffle_cell(struct trainset *ts, size_t from, size_t to, uint64_t *rng)
{
    for (size_t k = to - from; k > 1; k--) {
        size_t a = from + k - 1, b = from + rnd_below(rng, (uint32_t)k);
        uint32_t tu = ts->u[a]; ts->u[a] = ts->u[b]; ts->u[b] = tu;
        uint32_t ti = ts->it[a]; ts->it[a] = ts->it[b]; ts->it[b] = ti;
        if (ts->r) { float tr = ts->r[a]; ts->r[a] = ts->r[b]; ts->r[b] = tr; }
    }
}

void recsys_model_free(struct recsys_model *m)
{
    free(m->P); free(m->Q); free(m->bu); free(m->bi);
    memset(m, 0, sizeof *m);
}

/* ---- alternating least squares (mf) ---- */

/* Training interactions grouped by one side: for row r of that side, the
 * other side's indices and the ratings in [start[r], start[r+1]). */
struct csr { size_t *start; uint32_t *other; float *r; };

static void csr_free(struct csr *c) { free(c->start); free(c->other); free(c->r); }

static int csr_build(const struct interactions *x, const uint8_t *is_test, bool by_user, struct csr *c)
{
    size_t nrows = by_user ? x->users.n : x->items.n;
    c->start = calloc(nrows + 1, sizeof *c->start);
    c->other = malloc((x->n + 1) * sizeof *c->other);
    c->r = malloc((x->n + 1) * sizeof *c->r);
    size_t *pos = malloc((nrows + 1) * sizeof *pos);
    if (!c->start || !c->other || !c->r || !pos) { free(pos); csr_free(c); return -1; }
    for (size_t k = 0; k < x->n; k++)
        if (!(is_test && is_test[k])) c->start[(by_user ? x->user[k] : x->item[k]) + 1]++;
    for (size_t r = 0; r < nrows; r++) c->start[r + 1] += c->start[r];
    memcpy(pos, c->start, nrows * sizeof *pos);
    for (size_t k = 0; k < x->n; k++) {
        if (is_test && is_test[k]) continue;
        size_t at = pos[by_user ? x->user[k] : x->item[k]]++;
        c->other[at] = by_user ? x->item[k] : x->user[k];
        c->r[at] = x->rating[k];
    }
    free(pos);
    return 0;
}

/* Solves every row of one side with the other side fixed: row vector and
 * bias [v, b] minimise sum (r - mu - b_other - b - v.w)^2 + reg * n * |[v, b]|^2
 * over the row's interactions (w = the other side's vector). Returns the
 * number of rows whose system could not be solved (left unchanged). */
static size_t als_half(const struct csr *c, size_t nrows, size_t d, double mu, double reg,
                       float *V, float *bv, const float *W, const float *bw, int threads)
{
    size_t failed = 0;
#pragma omp parallel num_threads(threads) reduction(+:failed)
    {
        gsl_matrix *A = gsl_matrix_alloc(d + 1, d + 1);
        gsl_vector *b = gsl_vector_alloc(d + 1), *sol = gsl_vector_alloc(d + 1);
        double *y = malloc((d + 1) * sizeof *y);
        bool ok = A && b && sol && y;
#pragma omp for schedule(dynamic, 64)
        for (size_t r = 0; r < nrows; r++) {
            size_t n = c->start[r + 1] - c->start[r];
            if (!ok || n == 0 || progress_cancelled()) continue;
            gsl_matrix_set_zero(A);
            gsl_vector_set_zero(b);
            for (size_t k = c->start[r]; k < c->start[r + 1]; k++) {
                const float *w = W + (size_t)c->other[k] * d;
                for (size_t j = 0; j < d; j++) y[j] = w[j];
                y[d] = 1.0;
                double target = c->r[k] - mu - bw[c->other[k]];
                for (size_t i = 0; i <= d; i++) {
                    double *row = gsl_matrix_ptr(A, i, 0);
                    for (size_t j = 0; j <= i; j++) row[j] += y[i] * y[j];
                    b->data[i * b->stride] += target * y[i];
                }
            }
            double lam = reg * (double)n + 1e-9;
            for (size_t i = 0; i <= d; i++) {
                *gsl_matrix_ptr(A, i, i) += lam;
                for (size_t j = 0; j < i; j++) gsl_matrix_set(A, j, i, gsl_matrix_get(A, i, j));
            }
            if (gsl_linalg_cholesky_decomp1(A) || gsl_linalg_cholesky_solve(A, b, sol)) { failed++; continue; }
            for (size_t j = 0; j < d; j++) V[r * d + j] = (float)gsl_vector_get(sol, j);
            bv[r] = (float)gsl_vector_get(sol, d);
        }
        gsl_matrix_free(A);
        gsl_vector_free(b);
        gsl_vector_free(sol);
        free(y);
        if (!ok) failed++;
    }
    return failed;
}

static int train_als(const struct interactions *x, const uint8_t *is_test, const struct recsys_opts *o,
                     struct recsys_model *m, progress *p, embx_err *e)
{
    struct csr byu = {0}, byi = {0};
    if (csr_build(x, is_test, true, &byu) || csr_build(x, is_test, false, &byi)) {
        csr_free(&byu);
        csr_free(&byi);
        return err_set(e, "out of memory preparing the least-squares solves");
    }
    size_t d = m->dim, failed = 0;
    if (p) progress_start(p, "training mf (als)", o->epochs);
    /* errors are return codes here: GSL's default handler would abort */
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = EMBX_OK;
    for (int ep = 0; ep < o->epochs && rc == EMBX_OK; ep++) {
        failed += als_half(&byu, x->users.n, d, m->mu, o->reg, m->P, m->bu, m->Q, m->bi, o->threads);
        failed += als_half(&byi, x->items.n, d, m->mu, o->reg, m->Q, m->bi, m->P, m->bu, o->threads);
        if (progress_cancelled()) rc = err_cancelled(e);
        if (p) progress_update(p, ep + 1, NULL);
    }
    gsl_set_error_handler(old);
    if (p) progress_finish(p);
    csr_free(&byu);
    csr_free(&byi);
    if (rc == EMBX_OK && failed)
        rc = err_set(e, "%zu least-squares solves failed (singular systems): raise --reg (was %g)", failed, o->reg);
    return rc;
}

int recsys_train(const struct interactions *x, const uint8_t *is_test,
                 const struct recsys_opts *o, struct recsys_model *m,
                 progress *p, embx_err *e)
{
    memset(m, 0, sizeof *m);
    if (o->kind == RECSYS_IALS) return ials_train(x, is_test, o, m, NULL, p, e);
    if (o->kind == RECSYS_ITEM2VEC) return item2vec_train(x, is_test, o, m, p, e);
    if (o->kind == RECSYS_MF && !x->rating)
        return err_set(e, "--model mf needs ratings (a third column); this file has user and item only: leave out --model (ials) or use bpr or item2vec");
    if (o->dim < 1 || o->epochs < 1 || o->threads < 1) return err_set(e, "dim, epochs and threads must be positive");
    /* a thread needs a few thousand updates per sub-epoch to pay for the
     * barrier that ends it */
    size_t ntrain = 0;
    for (size_t i = 0; i < x->n; i++) ntrain += !(is_test && is_test[i]);
    int B = o->threads;
    if ((size_t)B > ntrain / 20000 + 1) B = (int)(ntrain / 20000 + 1);
    if ((size_t)B > x->users.n) B = (int)x->users.n;
    if ((size_t)B > x->items.n) B = (int)x->items.n;
    struct trainset ts;
    int rc = trainset_build(x, is_test, B, o->seed, o->kind == RECSYS_BPR, &ts, e);
    if (rc) return rc;
    if (ts.n == 0) { trainset_free(&ts); return err_set(e, "no training interactions left after the split"); }

    size_t d = (size_t)o->dim, nu = x->users.n, ni = x->items.n;
    m->kind = o->kind;
    m->threads = B;
    m->nusers = nu; m->nitems = ni; m->dim = d;
    m->P = malloc(nu * d * sizeof *m->P);
    m->Q = malloc(ni * d * sizeof *m->Q);
    m->bu = calloc(nu, sizeof *m->bu);
    m->bi = calloc(ni, sizeof *m->bi);
    if (!m->P || !m->Q || !m->bu || !m->bi) {
        trainset_free(&ts);
        recsys_model_free(m);
        return err_set(e, "out of memory for %zu x %zu user and %zu x %zu item factors", nu, d, ni, d);
    }
    uint64_t init = rng_mix(o->seed ^ 0x1417ULL);
    double sd = 0.1 / sqrt((double)d) * (o->kind == RECSYS_MF ? 1.0 : 3.0);
    for (size_t k = 0; k < nu * d; k++) m->P[k] = (float)(sd * rnd_gauss(&init));
    for (size_t k = 0; k < ni * d; k++) m->Q[k] = (float)(sd * rnd_gauss(&init));
    if (o->kind == RECSYS_MF) {
        double sum = 0;
        for (size_t k = 0; k < ts.n; k++) sum += ts.r[k];
        m->mu = sum / (double)ts.n;
    }

    if (o->kind == RECSYS_MF && o->solver == RECSYS_ALS) {
        trainset_free(&ts);
        m->threads = o->threads;
        rc = train_als(x, is_test, o, m, p, e);
        if (rc) recsys_model_free(m);
        return rc;
    }

    struct padded w;
    if (padded_init(&w, m)) {
        trainset_free(&ts);
        recsys_model_free(m);
        return err_set(e, "out of memory for the training copy of the factors");
    }
    double total = (double)ts.n * o->epochs;
    if (p) progress_start(p, o->kind == RECSYS_MF ? "training mf" : "training bpr", total);
    volatile int stop = 0;
    size_t done = 0;
#pragma omp parallel num_threads(B)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        for (int ep = 0; ep < o->epochs && !stop; ep++) {
            /* a gently decaying step keeps late epochs from undoing early progress */
            float lr = (float)(o->lr / (1.0 + 0.05 * ep));
            for (int s = 0; s < B; s++) {
                for (int a = t; a < B; a += nt) {
                    int b = (a + s) % B;
                    size_t c = (size_t)a * B + b;
                    uint64_t rng = rng_mix(o->seed ^ rng_mix(((uint64_t)ep << 32) ^ c));
                    shuffle_cell(&ts, ts.cell[c], ts.cell[c + 1], &rng);
                    if (o->kind == RECSYS_MF)
                        mf_cell(&ts, ts.cell[c], ts.cell[c + 1], &w, (float)m->mu, lr, (float)o->reg, (float)o->reg);
                    else
                        bpr_cell(&ts, ts.cell[c], ts.cell[c + 1], b, &w, lr, (float)o->reg, &rng);
                }
#pragma omp barrier
#pragma omp single
                {
                    for (int a = 0; a < B; a++) {
                        size_t c = (size_t)a * B + (a + s) % B;
                        done += ts.cell[c + 1] - ts.cell[c];
                    }
                    if (progress_cancelled()) stop = 1;
                    if (p) {
                        char extra[48];
                        snprintf(extra, sizeof extra, "epoch %d/%d", ep + 1, o->epochs);
                        progress_update(p, (double)done, extra);
                    }
                }
                if (stop) break;
            }
        }
    }
    if (p) progress_finish(p);
    trainset_free(&ts);
    padded_finish(&w, m);
    if (stop) { recsys_model_free(m); return err_cancelled(e); }
    for (size_t k = 0; k < nu * d; k++)
        if (!isfinite(m->P[k])) {
            recsys_model_free(m);
            return err_set(e, "training diverged (non-finite factors): lower --lr (was %g)", o->lr);
        }
    return EMBX_OK;
}

/* ---- evaluation ---- */

/* Biases-only baseline (mu + b_u + b_i) by alternating damped means. */
static int fit_biases(const struct interactions *x, const uint8_t *is_test, double *mu,
                      double **bu_out, double **bi_out)
{
    size_t nu = x->users.n, ni = x->items.n;
    double *bu = calloc(nu, sizeof *bu), *bi = calloc(ni, sizeof *bi);
    double *su = malloc(nu * sizeof *su), *si = malloc(ni * sizeof *si);
    size_t *cu = calloc(nu, sizeof *cu), *ci = calloc(ni, sizeof *ci);
    if (!bu || !bi || !su || !si || !cu || !ci) {
        free(bu); free(bi); free(su); free(si); free(cu); free(ci);
        return -1;
    }
    double sum = 0;
    size_t n = 0;
    for (size_t k = 0; k < x->n; k++) {
        if (is_test[k]) continue;
        sum += x->rating[k]; n++;
        cu[x->user[k]]++; ci[x->item[k]]++;
    }
    *mu = n ? sum / n : 0;
    const double li = 10.0, lu = 15.0;     /* damping: a few ratings say little */
    for (int iter = 0; iter < 10; iter++) {
        memset(si, 0, ni * sizeof *si);
        for (size_t k = 0; k < x->n; k++)
            if (!is_test[k]) si[x->item[k]] += x->rating[k] - *mu - bu[x->user[k]];
        for (size_t i = 0; i < ni; i++) bi[i] = si[i] / (li + ci[i]);
        memset(su, 0, nu * sizeof *su);
        for (size_t k = 0; k < x->n; k++)
            if (!is_test[k]) su[x->user[k]] += x->rating[k] - *mu - bi[x->item[k]];
        for (size_t u = 0; u < nu; u++) bu[u] = su[u] / (lu + cu[u]);
    }
    free(su); free(si); free(cu); free(ci);
    *bu_out = bu;
    *bi_out = bi;
    return 0;
}

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

static int eval_mf(const struct interactions *x, const uint8_t *is_test, const struct recsys_model *m,
                   struct recsys_eval *ev, embx_err *e)
{
    double bmu, *bbu, *bbi;
    if (fit_biases(x, is_test, &bmu, &bbu, &bbi)) return err_set(e, "out of memory evaluating");
    double se = 0, bse = 0;
    size_t n = 0, d = m->dim;
    for (size_t k = 0; k < x->n; k++) {
        if (!is_test[k]) continue;
        uint32_t u = x->user[k], i = x->item[k];
        const float *p = m->P + (size_t)u * d, *q = m->Q + (size_t)i * d;
        double dot = 0;
        for (size_t j = 0; j < d; j++) dot += (double)p[j] * q[j];
        double pred = clampd(m->mu + m->bu[u] + m->bi[i] + dot, x->min_rating, x->max_rating);
        double base = clampd(bmu + bbu[u] + bbi[i], x->min_rating, x->max_rating);
        se += (x->rating[k] - pred) * (x->rating[k] - pred);
        bse += (x->rating[k] - base) * (x->rating[k] - base);
        n++;
    }
    free(bbu); free(bbi);
    ev->rmse = n ? sqrt(se / n) : 0;
    ev->base_rmse = n ? sqrt(bse / n) : 0;
    return EMBX_OK;
}

struct counted { size_t count; uint32_t item; };

/* Most interacted first; ties by item index so the order is stable. */
static int cmp_counted(const void *a, const void *b)
{
    const struct counted *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return (x->item > y->item) - (x->item < y->item);
}

/* Positions of the best K items of scores[] (excluded items hold -INFINITY). */
#define TOPK 10
static size_t top_k(const float *scores, size_t n, uint32_t *out)
{
    size_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (scores[i] == -INFINITY) continue;
        if (m == TOPK && !(scores[i] > scores[out[m - 1]])) continue;
        size_t at = m < TOPK ? m++ : TOPK - 1;
        while (at > 0 && scores[i] > scores[out[at - 1]]) { out[at] = out[at - 1]; at--; }
        out[at] = i;
    }
    return m;
}

static void rank_metrics(const uint32_t *top, size_t ntop, const uint32_t *test, size_t ntest,
                         double *recall, double *ndcg)
{
    double dcg = 0, idcg = 0;
    size_t hits = 0;
    for (size_t r = 0; r < ntop; r++)
        for (size_t k = 0; k < ntest; k++)
            if (test[k] == top[r]) { hits++; dcg += 1.0 / log2(r + 2.0); break; }
    for (size_t r = 0; r < ntest && r < TOPK; r++) idcg += 1.0 / log2(r + 2.0);
    *recall = (double)hits / (double)ntest;
    *ndcg = idcg > 0 ? dcg / idcg : 0;
}

static int eval_rank(const struct interactions *x, const uint8_t *is_test, const struct recsys_model *m,
                    int threads, struct recsys_eval *ev, embx_err *e)
{
    size_t nu = x->users.n, ni = x->items.n, d = m->dim;
    size_t *tr_start = calloc(nu + 1, sizeof *tr_start), *te_start = calloc(nu + 1, sizeof *te_start);
    uint32_t *tr = malloc((x->n + 1) * sizeof *tr), *te = malloc((x->n + 1) * sizeof *te);
    size_t *count = calloc(ni, sizeof *count);
    uint32_t *pop = malloc(ni * sizeof *pop);
    int rc = EMBX_OK;
    if (!tr_start || !te_start || !tr || !te || !count || !pop) {
        rc = err_set(e, "out of memory evaluating");
        goto out;
    }
    for (size_t k = 0; k < x->n; k++) {
        if (is_test[k]) te_start[x->user[k] + 1]++;
        else { tr_start[x->user[k] + 1]++; count[x->item[k]]++; }
    }
    for (size_t u = 0; u < nu; u++) { tr_start[u + 1] += tr_start[u]; te_start[u + 1] += te_start[u]; }
    {
        size_t *a = malloc(nu * sizeof *a), *b = malloc(nu * sizeof *b);
        if (!a || !b) { free(a); free(b); rc = err_set(e, "out of memory evaluating"); goto out; }
        memcpy(a, tr_start, nu * sizeof *a);
        memcpy(b, te_start, nu * sizeof *b);
        for (size_t k = 0; k < x->n; k++) {
            if (is_test[k]) te[b[x->user[k]]++] = x->item[k];
            else tr[a[x->user[k]]++] = x->item[k];
        }
        free(a); free(b);
    }
    {
        struct counted *cs = malloc(ni * sizeof *cs);
        if (!cs) { rc = err_set(e, "out of memory evaluating"); goto out; }
        for (size_t i = 0; i < ni; i++) { cs[i].count = count[i]; cs[i].item = (uint32_t)i; }
        qsort(cs, ni, sizeof *cs, cmp_counted);
        for (size_t i = 0; i < ni; i++) pop[i] = cs[i].item;
        free(cs);
    }
    float *qt = malloc(ni * d * sizeof *qt);
    if (!qt) { rc = err_set(e, "out of memory evaluating"); goto out; }
    for (size_t i = 0; i < ni; i++)
        for (size_t c = 0; c < d; c++) qt[c * ni + i] = m->Q[i * d + c];
    double rec = 0, nd = 0, prec = 0, pnd = 0;
    size_t nev = 0;
    bool oom = false;
#pragma omp parallel num_threads(threads) reduction(+:rec,nd,prec,pnd,nev)
    {
        float *scores = malloc(ni * sizeof *scores);
        if (!scores) {
#pragma omp atomic write
            oom = true;
        }
#pragma omp for schedule(dynamic, 64)
        for (size_t u = 0; u < nu; u++) {
            if (!scores || te_start[u + 1] == te_start[u] || progress_cancelled()) continue;
            const float *p = m->P + u * d;
            /* column by column over the transposed factors: a contiguous
             * multiply-add over all items that the compiler vectorizes */
            memcpy(scores, m->bi, ni * sizeof *scores);
            float *restrict sc = scores;
            for (size_t c = 0; c < d; c++) {
                const float *restrict col = qt + c * ni;
                const float pc = p[c];
#pragma omp simd
                for (size_t i = 0; i < ni; i++) sc[i] += pc * col[i];
            }
            for (size_t k = tr_start[u]; k < tr_start[u + 1]; k++) scores[tr[k]] = -INFINITY;
            uint32_t top[TOPK], ptop[TOPK];
            size_t ntop = top_k(scores, ni, top), np = 0;
            for (size_t k = 0; k < ni && np < TOPK; k++)
                if (scores[pop[k]] != -INFINITY) ptop[np++] = pop[k];
            double r1, n1, r2, n2;
            rank_metrics(top, ntop, te + te_start[u], te_start[u + 1] - te_start[u], &r1, &n1);
            rank_metrics(ptop, np, te + te_start[u], te_start[u + 1] - te_start[u], &r2, &n2);
            rec += r1; nd += n1; prec += r2; pnd += n2; nev++;
        }
        free(scores);
    }
    free(qt);
    if (oom) { rc = err_set(e, "out of memory evaluating"); goto out; }
    if (progress_cancelled()) { rc = err_cancelled(e); goto out; }
    ev->nusers_eval = nev;
    ev->recall = nev ? rec / nev : 0;
    ev->ndcg = nev ? nd / nev : 0;
    ev->pop_recall = nev ? prec / nev : 0;
    ev->pop_ndcg = nev ? pnd / nev : 0;
out:
    free(tr_start); free(te_start); free(tr); free(te); free(count); free(pop);
    return rc;
}

int recsys_evaluate(const struct interactions *x, const uint8_t *is_test,
                    const struct recsys_model *m, int threads,
                    struct recsys_eval *ev, embx_err *e)
{
    ev->ntest = 0;
    for (size_t k = 0; k < x->n; k++) ev->ntest += is_test[k];
    ev->ntrain = x->n - ev->ntest;
    if (threads < 1) threads = 1;
    /* every model is scored as a ranker against popularity; rating models
     * also by RMSE against the biases */
    if (m->kind == RECSYS_MF && x->rating && eval_mf(x, is_test, m, ev, e)) return EMBX_ERR;
    return eval_rank(x, is_test, m, threads, ev, e);
}
