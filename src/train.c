/* train: skip-gram / CBOW with negative sampling, Hogwild threads. */
#include "train.h"
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

static float sig_table[SIG_N + 1];

static void sig_init(void)
{
    for (int i = 0; i <= SIG_N; i++) {
        double x = ((double)i / SIG_N * 2 - 1) * SIG_MAX;
        sig_table[i] = (float)(1.0 / (1.0 + exp(-x)));
    }
}

INLINE float sigmoid(float x)
{
    if (x >= SIG_MAX) return 1.0f;
    if (x <= -SIG_MAX) return 0.0f;
    return sig_table[(int)((x + SIG_MAX) * (SIG_N / (2 * SIG_MAX)) + 0.5f)];
}

/* xorshift64*: fast, and each thread has its own state. */
INLINE uint64_t rnd(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 2685821657736338717ULL;
}

static uint64_t splitmix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

INLINE float dot(const float *restrict a, const float *restrict b, size_t d)
{
    float s = 0;
    SIMD_SUM
    for (size_t j = 0; j < d; j++) s += a[j] * b[j];
    return s;
}

INLINE void axpy(float g, const float *restrict x, float *restrict y, size_t d)
{
    SIMD
    for (size_t j = 0; j < d; j++) y[j] += g * x[j];
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
    float *syn0, *syn1;
    struct alias neg;
    uint64_t *keep;            /* subsampling: keep when a 32-bit draw is below */
    uint64_t total;            /* words to process over all epochs */
    _Atomic uint64_t done;
    _Atomic int finished;
    atomic_bool stop;
};

struct worker {
    struct shared *sh;
    size_t begin, end;         /* slice of the id stream */
    uint64_t rs;
    uint32_t sen[MAX_SENTENCE];
    /* scratch: rows of the current window and their products */
    float **in, **out;
    float *label, *g, *grad;
    pthread_t tid;
};

/* One window of skip-gram with shared negatives: B context (input) rows
 * against O output rows (centre word first, then negatives). */
INLINE void sg_window(float *const *in, int B, float *const *out, const float *label, int O, size_t d,
                      float alpha, float *g, float *grad)
{
    for (int b = 0; b < B; b++)
        for (int k = 0; k < O; k++) {
            float f = dot(in[b], out[k], d);
            g[b * O + k] = label[k] < 0 ? 0.0f : (label[k] - sigmoid(f)) * alpha;
        }
    for (int b = 0; b < B; b++) {
        float *gr = grad + (size_t)b * d;
        memset(gr, 0, d * sizeof *gr);
        for (int k = 0; k < O; k++) axpy(g[b * O + k], out[k], gr, d);
    }
    for (int k = 0; k < O; k++)
        for (int b = 0; b < B; b++) axpy(g[b * O + k], in[b], out[k], d);
    for (int b = 0; b < B; b++) axpy(1.0f, grad + (size_t)b * d, in[b], d);
}

HOT static void sentence_skipgram(struct worker *w, int len, float alpha)
{
    const struct shared *sh = w->sh;
    const struct train_opts *o = sh->o;
    size_t d = o->dim;
    int O = o->negative + 1;
    for (int i = 0; i < len; i++) {
        int reach = o->window - (int)(rnd(&w->rs) % (uint64_t)o->window);
        int lo = i - reach < 0 ? 0 : i - reach, hi = i + reach >= len ? len - 1 : i + reach;
        uint32_t centre = w->sen[i];
        float *oc = sh->syn1 + (size_t)centre * d;
        if (o->classic) {
            for (int j = lo; j <= hi; j++) {
                if (j == i) continue;
                float *in = sh->syn0 + (size_t)w->sen[j] * d;
                float *gr = w->grad;
                memset(gr, 0, d * sizeof *gr);
                for (int k = 0; k < O; k++) {
                    uint32_t t = k == 0 ? centre : alias_draw(&sh->neg, &w->rs);
                    if (k && t == centre) continue;
                    float *ot = sh->syn1 + (size_t)t * d;
                    float g = ((k == 0) - sigmoid(dot(in, ot, d))) * alpha;
                    axpy(g, ot, gr, d);
                    axpy(g, in, ot, d);
                }
                axpy(1.0f, gr, in, d);
            }
            continue;
        }
        int B = 0;
        for (int j = lo; j <= hi; j++)
            if (j != i) w->in[B++] = sh->syn0 + (size_t)w->sen[j] * d;
        if (!B) continue;
        w->out[0] = oc;
        w->label[0] = 1.0f;
        for (int k = 1; k < O; k++) {
            uint32_t t = alias_draw(&sh->neg, &w->rs);
            w->out[k] = sh->syn1 + (size_t)t * d;
            w->label[k] = t == centre ? -1.0f : 0.0f;
        }
        sg_window(w->in, B, w->out, w->label, O, d, alpha, w->g, w->grad);
    }
}

