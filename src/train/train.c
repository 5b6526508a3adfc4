/* train: skip-gram / CBOW with negative sampling, Hogwild threads. */
#include "train.h"
#include "rng.h"
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SENTENCE 1000      /* words kept per sentence after subsampling */
#define SIG_MAX 6.0f           /* sigmoid is 0 or 1 beyond +-SIG_MAX */
#define SIG_N 2048
#define SYNC_WORDS 10000       /* words between learning-rate updates */

/* Vector loops are forced to SIMD where OpenMP is on; the hot functions are
 * also compiled for AVX2/FMA and AVX-512 and picked at load time (x86-64). */
#ifdef _OPENMP
#define SIMD _Pragma("omp simd")
#define SIMD_SUM _Pragma("omp simd reduction(+:s)")
#else
#define SIMD
#define SIMD_SUM
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__) && \
    defined(__has_attribute)
#if __has_attribute(target_clones)
#define HOT __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
#endif
#ifndef HOT
#define HOT
#endif
#define INLINE static inline __attribute__((always_inline))
/* vf values never cross a real call (everything is inlined), so the ABI note
 * about passing 64-byte vectors does not apply. */
#pragma GCC diagnostic ignored "-Wpsabi"

/* The sigmoid table belongs to one training run (struct shared), not to
 * the file: two runs never share mutable state. */
static void sig_init(float *tab)
{
    for (int i = 0; i <= SIG_N; i++) {
        double x = ((double)i / SIG_N * 2 - 1) * SIG_MAX;
        tab[i] = (float)(1.0 / (1.0 + exp(-x)));
    }
}

INLINE float sigmoid(const float *tab, float x)
{
    if (x >= SIG_MAX) return 1.0f;
    if (x <= -SIG_MAX) return 0.0f;
    return tab[(int)((x + SIG_MAX) * (SIG_N / (2 * SIG_MAX)) + 0.5f)];
}

/* xorshift64*: fast, and each thread has its own state. */
INLINE uint64_t rnd(uint64_t *s) { return rng_xorshift(s); }

/* Rows are padded to a multiple of VL floats and 64-byte aligned, so the
 * kernels run whole vectors with no scalar tail; GCC lowers vf to zmm,
 * ymm pairs or xmm quads depending on the clone. */
#define VL 16
typedef float vf __attribute__((vector_size(VL * sizeof(float)), may_alias));

INLINE vf vat(const float *p) { return *(const vf *)p; }
INLINE void vput(float *p, vf v) { *(vf *)p = v; }
INLINE vf vsplat(float x) { return (vf){0} + x; }

/* Sum of the lanes in a fixed order (results must not depend on the clone's
 * vector width beyond what FMA contraction changes). */
INLINE float hsum(vf v)
{
    float s = 0;
    for (int l = 0; l < VL; l++) s += v[l];
    return s;
}

INLINE float dot(const float *restrict a, const float *restrict b, size_t D)
{
    vf acc = {0};
    for (size_t j = 0; j < D; j += VL) acc += vat(a + j) * vat(b + j);
    return hsum(acc);
}

INLINE void axpy(float g, const float *x, float *y, size_t D)
{
    vf gv = vsplat(g);
    for (size_t j = 0; j < D; j += VL) vput(y + j, vat(y + j) + gv * vat(x + j));
}

/* res[k] = x . ys[k] for k < n, four outputs per pass over x. */
INLINE void dots(const float *x, float *const *ys, int n, size_t D, float *res)
{
    int k = 0;
    for (; k + 4 <= n; k += 4) {
        vf a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
        const float *y0 = ys[k], *y1 = ys[k + 1], *y2 = ys[k + 2], *y3 = ys[k + 3];
        for (size_t j = 0; j < D; j += VL) {
            vf xv = vat(x + j);
            a0 += xv * vat(y0 + j);
            a1 += xv * vat(y1 + j);
            a2 += xv * vat(y2 + j);
            a3 += xv * vat(y3 + j);
        }
        res[k] = hsum(a0), res[k + 1] = hsum(a1), res[k + 2] = hsum(a2), res[k + 3] = hsum(a3);
    }
    for (; k < n; k++) res[k] = dot(x, ys[k], D);
}

