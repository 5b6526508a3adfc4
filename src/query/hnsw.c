/* hnsw: hierarchical navigable small world graph (see hnsw.h).
 *
 * Similarity is the inner product of the unit query with a row times the
 * row's inverse norm, so the table's matrix is used in place and no
 * normalised copy is made. Node i's level-0 list is links0[i * (m0 + 1)]:
 * a count, then up to m0 row ids. Upper levels live in one pool, each node
 * with level L >= 1 owning L lists of m + 1 slots. Levels are drawn per row
 * from the seed before the build, so they do not depend on the threads.
 *
 * The build inserts rows on several threads: a per-node spin lock guards a
 * node's lists (readers copy a list under it), and a global mutex guards the
 * entry point. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "atomic_file.h"
#include "hnsw.h"
#include "kernels.h"
#include "rng.h"

#define LEVEL_NONE 0xffu     /* a zero row: not in the graph */
#define MAX_LEVEL 48
#define FILE_VERSION 1
#define HEADER_WORDS 16

struct hnsw {
    size_t n, dim;
    int m, m0, efc;
    int max_level;
    int64_t entry;           /* -1 while the graph is empty */
    uint64_t seed, fp;
    size_t nodes;
    uint8_t *level;          /* n */
    int32_t *links0;         /* n * (m0 + 1) */
    uint32_t *upper_off;     /* n: start of node i's upper lists in upper[] */
    int32_t *upper;          /* upper_slots */
    size_t upper_slots;
    kern_dot_f32_fn dot;
};

/* ---- similarity ---------------------------------------------------------- */

static inline const float *row_of(const embx_table *t, uint32_t i) { return t->vecs + (size_t)i * t->dim; }

/* Cosine of the unit vector q with row i, by the widest dot product kernel
 * the CPU has (kernels.h). */
static inline float sim_q(const struct hnsw *h, const embx_table *t, const float *q, uint32_t i)
{
    float d;
    h->dot(row_of(t, i), 1, t->dim, q, &d);
    return d * t->inv_norms[i];
}

static inline float sim_rows(const struct hnsw *h, const embx_table *t, uint32_t a, uint32_t b)
{
    float d;
    h->dot(row_of(t, a), 1, t->dim, row_of(t, b), &d);
    return d * t->inv_norms[a] * t->inv_norms[b];
}

/* A sampled fingerprint of the values, so an index is not used on another
 * table of the same shape. */
static uint64_t table_fp(const embx_table *t)
{
    uint64_t h = 1469598103934665603ULL ^ (t->n * 0x9e3779b97f4a7c15ULL) ^ t->dim;
    size_t total = t->n * t->dim, step = total / 4099 + 1;
    for (size_t i = 0; i < total; i += step) {
        uint32_t bits;
        memcpy(&bits, &t->vecs[i], sizeof bits);
        h = (h ^ bits) * 1099511628211ULL;
    }
    return h;
}

/* ---- lists --------------------------------------------------------------- */

static inline int32_t *links_at(const struct hnsw *h, uint32_t i, int l)
{
    if (l == 0) return h->links0 + (size_t)i * (size_t)(h->m0 + 1);
    return h->upper + h->upper_off[i] + (size_t)(l - 1) * (size_t)(h->m + 1);
}

static inline int cap_at(const struct hnsw *h, int l) { return l == 0 ? h->m0 : h->m; }

static inline void spin_lock(atomic_uchar *l)
{
    unsigned spins = 0;
    while (atomic_exchange_explicit(l, 1, memory_order_acquire))
        if (++spins % 64 == 0) sched_yield();   /* the holder may be descheduled on a busy machine */
}

static inline void spin_unlock(atomic_uchar *l) { atomic_store_explicit(l, 0, memory_order_release); }

/* ---- search scratch ------------------------------------------------------ */

struct cand {
    float s;
    uint32_t id;
};

/* Binary max-heap on s (the result list stores -s to keep its worst on top). */
struct heap {
    struct cand *a;
    size_t n, cap;
};

static int heap_reserve(struct heap *hp, size_t cap)
{
    if (cap <= hp->cap) return 0;
    struct cand *a = realloc(hp->a, cap * sizeof *a);
    if (!a) return -1;
    hp->a = a;
    hp->cap = cap;
    return 0;
}

static inline void heap_push(struct heap *hp, float s, uint32_t id)
{
    size_t i = hp->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (hp->a[p].s >= s) break;
        hp->a[i] = hp->a[p];
        i = p;
    }
    hp->a[i].s = s;
    hp->a[i].id = id;
}

static inline struct cand heap_pop(struct heap *hp)
{
    struct cand top = hp->a[0], last = hp->a[--hp->n];
    size_t i = 0, n = hp->n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && hp->a[c + 1].s > hp->a[c].s) c++;
        if (hp->a[c].s <= last.s) break;
        hp->a[i] = hp->a[c];
        i = c;
    }
    if (n) hp->a[i] = last;
    return top;
}