HOT static void sentence_cbow(struct worker *w, int len, float alpha)
{
    const struct shared *sh = w->sh;
    const struct train_opts *o = sh->o;
    size_t d = o->dim;
    float *h = w->grad, *gr = w->grad + d;
    for (int i = 0; i < len; i++) {
        int reach = o->window - (int)(rnd(&w->rs) % (uint64_t)o->window);
        int lo = i - reach < 0 ? 0 : i - reach, hi = i + reach >= len ? len - 1 : i + reach;
        uint32_t centre = w->sen[i];
        memset(h, 0, d * sizeof *h);
        int B = 0;
        for (int j = lo; j <= hi; j++) {
            if (j == i) continue;
            axpy(1.0f, sh->syn0 + (size_t)w->sen[j] * d, h, d);
            B++;
        }
        if (!B) continue;
        float inv = 1.0f / (float)B;
        SIMD
        for (size_t j = 0; j < d; j++) h[j] *= inv;
        memset(gr, 0, d * sizeof *gr);
        for (int k = 0; k <= o->negative; k++) {
            uint32_t t = k == 0 ? centre : alias_draw(&sh->neg, &w->rs);
            if (k && t == centre) continue;
            float *ot = sh->syn1 + (size_t)t * d;
            float g = ((k == 0) - sigmoid(dot(h, ot, d))) * alpha;
            axpy(g, ot, gr, d);
            axpy(g, h, ot, d);
        }
        for (int j = lo; j <= hi; j++)
            if (j != i) axpy(1.0f, gr, sh->syn0 + (size_t)w->sen[j] * d, d);
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
    struct shared sh = {.c = c, .o = o, .syn0 = vecs};
    sh.total = (uint64_t)o->epochs * c->nkept;
    atomic_init(&sh.done, 0);
    atomic_init(&sh.finished, 0);
    atomic_init(&sh.stop, false);
    struct worker *ws = calloc((size_t)T, sizeof *ws);
    sh.keep = malloc(n * sizeof *sh.keep);
    sh.syn1 = aligned_alloc(64, ((n * d * sizeof(float)) + 63) / 64 * 64);
    int rc = EMBX_ERR;
    if (!ws || !sh.keep || !sh.syn1) {
        err_set(e, "out of memory for training (%zu x %zu output vectors)", n, d);
        goto done;
    }
    if (alias_build(&sh.neg, c->counts, n, e) != EMBX_OK) goto done;
    sig_init();

    /* word2vec's keep probability: (sqrt(f / t) + 1) * t / f with t = sample * words. */
    for (size_t i = 0; i < n; i++) {
        double keep = 1.0;
        if (o->sample > 0) {
            double t = o->sample * (double)c->nkept, f = (double)c->counts[i];
            keep = (sqrt(f / t) + 1) * t / f;
        }
        sh.keep[i] = keep >= 1.0 ? (uint64_t)1 << 32 : (uint64_t)(keep * 4294967296.0);
    }
    uint64_t rs = splitmix(o->seed);
    for (size_t i = 0; i < n * d; i++) {
        rs = splitmix(rs);
        vecs[i] = ((float)(rs >> 40) / 16777216.0f - 0.5f) / (float)d;
    }
    memset(sh.syn1, 0, n * d * sizeof(float));

    size_t cap = 2 * (size_t)o->window + 2;
    int started = 0;
    for (int t = 0; t < T; t++) {
        struct worker *w = &ws[t];
        w->sh = &sh;
        w->begin = c->nids * (size_t)t / (size_t)T;
        w->end = c->nids * (size_t)(t + 1) / (size_t)T;
        w->rs = splitmix(o->seed ^ splitmix((uint64_t)t + 1)) | 1;
        w->in = malloc(cap * sizeof *w->in);
        w->out = malloc(((size_t)o->negative + 1) * sizeof *w->out);
        w->label = malloc(((size_t)o->negative + 1) * sizeof *w->label);
        w->g = malloc(cap * ((size_t)o->negative + 1) * sizeof *w->g);
        w->grad = aligned_alloc(64, (cap * d * sizeof(float) + 63) / 64 * 64);
        if (!w->in || !w->out || !w->label || !w->g || !w->grad) {
            err_set(e, "out of memory for training buffers");
            atomic_store(&sh.stop, true);
            break;
        }
    }
    double t0 = progress_now();
    progress_start(p, "training", (double)sh.total);
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
    if (progress_cancelled()) {
        st->cancelled = true;
        rc = err_cancelled(e);
    } else {
        rc = EMBX_OK;
    }
done:
    if (ws)
        for (int t = 0; t < T; t++) {
            free(ws[t].in), free(ws[t].out), free(ws[t].label), free(ws[t].g), free(ws[t].grad);
        }
    free(ws);
    free(sh.keep);
    free(sh.syn1);
    free(sh.neg.prob);
    free(sh.neg.other);
    return rc;
}