INLINE void prefetch_row(const float *p, size_t D)
{
    for (size_t j = 0; j < D; j += VL) __builtin_prefetch(p + j, 1, 3);
}

/* Negative sampling from unigram^0.75 with Walker's alias method: O(1) per
 * draw from two arrays of vocabulary size (small enough to stay in cache,
 * unlike word2vec's 10^8-entry table). */
struct alias {
    uint32_t *prob;   /* keep threshold of bucket i out of 2^32 */
    uint32_t *other;
    uint32_t n;
};

static int alias_build(struct alias *a, const uint64_t *counts, size_t n, embx_err *e)
{
    a->n = (uint32_t)n;
    a->prob = malloc(n * sizeof *a->prob);
    a->other = malloc(n * sizeof *a->other);
    double *q = malloc(n * sizeof *q);
    uint32_t *small = malloc(n * sizeof *small), *large = malloc(n * sizeof *large);
    if (!a->prob || !a->other || !q || !small || !large) {
        free(q), free(small), free(large);
        return err_set(e, "out of memory for the negative-sampling table");
    }
    double total = 0;
    for (size_t i = 0; i < n; i++) total += pow((double)counts[i], 0.75);
    size_t ns = 0, nl = 0;
    for (size_t i = 0; i < n; i++) {
        q[i] = pow((double)counts[i], 0.75) / total * (double)n;
        a->other[i] = (uint32_t)i;
        if (q[i] < 1.0) small[ns++] = (uint32_t)i;
        else large[nl++] = (uint32_t)i;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[nl - 1];
        a->prob[s] = (uint32_t)(q[s] * 4294967295.0);
        a->other[s] = l;
        q[l] -= 1.0 - q[s];
        if (q[l] < 1.0) {
            nl--;
            small[ns++] = l;
        }
    }
    while (nl) a->prob[large[--nl]] = UINT32_MAX;
    while (ns) a->prob[small[--ns]] = UINT32_MAX;   /* rounding leftovers */
    free(q), free(small), free(large);
    return EMBX_OK;
}

INLINE uint32_t alias_draw(const struct alias *a, uint64_t *rs)
{
    uint64_t r = rnd(rs);
    uint32_t i = (uint32_t)(((r >> 32) * a->n) >> 32);
    return (uint32_t)r < a->prob[i] ? i : a->other[i];
}

struct shared {
    const corpus *c;
    const struct train_opts *o;
    float *syn0, *syn1;        /* input and output rows, D floats apart */
    size_t D;                  /* dim rounded up to VL */
    struct alias neg;
    uint64_t *keep;            /* subsampling: keep when a 32-bit draw is below */
    uint64_t total;            /* words to process over all epochs */
    _Atomic uint64_t done;
    _Atomic int finished;
    atomic_bool stop;
    float sig[SIG_N + 1];      /* sigmoid lookup */
};

struct worker {
    struct shared *sh;
    size_t begin, end;         /* slice of the id stream */
    uint64_t rs;
    uint32_t sen[MAX_SENTENCE];
    /* scratch: rows of the current window and their products */
    float **in, **out;
    float *label, *g, *grad;
    uint32_t *neg;             /* negatives drawn ahead for the next window */
    pthread_t tid;
};

/* One window of skip-gram with shared negatives: B context (input) rows
 * against O output rows (centre word first, then negatives); g[b*O+k] is
 * the gradient scale of pair (b, k). Updates read and write memory so a row
 * that appears twice (a repeated context word or negative) gets both. */
INLINE void sg_window(const float *sig, float *const *in, int B, float *const *out, const float *label,
                      int O, size_t D, float alpha, float *g, vf *x)
{
    for (int b = 0; b < B; b++) {
        float *gb = g + b * O;
        dots(in[b], out, O, D, gb);
        for (int k = 0; k < O; k++) gb[k] = label[k] < 0 ? 0.0f : (label[k] - sigmoid(sig, gb[k])) * alpha;
    }
    for (size_t j = 0; j < D; j += VL) {
        for (int b = 0; b < B; b++) x[b] = vat(in[b] + j);   /* old inputs for the output update */
        for (int b = 0; b < B; b++) {
            const float *gb = g + b * O;
            vf acc = {0};
            for (int k = 0; k < O; k++) acc += vsplat(gb[k]) * vat(out[k] + j);
            vput(in[b] + j, vat(in[b] + j) + acc);
        }
        for (int k = 0; k < O; k++) {
            vf acc = {0};
            for (int b = 0; b < B; b++) acc += vsplat(g[b * O + k]) * x[b];
            vput(out[k] + j, vat(out[k] + j) + acc);
        }
    }
}