/* The rows a search has seen: a tag per row (builds, batches), or for a
 * single query a small hash set, as clearing a tag array per query would
 * cost more than the search. */
struct visited {
    uint32_t *tag;   size_t n;  uint32_t epoch;
    uint32_t *set;   size_t cap, used;
};

static int visited_init(struct visited *v, size_t n, bool array)
{
    memset(v, 0, sizeof *v);
    if (array) {
        v->n = n;
        v->tag = calloc(n ? n : 1, sizeof *v->tag);
        return v->tag ? 0 : -1;
    }
    v->cap = 4096;
    v->set = calloc(v->cap, sizeof *v->set);
    return v->set ? 0 : -1;
}

static void visited_free(struct visited *v)
{
    free(v->tag);
    free(v->set);
}

static void visited_clear(struct visited *v)
{
    if (v->tag) {
        if (++v->epoch == 0) {
            memset(v->tag, 0, v->n * sizeof *v->tag);
            v->epoch = 1;
        }
    } else {
        memset(v->set, 0, v->cap * sizeof *v->set);
        v->used = 0;
    }
}

static inline uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    return x ^ (x >> 15);
}

static int set_grow(struct visited *v)
{
    size_t cap = v->cap * 2;
    uint32_t *s = calloc(cap, sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < v->cap; i++) {
        uint32_t x = v->set[i];
        if (!x) continue;
        size_t j = mix32(x) & (cap - 1);
        while (s[j]) j = (j + 1) & (cap - 1);
        s[j] = x;
    }
    free(v->set);
    v->set = s;
    v->cap = cap;
    return 0;
}

/* Marks row i; returns 1 if it was new, 0 if seen, -1 out of memory. */
static inline int visit(struct visited *v, uint32_t i)
{
    if (v->tag) {
        if (v->tag[i] == v->epoch) return 0;
        v->tag[i] = v->epoch;
        return 1;
    }
    uint32_t x = i + 1;
    size_t j = mix32(x) & (v->cap - 1);
    while (v->set[j]) {
        if (v->set[j] == x) return 0;
        j = (j + 1) & (v->cap - 1);
    }
    v->set[j] = x;
    if (++v->used * 2 > v->cap && set_grow(v)) return -1;
    return 1;
}

struct scratch {
    struct visited vis;
    struct heap cand, res;
    int32_t *copy;       /* a neighbour list copied under its lock */
    uint32_t *fresh;     /* the unseen ids of a list */
    struct cand *sel;    /* selection buffers */
    struct cand *tmp;
    struct cand *w;      /* a level's results, best first */
    size_t wcap;
    float *q;            /* the unit query */
};

static int scratch_init(struct scratch *sc, const struct hnsw *h, size_t ef, bool array)
{
    memset(sc, 0, sizeof *sc);
    size_t big = ef + (size_t)h->m0 + 2;
    if (visited_init(&sc->vis, h->n, array) || heap_reserve(&sc->cand, big * 4 + 64) ||
        heap_reserve(&sc->res, big + 1))
        return -1;
    sc->copy = malloc(sizeof(int32_t) * (size_t)(h->m0 + 1));
    sc->fresh = malloc(sizeof(uint32_t) * (size_t)(h->m0 + 1));
    sc->sel = malloc(sizeof(struct cand) * (big + 1));
    sc->tmp = malloc(sizeof(struct cand) * (big + 1));
    sc->w = malloc(sizeof(struct cand) * (big + 1));
    sc->wcap = big + 1;
    sc->q = malloc(sizeof(float) * (h->dim ? h->dim : 1));
    return sc->copy && sc->fresh && sc->sel && sc->tmp && sc->w && sc->q ? 0 : -1;
}

static void scratch_free(struct scratch *sc)
{
    visited_free(&sc->vis);
    free(sc->cand.a);
    free(sc->res.a);
    free(sc->copy);
    free(sc->fresh);
    free(sc->sel);
    free(sc->tmp);
    free(sc->w);
    free(sc->q);
}

/* Neighbour list of i at level l: during a build a copy taken under the
 * node's lock, else the list itself. Returns the count. */
static inline int neighbours(const struct hnsw *h, atomic_uchar *locks, struct scratch *sc,
                             uint32_t i, int l, const int32_t **out)
{
    const int32_t *p = links_at(h, i, l);
    if (!locks) {
        *out = p + 1;
        return p[0];
    }
    spin_lock(&locks[i]);
    int c = p[0];
    memcpy(sc->copy, p + 1, sizeof(int32_t) * (size_t)c);
    spin_unlock(&locks[i]);
    *out = sc->copy;
    return c;
}

/* Greedy descent at level l from *cur (similarity *cs) to a local best. */
static void greedy(const struct hnsw *h, const embx_table *t, atomic_uchar *locks, struct scratch *sc,
                   const float *q, int l, uint32_t *cur, float *cs)
{
    bool changed = true;
    while (changed) {
        changed = false;
        const int32_t *nb;
        int c = neighbours(h, locks, sc, *cur, l, &nb);
        for (int j = 0; j < c; j++) {
            uint32_t x = (uint32_t)nb[j];
            float s = sim_q(h, t, q, x);
            if (s > *cs) {
                *cs = s;
                *cur = x;
                changed = true;
            }
        }
    }
}

/* Beam search at level l from the entry points eps[0..neps): leaves the best
 * ef in sc->res (as -s, worst on top). skip is marked seen first (the node
 * being inserted), UINT32_MAX for none. */
static int search_layer(const struct hnsw *h, const embx_table *t, atomic_uchar *locks, struct scratch *sc,
                        const float *q, const struct cand *eps, size_t neps, size_t ef, int l, uint32_t skip)
{
    visited_clear(&sc->vis);
    sc->cand.n = sc->res.n = 0;
    if (skip != UINT32_MAX && visit(&sc->vis, skip) < 0) return -1;
    for (size_t i = 0; i < neps; i++) {
        int v = visit(&sc->vis, eps[i].id);
        if (v < 0) return -1;
        if (!v) continue;
        heap_push(&sc->cand, eps[i].s, eps[i].id);
        heap_push(&sc->res, -eps[i].s, eps[i].id);
        if (sc->res.n > ef) heap_pop(&sc->res);
    }
    float worst = sc->res.n ? -sc->res.a[0].s : -INFINITY;
    size_t rowbytes = t->dim * sizeof(float);
    while (sc->cand.n) {
        struct cand c = heap_pop(&sc->cand);
        if (c.s < worst && sc->res.n >= ef) break;
        const int32_t *nb;
        int cnt = neighbours(h, locks, sc, c.id, l, &nb);
        /* the unseen neighbours first, their rows requested from memory
         * together, so the misses overlap instead of following each other */
        uint32_t *fresh = sc->fresh;
        int nf = 0;
        for (int j = 0; j < cnt; j++) {
            uint32_t x = (uint32_t)nb[j];
            int v = visit(&sc->vis, x);
            if (v < 0) return -1;
            if (!v) continue;
            fresh[nf++] = x;
            const char *r = (const char *)row_of(t, x);
            for (size_t o = 0; o < rowbytes; o += 64) __builtin_prefetch(r + o);
            __builtin_prefetch(&t->inv_norms[x]);
        }
        for (int j = 0; j < nf; j++) {
            uint32_t x = fresh[j];
            float s = sim_q(h, t, q, x);
            if (sc->res.n < ef || s > worst) {
                if (sc->cand.n == sc->cand.cap && heap_reserve(&sc->cand, sc->cand.cap * 2)) return -1;
                heap_push(&sc->cand, s, x);
                heap_push(&sc->res, -s, x);
                if (sc->res.n > ef) heap_pop(&sc->res);
                worst = -sc->res.a[0].s;
            }
        }
    }
    return 0;
}

/* Moves sc->res into out[] best first; returns the count. */
static size_t drain_results(struct scratch *sc, struct cand *out)
{
    size_t n = sc->res.n;
    for (size_t i = n; i-- > 0;) {
        struct cand c = heap_pop(&sc->res);
        out[i].s = -c.s;
        out[i].id = c.id;
    }
    return n;
}

/* The paper's neighbour heuristic: walking candidates best first, keep one
 * only if it is closer to the base than to every kept one, which spreads
 * the links over directions instead of one dense cluster. */
static size_t select_neighbours(const struct hnsw *h, const embx_table *t, const struct cand *c, size_t nc, size_t m, struct cand *out)
{
    size_t k = 0;
    for (size_t i = 0; i < nc && k < m; i++) {
        bool good = true;
        for (size_t j = 0; j < k && good; j++)
            if (sim_rows(h, t, c[i].id, out[j].id) > c[i].s) good = false;
        if (good) out[k++] = c[i];
    }
    return k;
}

static int cmp_cand_desc(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->s != y->s) return x->s > y->s ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Adds node to nb's list at level l, pruning by the heuristic when full. */
static void link_back(struct hnsw *h, const embx_table *t, atomic_uchar *locks, struct scratch *sc,
                      uint32_t nb, uint32_t node, int l)
{
    int cap = cap_at(h, l);
    spin_lock(&locks[nb]);
    int32_t *p = links_at(h, nb, l);
    int c = p[0];
    bool dup = false;
    for (int j = 0; j < c; j++) dup |= (uint32_t)p[j + 1] == node;
    if (!dup) {
        if (c < cap) {
            p[1 + c] = (int32_t)node;
            p[0] = c + 1;
        } else {
            struct cand *all = sc->tmp;
            for (int j = 0; j < c; j++) {
                all[j].id = (uint32_t)p[j + 1];
                all[j].s = sim_rows(h, t, nb, all[j].id);
            }
            all[c].id = node;
            all[c].s = sim_rows(h, t, nb, node);
            qsort(all, (size_t)c + 1, sizeof *all, cmp_cand_desc);
            size_t k = select_neighbours(h, t, all, (size_t)c + 1, (size_t)cap, sc->sel);
            for (size_t j = 0; j < k; j++) p[1 + j] = (int32_t)sc->sel[j].id;
            p[0] = (int32_t)k;
        }
    }
    spin_unlock(&locks[nb]);
}