/* Draws the negatives of the next window and prefetches their rows. */
static inline void draw_negatives(struct worker *w, uint32_t *neg, int n, size_t D)
{
    for (int k = 0; k < n; k++) {
        neg[k] = alias_draw(&w->sh->neg, &w->rs);
        prefetch_row(w->sh->syn1 + (size_t)neg[k] * D, D);
    }
}

HOT static void sentence_skipgram(struct worker *w, int len, float alpha)
{
    const struct shared *sh = w->sh;
    const struct train_opts *o = sh->o;
    size_t D = sh->D;
    int K = o->negative, O = K + 1;
    if (!o->classic) draw_negatives(w, w->neg, K, D);
    for (int i = 0; i < len; i++) {
        int reach = o->window - (int)(rnd(&w->rs) % (uint64_t)o->window);
        int lo = i - reach < 0 ? 0 : i - reach, hi = i + reach >= len ? len - 1 : i + reach;
        uint32_t centre = w->sen[i];
        if (o->classic) {
            for (int j = lo; j <= hi; j++) {
                if (j == i) continue;
                float *in = sh->syn0 + (size_t)w->sen[j] * D;
                float *gr = w->grad;
                memset(gr, 0, D * sizeof *gr);
                for (int k = 0; k < O; k++) {
                    uint32_t t = k == 0 ? centre : alias_draw(&sh->neg, &w->rs);
                    if (k && t == centre) continue;
                    float *ot = sh->syn1 + (size_t)t * D;
                    float g = ((k == 0) - sigmoid(sh->sig, dot(in, ot, D))) * alpha;
                    axpy(g, ot, gr, D);
                    axpy(g, in, ot, D);
                }
                axpy(1.0f, gr, in, D);
            }
            continue;
        }
        /* The rows the next windows add: the next centre and the word
         * entering the window on the right. */
        if (i + 1 < len) prefetch_row(sh->syn1 + (size_t)w->sen[i + 1] * D, D);
        if (i + o->window + 1 < len) prefetch_row(sh->syn0 + (size_t)w->sen[i + o->window + 1] * D, D);
        int B = 0;
        for (int j = lo; j <= hi; j++)
            if (j != i) w->in[B++] = sh->syn0 + (size_t)w->sen[j] * D;
        w->out[0] = sh->syn1 + (size_t)centre * D;
        w->label[0] = 1.0f;
        for (int k = 0; k < K; k++) {
            w->out[k + 1] = sh->syn1 + (size_t)w->neg[k] * D;
            w->label[k + 1] = w->neg[k] == centre ? -1.0f : 0.0f;
        }
        if (B) sg_window(sh->sig, w->in, B, w->out, w->label, O, D, alpha, w->g, (vf *)w->grad);
        if (B && i + 1 < len) draw_negatives(w, w->neg, K, D);
    }
}