struct build_shared {
    pthread_mutex_t top;     /* entry point and max level */
    atomic_uchar *locks;
};

static int insert(struct hnsw *h, const embx_table *t, struct build_shared *b, struct scratch *sc, uint32_t node)
{
    int L = h->level[node];
    float *q = sc->q, inv = t->inv_norms[node];
    const float *r = row_of(t, node);
    for (size_t j = 0; j < t->dim; j++) q[j] = r[j] * inv;

    pthread_mutex_lock(&b->top);
    int maxl = h->max_level;
    uint32_t cur = (uint32_t)h->entry;
    bool hold = L > maxl;    /* a new top level: keep others out until it is linked */
    if (!hold) pthread_mutex_unlock(&b->top);

    float cs = sim_q(h, t, q, cur);
    for (int l = maxl; l > L; l--) greedy(h, t, b->locks, sc, q, l, &cur, &cs);
    struct cand ep0 = {cs, cur};
    struct cand *eps = &ep0;
    size_t neps = 1;
    struct cand *w = sc->w;   /* efc + 1 fit: sized at scratch_init */
    int rc = 0;
    for (int l = L < maxl ? L : maxl; l >= 0 && rc == 0; l--) {
        if (search_layer(h, t, b->locks, sc, q, eps, neps, (size_t)h->efc, l, node)) { rc = -1; break; }
        size_t nw = drain_results(sc, w);
        size_t k = select_neighbours(h, t, w, nw, (size_t)h->m, sc->sel);
        spin_lock(&b->locks[node]);
        int32_t *p = links_at(h, node, l);
        for (size_t j = 0; j < k; j++) p[1 + j] = (int32_t)sc->sel[j].id;
        p[0] = (int32_t)k;
        spin_unlock(&b->locks[node]);
        /* sel is reused by link_back: take the ids first */
        uint32_t ids[256];
        for (size_t j = 0; j < k; j++) ids[j] = sc->sel[j].id;
        for (size_t j = 0; j < k; j++) link_back(h, t, b->locks, sc, ids[j], node, l);
        eps = w;
        neps = nw;
    }
    if (rc == 0 && hold) {
        h->max_level = L;
        h->entry = node;
    }
    if (hold) pthread_mutex_unlock(&b->top);
    return rc;
}

void hnsw_params_default(struct hnsw_params *p)
{
    p->m = HNSW_DEFAULT_M;
    p->ef_construction = HNSW_DEFAULT_EF_CONSTRUCTION;
    p->seed = HNSW_DEFAULT_SEED;
    p->threads = 1;
}

/* Allocates the lists for the levels in h->level (upper_off computed). */
static int alloc_lists(struct hnsw *h, embx_err *e)
{
    size_t slots = 0;
    h->upper_off = malloc(sizeof(uint32_t) * (h->n ? h->n : 1));
    if (!h->upper_off) return err_set(e, "out of memory for the index");
    for (size_t i = 0; i < h->n; i++) {
        h->upper_off[i] = (uint32_t)slots;
        if (h->level[i] != LEVEL_NONE) slots += (size_t)h->level[i] * (size_t)(h->m + 1);
        if (slots > UINT32_MAX) return err_set(e, "the index is too large");
    }
    h->upper_slots = slots;
    h->links0 = calloc(h->n * (size_t)(h->m0 + 1) + 1, sizeof(int32_t));
    h->upper = calloc(slots + 1, sizeof(int32_t));
    if (!h->links0 || !h->upper) return err_set(e, "out of memory for the index (%zu MB)",
                                                (h->n * (size_t)(h->m0 + 1) * 4) >> 20);
    return EMBX_OK;
}

int hnsw_build(const embx_table *t, const struct hnsw_params *pp, progress *prog, struct hnsw **out, embx_err *e)
{
    *out = NULL;
    struct hnsw_params p;
    if (pp) p = *pp;
    else hnsw_params_default(&p);
    if (p.m < 2 || p.m > 128) return err_set(e, "M must be from 2 to 128, not %d", p.m);
    if (p.ef_construction < 1 || p.ef_construction > 100000)
        return err_set(e, "ef-construction must be from 1 to 100000, not %d", p.ef_construction);
    if (p.threads < 1) p.threads = 1;
    if (t->n > INT32_MAX) return err_set(e, "too many rows for the index (%zu, at most %d)", t->n, INT32_MAX);

    struct hnsw *h = calloc(1, sizeof *h);
    if (!h) return err_set(e, "out of memory");
    h->n = t->n;
    h->dim = t->dim;
    h->dot = kernels_best()->dot_f32;
    h->m = p.m;
    h->m0 = 2 * p.m;
    h->efc = p.ef_construction < p.m ? p.m : p.ef_construction;
    h->seed = p.seed;
    h->fp = table_fp(t);
    h->entry = -1;
    h->level = malloc(h->n ? h->n : 1);
    if (!h->level) { hnsw_free(h); return err_set(e, "out of memory"); }
    double ml = 1.0 / log((double)p.m);
    uint64_t rs = p.seed;
    for (size_t i = 0; i < h->n; i++) {
        uint64_t r = rng_splitmix(&rs);
        if (t->inv_norms[i] == 0.0f) { h->level[i] = LEVEL_NONE; continue; }
        double u = ((r >> 11) + 1) * (1.0 / 9007199254740992.0);   /* (0, 1] */
        int lv = (int)(-log(u) * ml);
        h->level[i] = (uint8_t)(lv > MAX_LEVEL ? MAX_LEVEL : lv);
        h->nodes++;
    }
    if (alloc_lists(h, e)) { hnsw_free(h); return EMBX_ERR; }

    /* the first row seeds the graph; the rest go in parallel */
    size_t first = 0;
    while (first < h->n && h->level[first] == LEVEL_NONE) first++;
    if (first == h->n) { *out = h; return EMBX_OK; }
    h->entry = (int64_t)first;
    h->max_level = h->level[first];

    struct build_shared b;
    pthread_mutex_init(&b.top, NULL);
    b.locks = calloc(h->n, sizeof *b.locks);
    if (!b.locks) {
        pthread_mutex_destroy(&b.top);
        hnsw_free(h);
        return err_set(e, "out of memory");
    }
    atomic_int stop = 0, failed = 0;
    atomic_size_t done = 1;
    if (prog) progress_start(prog, "building the index", (double)h->nodes);
#pragma omp parallel num_threads(p.threads)
    {
        struct scratch sc;
        if (scratch_init(&sc, h, (size_t)h->efc, true)) {
            atomic_store(&failed, 1);
            atomic_store(&stop, 1);
        }
        int me = 0;
#ifdef _OPENMP
        me = omp_get_thread_num();
#endif
#pragma omp for schedule(dynamic, 16)
        for (size_t i = first + 1; i < h->n; i++) {
            if (atomic_load_explicit(&stop, memory_order_relaxed) || h->level[i] == LEVEL_NONE) continue;
            if (insert(h, t, &b, &sc, (uint32_t)i)) {
                atomic_store(&failed, 1);
                atomic_store(&stop, 1);
                continue;
            }
            size_t d = atomic_fetch_add(&done, 1) + 1;
            if (me == 0) {
                if (progress_cancelled()) atomic_store(&stop, 1);
                if (prog) progress_update(prog, (double)d, NULL);
            }
        }
        scratch_free(&sc);
    }
    if (prog) progress_finish(prog);
    free(b.locks);
    pthread_mutex_destroy(&b.top);
    if (atomic_load(&failed)) { hnsw_free(h); return err_set(e, "out of memory while building the index"); }
    if (atomic_load(&stop) || progress_cancelled()) { hnsw_free(h); return err_cancelled(e); }
    *out = h;
    return EMBX_OK;
}

void hnsw_get_info(const struct hnsw *h, struct hnsw_info *info)
{
    memset(info, 0, sizeof *info);
    info->n = h->n;
    info->dim = h->dim;
    info->nodes = h->nodes;
    info->m = h->m;
    info->ef_construction = h->efc;
    info->levels = h->entry < 0 ? 0 : h->max_level + 1;
    info->seed = h->seed;
    info->memory = sizeof *h + h->n + h->n * (size_t)(h->m0 + 1) * 4 + h->n * 4 + h->upper_slots * 4;
}

bool hnsw_matches(const struct hnsw *h, const embx_table *t)
{
    return h && t && h->n == t->n && h->dim == t->dim && h->fp == table_fp(t);
}

/* ---- queries ------------------------------------------------------------- */

static bool excluded(uint32_t id, const size_t *ex, size_t nex)
{
    for (size_t i = 0; i < nex; i++)
        if (ex[i] == id) return true;
    return false;
}

/* Only the shape is checked per query: the fingerprint reads thousands of
 * scattered values, as long as a whole search. */
static int check_shape(const struct hnsw *h, const embx_table *t, embx_err *e)
{
    if (h->n == t->n && h->dim == t->dim) return EMBX_OK;
    return err_set(e, "the index was built for another table (%zu x %zu, this one is %zu x %zu; run 'index build')",
                   h->n, h->dim, t->n, t->dim);
}

/* One query on scratch sc: q is copied to a unit vector (false for a zero
 * or non-finite q, which has no neighbours). */
static bool unit_query(const float *q, size_t dim, float *out)
{
    double nn = 0;
    for (size_t j = 0; j < dim; j++) nn += (double)q[j] * q[j];
    if (!(nn > 0) || !isfinite(nn)) return false;
    float inv = (float)(1.0 / sqrt(nn));
    for (size_t j = 0; j < dim; j++) out[j] = q[j] * inv;
    return true;
}