HOT static void sentence_cbow(struct worker *w, int len, float alpha)
{
    const struct shared *sh = w->sh;
    const struct train_opts *o = sh->o;
    size_t D = sh->D;
    int K = o->negative;
    float *h = w->grad, *gr = w->grad + D;
    for (int i = 0; i < len; i++) {
        int reach = o->window - (int)(rnd(&w->rs) % (uint64_t)o->window);
        int lo = i - reach < 0 ? 0 : i - reach, hi = i + reach >= len ? len - 1 : i + reach;
        uint32_t centre = w->sen[i];
        if (i + o->window + 1 < len) prefetch_row(sh->syn0 + (size_t)w->sen[i + o->window + 1] * D, D);
        int B = 0;
        for (int j = lo; j <= hi; j++)
            if (j != i) w->in[B++] = sh->syn0 + (size_t)w->sen[j] * D;
        if (!B) continue;
        int O = 0;
        w->out[O++] = sh->syn1 + (size_t)centre * D;
        for (int k = 0; k < K; k++) {
            uint32_t t = alias_draw(&sh->neg, &w->rs);
            if (t != centre) w->out[O++] = sh->syn1 + (size_t)t * D;
        }
        vf inv = vsplat(1.0f / (float)B);
        for (size_t j = 0; j < D; j += VL) {
            vf acc = {0};
            for (int b = 0; b < B; b++) acc += vat(w->in[b] + j);
            vput(h + j, acc * inv);
        }
        float *g = w->g;
        dots(h, w->out, O, D, g);
        for (int k = 0; k < O; k++) g[k] = ((k == 0) - sigmoid(sh->sig, g[k])) * alpha;
        for (size_t j = 0; j < D; j += VL) {
            vf acc = {0}, hv = vat(h + j);
            for (int k = 0; k < O; k++) {
                vf ov = vat(w->out[k] + j);
                acc += vsplat(g[k]) * ov;
                vput(w->out[k] + j, ov + vsplat(g[k]) * hv);
            }
            vput(gr + j, acc);
        }
        for (int b = 0; b < B; b++) axpy(1.0f, gr, w->in[b], D);
    }
}

static float current_alpha(const struct shared *sh, uint64_t done)
{
    double a = sh->o->alpha * (1.0 - (double)done / (double)(sh->total + 1));
    double floor = sh->o->alpha * 1e-4;
    return (float)(a < floor ? floor : a);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct shared *sh = w->sh;
    const uint32_t *ids = sh->c->ids;
    uint64_t pending = 0;
    float alpha = current_alpha(sh, atomic_load_explicit(&sh->done, memory_order_relaxed));
    for (int ep = 0; ep < sh->o->epochs && !atomic_load(&sh->stop); ep++) {
        size_t pos = w->begin;
        while (pos < w->end) {
            int len = 0;
            while (pos < w->end && len < MAX_SENTENCE) {
                uint32_t id = ids[pos++];
                if (id == CORPUS_EOS) break;
                pending++;
                if ((rnd(&w->rs) >> 32) >= sh->keep[id]) continue;
                w->sen[len++] = id;
            }
            if (sh->o->model == TRAIN_SKIPGRAM)
                sentence_skipgram(w, len, alpha);
            else
                sentence_cbow(w, len, alpha);
            if (pending >= SYNC_WORDS) {
                uint64_t done = atomic_fetch_add_explicit(&sh->done, pending, memory_order_relaxed) + pending;
                pending = 0;
                alpha = current_alpha(sh, done);
                if (progress_cancelled()) atomic_store(&sh->stop, true);
                if (atomic_load_explicit(&sh->stop, memory_order_relaxed)) break;
            }
        }
    }
    atomic_fetch_add(&sh->done, pending);
    atomic_fetch_add(&sh->finished, 1);
    return NULL;
}