/* One query (sc->q already the unit query). */
static int search_one(const struct hnsw *h, const embx_table *t, struct scratch *sc, size_t k,
                      size_t ef, const size_t *ex, size_t nex, struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    *nhits = 0;
    if (h->entry < 0 || k == 0) return EMBX_OK;
    size_t nex_real = 0;
    for (size_t i = 0; i < nex; i++) nex_real += ex[i] != SIZE_MAX;
    if (ef == 0) ef = HNSW_DEFAULT_EF_SEARCH;
    if (ef < k + nex_real) ef = k + nex_real;
    uint32_t cur = (uint32_t)h->entry;
    float cs = sim_q(h, t, sc->q, cur);
    for (int l = h->max_level; l > 0; l--) greedy(h, t, NULL, sc, sc->q, l, &cur, &cs);
    struct cand ep = {cs, cur};
    if (heap_reserve(&sc->res, ef + 2) || heap_reserve(&sc->cand, ef * 4 + 64))
        return err_set(e, "out of memory");
    if (sc->wcap < ef + 1) {
        struct cand *nw = realloc(sc->w, sizeof *nw * (ef + 1));
        if (!nw) return err_set(e, "out of memory");
        sc->w = nw;
        sc->wcap = ef + 1;
    }
    struct cand *w = sc->w;
    if (search_layer(h, t, NULL, sc, sc->q, &ep, 1, ef, 0, UINT32_MAX)) return err_set(e, "out of memory");
    size_t nw = drain_results(sc, w), nh = 0;
    for (size_t i = 0; i < nw && nh < k; i++) {
        if (nex && excluded(w[i].id, ex, nex)) continue;
        hits[nh].row = w[i].id;
        hits[nh].score = w[i].s;
        nh++;
    }
    *nhits = nh;
    return EMBX_OK;
}

int hnsw_search(const struct hnsw *h, const embx_table *t, const float *q, size_t k, size_t ef,
                const size_t *exclude, size_t nexclude, struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    struct scratch sc;
    if (scratch_init(&sc, h, ef ? ef : HNSW_DEFAULT_EF_SEARCH, false)) {
        scratch_free(&sc);
        return err_set(e, "out of memory");
    }
    int rc;
    *nhits = 0;
    if (check_shape(h, t, e))
        rc = EMBX_ERR;
    else if (!unit_query(q, t->dim, sc.q))
        rc = err_set(e, "the query vector is zero: nothing to compare with");
    else
        rc = search_one(h, t, &sc, k, ef, exclude, nexclude, hits, nhits, e);
    scratch_free(&sc);
    return rc;
}

int hnsw_search_batch(const struct hnsw *h, const embx_table *t, const float *Q, size_t m, size_t k, size_t ef,
                      const size_t *exclude, size_t nex, int threads, struct knn_hit *hits, embx_err *e)
{
    if (check_shape(h, t, e)) return EMBX_ERR;
    if (threads < 1) threads = 1;
    atomic_int failed = 0;
    atomic_int stop = 0;
    embx_err first;
    err_clear(&first);
    pthread_mutex_t elock = PTHREAD_MUTEX_INITIALIZER;
#pragma omp parallel num_threads(threads)
    {
        struct scratch sc;
        bool ok = scratch_init(&sc, h, ef ? ef : HNSW_DEFAULT_EF_SEARCH, true) == 0;
        if (!ok) atomic_store(&failed, 1);
#pragma omp for schedule(dynamic, 8)
        for (size_t i = 0; i < m; i++) {
            struct knn_hit *hi = hits + i * k;
            for (size_t j = 0; j < k; j++) { hi[j].row = SIZE_MAX; hi[j].score = 0; }
            if (!ok || atomic_load_explicit(&stop, memory_order_relaxed)) continue;
            if (progress_cancelled()) { atomic_store(&stop, 1); continue; }
            size_t nh;
            embx_err le;
            if (!unit_query(Q + i * t->dim, t->dim, sc.q)) continue;   /* a zero query: no neighbours */
            if (search_one(h, t, &sc, k, ef, exclude ? exclude + i * nex : NULL,
                           exclude ? nex : 0, hi, &nh, &le)) {
                pthread_mutex_lock(&elock);
                if (!first.msg[0]) first = le;
                pthread_mutex_unlock(&elock);
                atomic_store(&stop, 1);
            }
        }
        scratch_free(&sc);
    }
    pthread_mutex_destroy(&elock);
    if (atomic_load(&failed)) return err_set(e, "out of memory");
    if (first.msg[0]) return err_set(e, "%s", first.msg);
    if (atomic_load(&stop)) return err_cancelled(e);
    return EMBX_OK;
}

/* ---- file ---------------------------------------------------------------- */

/* A fast 64-bit checksum (multiply-rotate over 8-byte words), chainable. */
static uint64_t checksum(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    const uint64_t k1 = 0x9e3779b97f4a7c15ULL, k2 = 0xc2b2ae3d27d4eb4fULL;
    h ^= len * k2;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h ^= w * k1;
        h = ((h << 31) | (h >> 33)) * k2;
    }
    uint64_t w = 0;
    memcpy(&w, p + i, len - i);
    h ^= w * k1;
    h ^= h >> 29;
    h *= k2;
    return h ^ (h >> 32);
}

enum {
    H_MAGIC, H_VERSION, H_N, H_DIM, H_M, H_M0, H_EFC, H_MAXLEVEL, H_ENTRY, H_SEED, H_FP,
    H_NODES, H_UPPER, H_SIZES_CHECK, H_PAYLOAD_CHECK, H_RESERVED
};
static const char MAGIC[8] = {'E', 'M', 'B', 'X', 'H', 'N', 'S', 'W'};

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

static uint64_t payload_check(const struct hnsw *h)
{
    uint64_t c = checksum(0, h->level, h->n);
    c = checksum(c, h->links0, h->n * (size_t)(h->m0 + 1) * 4);
    return checksum(c, h->upper, h->upper_slots * 4);
}

int hnsw_save(const struct hnsw *h, const char *path, embx_err *e)
{
    uint64_t hd[HEADER_WORDS] = {0};
    memcpy(&hd[H_MAGIC], MAGIC, 8);
    hd[H_VERSION] = FILE_VERSION;
    hd[H_N] = h->n;
    hd[H_DIM] = h->dim;
    hd[H_M] = (uint64_t)h->m;
    hd[H_M0] = (uint64_t)h->m0;
    hd[H_EFC] = (uint64_t)h->efc;
    hd[H_MAXLEVEL] = (uint64_t)h->max_level;
    hd[H_ENTRY] = (uint64_t)(h->entry + 1);
    hd[H_SEED] = h->seed;
    hd[H_FP] = h->fp;
    hd[H_NODES] = h->nodes;
    hd[H_UPPER] = h->upper_slots;
    hd[H_SIZES_CHECK] = checksum(0, hd, H_SIZES_CHECK * 8);
    hd[H_PAYLOAD_CHECK] = payload_check(h);
    atomic_file af;
    if (atomic_open(&af, path, e)) return EMBX_ERR;
    static const unsigned char zeros[8] = {0};
    bool ok = fwrite(hd, sizeof hd, 1, af.fp) == 1 &&
              (h->n == 0 || fwrite(h->level, h->n, 1, af.fp) == 1) &&
              fwrite(zeros, pad8(h->n) - h->n, 1, af.fp) <= 1 &&
              (h->n == 0 || fwrite(h->links0, (size_t)(h->m0 + 1) * 4, h->n, af.fp) == h->n) &&
              (h->upper_slots == 0 || fwrite(h->upper, 4, h->upper_slots, af.fp) == h->upper_slots);
    if (!ok) {
        int err = errno;
        atomic_abort(&af);
        return err_set(e, "cannot write %s: %s", path, strerror(err));
    }
    return atomic_commit(&af, e);
}

/* Every link points at a row in the graph at that level, every count fits,
 * the levels add up to the pool and the entry is on the top level: after
 * this a search cannot leave the arrays. */
static int validate_graph(const struct hnsw *h, const char *path, embx_err *e)
{
    size_t nodes = 0, slots = 0;
    int top = -1;
    for (size_t i = 0; i < h->n; i++) {
        unsigned lv = h->level[i];
        if (lv == LEVEL_NONE) {
            if (h->links0[i * (size_t)(h->m0 + 1)] != 0) return err_set(e, "%s: damaged index (a zero row has links)", path);
            continue;
        }
        if (lv > (unsigned)h->max_level) return err_set(e, "%s: damaged index (row %zu is above the top level)", path, i);
        if ((int)lv > top) top = (int)lv;
        nodes++;
        slots += (size_t)lv * (size_t)(h->m + 1);
    }
    if (nodes != h->nodes || slots != h->upper_slots)
        return err_set(e, "%s: damaged index (level counts disagree with the header)", path);
    if (nodes == 0 ? h->entry != -1 : (h->entry < 0 || (size_t)h->entry >= h->n ||
                                       h->level[h->entry] != h->max_level || top != h->max_level))
        return err_set(e, "%s: damaged index (bad entry point)", path);
    for (size_t i = 0; i < h->n; i++) {
        if (h->level[i] == LEVEL_NONE) continue;
        for (int l = 0; l <= h->level[i]; l++) {
            const int32_t *p = links_at(h, (uint32_t)i, l);
            if (p[0] < 0 || p[0] > cap_at(h, l))
                return err_set(e, "%s: damaged index (row %zu has %d links at level %d)", path, i, p[0], l);
            for (int j = 1; j <= p[0]; j++) {
                int32_t x = p[j];
                if (x < 0 || (size_t)x >= h->n || h->level[x] == LEVEL_NONE || h->level[x] < l)
                    return err_set(e, "%s: damaged index (row %zu links to a bad row at level %d)", path, i, l);
            }
        }
    }
    return EMBX_OK;
}