double train_default_alpha(enum train_model m)
{
    return m == TRAIN_CBOW ? 0.05 : 0.025;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int train_run(const corpus *c, const struct train_opts *o, float *vecs, progress *p, struct train_stats *st,
              embx_err *e)
{
    memset(st, 0, sizeof *st);
    size_t n = c->nwords, d = o->dim;
    int T = o->threads < 1 ? 1 : o->threads;
    size_t D = (d + VL - 1) / VL * VL;
    struct shared sh = {.c = c, .o = o, .D = D};
    sh.total = (uint64_t)o->epochs * c->nkept;
    atomic_init(&sh.done, 0);
    atomic_init(&sh.finished, 0);
    atomic_init(&sh.stop, false);
    struct worker *ws = calloc((size_t)T, sizeof *ws);
    sh.keep = malloc(n * sizeof *sh.keep);
    sh.syn0 = aligned_alloc(64, n * D * sizeof(float));
    sh.syn1 = aligned_alloc(64, n * D * sizeof(float));
    int rc = EMBX_ERR;
    if (!ws || !sh.keep || !sh.syn0 || !sh.syn1) {
        err_set(e, "out of memory for training (%zu x %zu output vectors)", n, d);
        goto done;
    }
    if (alias_build(&sh.neg, c->counts, n, e) != EMBX_OK) goto done;
    sig_init(sh.sig);

    /* word2vec's keep probability: (sqrt(f / t) + 1) * t / f with t = sample * words. */
    for (size_t i = 0; i < n; i++) {
        double keep = 1.0;
        if (o->sample > 0) {
            double t = o->sample * (double)c->nkept, f = (double)c->counts[i];
            keep = (sqrt(f / t) + 1) * t / f;
        }
        sh.keep[i] = keep >= 1.0 ? (uint64_t)1 << 32 : (uint64_t)(keep * 4294967296.0);
    }
    uint64_t rs = rng_mix(o->seed);
    memset(sh.syn0, 0, n * D * sizeof(float));
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++) {
            rs = rng_mix(rs);
            sh.syn0[i * D + j] = ((float)(rs >> 40) / 16777216.0f - 0.5f) / (float)d;
        }
    memset(sh.syn1, 0, n * D * sizeof(float));

    size_t cap = 2 * (size_t)o->window + 2;
    int started = 0;
    for (int t = 0; t < T; t++) {
        struct worker *w = &ws[t];
        w->sh = &sh;
        w->begin = c->nids * (size_t)t / (size_t)T;
        w->end = c->nids * (size_t)(t + 1) / (size_t)T;
        w->rs = rng_mix(o->seed ^ rng_mix((uint64_t)t + 1)) | 1;
        w->in = malloc(cap * sizeof *w->in);
        w->out = malloc(((size_t)o->negative + 1) * sizeof *w->out);
        w->label = malloc(((size_t)o->negative + 1) * sizeof *w->label);
        w->g = malloc(cap * ((size_t)o->negative + 1) * sizeof *w->g);
        w->grad = aligned_alloc(64, cap * D * sizeof(float));
        w->neg = malloc(((size_t)o->negative + 1) * sizeof *w->neg);
        if (!w->in || !w->out || !w->label || !w->g || !w->grad || !w->neg) {
            err_set(e, "out of memory for training buffers");
            atomic_store(&sh.stop, true);
            break;
        }
    }
    double t0 = progress_now();
    if (p) progress_start(p, "training", (double)sh.total);
    if (!atomic_load(&sh.stop)) {
        for (; started < T; started++)
            if (pthread_create(&ws[started].tid, NULL, worker_main, &ws[started]) != 0) {
                err_set(e, "cannot start training thread %d", started + 1);
                atomic_store(&sh.stop, true);
                break;
            }
    }
    while (atomic_load(&sh.finished) < started) {
        sleep_ms(100);
        if (progress_cancelled()) atomic_store(&sh.stop, true);
        uint64_t done = atomic_load(&sh.done);
        double el = progress_now() - t0;
        char extra[96];
        snprintf(extra, sizeof extra, "%.0fk words/s  lr %.6f", el > 0 ? (double)done / el / 1e3 : 0.0,
                 (double)current_alpha(&sh, done));
        progress_update(p, (double)done, extra);
    }
    for (int t = 0; t < started; t++) pthread_join(ws[t].tid, NULL);
    progress_finish(p);
    st->words = atomic_load(&sh.done);
    st->seconds = progress_now() - t0;
    if (started < T) goto done;
    for (size_t i = 0; i < n; i++) memcpy(vecs + i * d, sh.syn0 + i * D, d * sizeof(float));
    if (progress_cancelled()) {
        st->cancelled = true;
        rc = err_cancelled(e);
    } else {
        rc = EMBX_OK;
    }
done:
    if (ws)
        for (int t = 0; t < T; t++) {
            free(ws[t].in), free(ws[t].out), free(ws[t].label), free(ws[t].g), free(ws[t].grad), free(ws[t].neg);
        }
    free(ws);
    free(sh.keep);
    free(sh.syn0);
    free(sh.syn1);
    free(sh.neg.prob);
    free(sh.neg.other);
    return rc;
}