int hnsw_load(const char *path, const embx_table *t, struct hnsw **out, embx_err *e)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(e, "%s: %s", path, strerror(errno));
    struct stat st;
    uint64_t hd[HEADER_WORDS];
    struct hnsw *h = NULL;
    int rc = EMBX_ERR;
    if (fstat(fileno(fp), &st) != 0) { err_set(e, "%s: %s", path, strerror(errno)); goto done; }
    if (fread(hd, sizeof hd, 1, fp) != 1 || memcmp(&hd[H_MAGIC], MAGIC, 8) != 0) {
        err_set(e, "%s: not an embx index file", path);
        goto done;
    }
    if (hd[H_VERSION] != FILE_VERSION) {
        err_set(e, "%s: index file version %llu, this embx reads version %d (run 'index build')", path,
                (unsigned long long)hd[H_VERSION], FILE_VERSION);
        goto done;
    }
    if (hd[H_SIZES_CHECK] != checksum(0, hd, H_SIZES_CHECK * 8) || hd[H_RESERVED] != 0) {
        err_set(e, "%s: damaged index (header checksum)", path);
        goto done;
    }
    uint64_t n = hd[H_N], m = hd[H_M], m0 = hd[H_M0];
    if (n > INT32_MAX || m < 2 || m > 128 || m0 != 2 * m || hd[H_MAXLEVEL] > MAX_LEVEL ||
        hd[H_ENTRY] > n || hd[H_NODES] > n || hd[H_UPPER] > UINT32_MAX || hd[H_EFC] < 1 ||
        hd[H_EFC] > 100000 || hd[H_DIM] == 0 || hd[H_DIM] > (1u << 24)) {
        err_set(e, "%s: damaged index (impossible sizes in the header)", path);
        goto done;
    }
    uint64_t want = sizeof hd + pad8((size_t)n) + n * (m0 + 1) * 4 + hd[H_UPPER] * 4;
    if ((uint64_t)st.st_size != want) {
        err_set(e, "%s: damaged index (%llu bytes, the header says %llu)", path,
                (unsigned long long)st.st_size, (unsigned long long)want);
        goto done;
    }
    if (n != t->n || hd[H_DIM] != t->dim || hd[H_FP] != table_fp(t)) {
        err_set(e, "%s: the index was built for another table (%llu x %llu; run 'index build')", path,
                (unsigned long long)n, (unsigned long long)hd[H_DIM]);
        goto done;
    }
    h = calloc(1, sizeof *h);
    if (!h) { err_set(e, "out of memory"); goto done; }
    h->n = n;
    h->dim = hd[H_DIM];
    h->dot = kernels_best()->dot_f32;
    h->m = (int)m;
    h->m0 = (int)m0;
    h->efc = (int)hd[H_EFC];
    h->max_level = (int)hd[H_MAXLEVEL];
    h->entry = (int64_t)hd[H_ENTRY] - 1;
    h->seed = hd[H_SEED];
    h->fp = hd[H_FP];
    h->nodes = hd[H_NODES];
    h->level = malloc(pad8(n) + 8);
    if (!h->level) { err_set(e, "out of memory"); goto done; }
    if (fread(h->level, 1, pad8(n), fp) != pad8(n)) { err_set(e, "%s: damaged index (short read)", path); goto done; }
    /* levels must be sane before they size the pool */
    size_t slots = 0;
    for (size_t i = 0; i < n; i++)
        if (h->level[i] != LEVEL_NONE) {
            if (h->level[i] > h->max_level) { err_set(e, "%s: damaged index (a row above the top level)", path); goto done; }
            slots += (size_t)h->level[i] * (m + 1);
        }
    if (slots != hd[H_UPPER]) { err_set(e, "%s: damaged index (level counts disagree with the header)", path); goto done; }
    if (alloc_lists(h, e)) goto done;
    if ((n && fread(h->links0, (m0 + 1) * 4, n, fp) != n) ||
        (h->upper_slots && fread(h->upper, 4, h->upper_slots, fp) != h->upper_slots)) {
        err_set(e, "%s: damaged index (short read)", path);
        goto done;
    }
    if (payload_check(h) != hd[H_PAYLOAD_CHECK]) { err_set(e, "%s: damaged index (checksum mismatch)", path); goto done; }
    if (validate_graph(h, path, e)) goto done;
    *out = h;
    h = NULL;
    rc = EMBX_OK;
done:
    fclose(fp);
    hnsw_free(h);
    return rc;
}

void hnsw_free(struct hnsw *h)
{
    if (!h) return;
    free(h->level);
    free(h->links0);
    free(h->upper_off);
    free(h->upper);
    free(h);
}
