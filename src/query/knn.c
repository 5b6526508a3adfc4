/* knn: exact top-k cosine search (see knn.h).
 *
 * The matrix is scanned in blocks of rows small enough to stay in cache: one
 * CBLAS call scores a block against the (unit-length) query or queries, then
 * a pass over the block scales by the row's inverse norm and offers the rows
 * that beat the current k-th best to a bounded heap. Scratch is per block and
 * per thread, never per row of the table. Threads split the rows; each keeps
 * its own heaps, merged at the end with the same tie rule (lower row first),
 * so the answer does not depend on the thread count. */
#include "config.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cblas.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "kernels.h"
#include "knn.h"
#include "topk.h"
#include "progress.h"

#ifdef HAVE_OPENBLAS
/* From OpenBLAS; declared here because its cblas.h clashes with GSL's. */
int openblas_get_num_threads(void);
void openblas_set_num_threads(int num_threads);
#endif

enum {
    SCAN_BLOCK = 2048,      /* rows per sgemv call: 2048 scores on the stack */
    BATCH_BLOCK = 1024,     /* rows per sgemm call */
    BATCH_QUERIES = 256,    /* queries per sgemm call (measured best of 64-512 on 30000 x 300) */
    PARALLEL_MIN = 1 << 21  /* matrix floats (8 MB) below which one thread is as fast: a fork and
                               join costs more than it saves, much more on a busy machine */
};

/* This thread's number inside a parallel region (0 outside or without OpenMP). */
static size_t thread_id(void)
{
#ifdef _OPENMP
    return (size_t)omp_get_thread_num();
#else
    return 0;
#endif
}

/* Threads worth using for `work` matrix floats. */
static int pick_threads(int threads, size_t work)
{
#ifdef _OPENMP
    int n = threads > 0 ? threads : omp_get_num_procs();
    if (work < PARALLEL_MIN || n < 1) n = 1;
    return n;
#else
    (void)threads; (void)work;
    return 1;
#endif
}

/* Our threads each call BLAS on their own block; a threaded BLAS underneath
 * would multiply the thread count, and its spinning workers steal the cores
 * our OpenMP threads need (measured: 10-20x slower small batches on 2
 * cores), so it runs single-threaded while knn works. */
static int blas_single_begin(void)
{
#ifdef HAVE_OPENBLAS
    int saved = openblas_get_num_threads();
    if (saved != 1) openblas_set_num_threads(1);
    return saved;
#else
    return 1;
#endif
}

static void blas_single_end(int saved)
{
#ifdef HAVE_OPENBLAS
    if (saved != 1) openblas_set_num_threads(saved);
#endif
    (void)saved;
}

static bool is_excluded(size_t row, const size_t *ex, size_t nex)
{
    for (size_t i = 0; i < nex; i++)
        if (ex[i] == row) return true;
    return false;
}

/* Unit copy of q into out; false when q has no direction (zero or not finite). */
static bool unit_copy(const float *q, size_t dim, float *out)
{
    double ss = 0;
    for (size_t j = 0; j < dim; j++) ss += (double)q[j] * q[j];
    if (!(ss > 0) || !isfinite(ss)) return false;
    float inv = (float)(1.0 / sqrt(ss));
    for (size_t j = 0; j < dim; j++) out[j] = q[j] * inv;
    return true;
}

/* Newly allocated unit copy of the query, or NULL with the reason in e. */
static float *unit_query(const float *q, size_t dim, embx_err *e)
{
    float *qn = malloc(sizeof(float) * dim);
    if (!qn) { err_set(e, "out of memory"); return NULL; }
    if (!unit_copy(q, dim, qn)) {
        free(qn);
        err_set(e, "the query vector is zero: it has no direction to compare with");
        return NULL;
    }
    return qn;
}

/* Offers the scores of rows [r0, r0+nb) (raw dot products in s) to tk. */
static inline void offer_block(const embx_table *t, const float *s, size_t r0, size_t nb,
                               const size_t *ex, size_t nex, struct topk *tk)
{
    const float *inv = t->inv_norms + r0;
    for (size_t j = 0; j < nb; j++) {
        if (inv[j] == 0.0f) continue;          /* zero rows never match */
        float score = s[j] * inv[j];
        if (!topk_wants(tk, score, r0 + j)) continue;
        if (score != score) continue;          /* NaN from a non-finite row */
        if (nex && is_excluded(r0 + j, ex, nex)) continue;
        topk_push(tk, r0 + j, score);
    }
}

/* EMBX_KNN_BLAS=1 scores single queries with CBLAS sgemv instead, for
 * comparing the two in bench/query; read once per query, before the
 * threads start. Not the default although it reads the matrix a little
 * faster: sgemv's arithmetic depends on the block's shape (a row scored
 * alone differs in the last bit from the same row inside a block), and
 * re-scoring a few rows (--fast, --approx, restricted searches) must
 * give the scan's scores bit for bit. */
static bool use_blas_gemv(void)
{
    const char *v = getenv("EMBX_KNN_BLAS");
    return v && *v == '1';
}

bool knn_scans_with_blas(void) { return use_blas_gemv(); }

/* Raw dot products of rows [r0, r0+nb) with the unit query into s. */
static void block_dots(const embx_table *t, const struct kernels *kn, bool gemv, size_t r0, size_t nb,
                       const float *qn, float *s)
{
    if (gemv)
        cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)nb, (int)t->dim, 1.0f,
                    t->vecs + r0 * t->dim, (int)t->dim, qn, 1, 0.0f, s, 1);
    else
        kn->dot_f32(t->vecs + r0 * t->dim, nb, t->dim, qn, s);
}

/* Scans rows [r0, r1) against the unit query qn. */
static void scan_range(const embx_table *t, const struct kernels *kn, bool gemv, const float *qn, size_t r0,
                       size_t r1, const size_t *ex, size_t nex, struct topk *tk)
{
    float s[SCAN_BLOCK];
    for (size_t b = r0; b < r1; b += SCAN_BLOCK) {
        size_t nb = r1 - b < SCAN_BLOCK ? r1 - b : SCAN_BLOCK;
        block_dots(t, kn, gemv, b, nb, qn, s);
        offer_block(t, s, b, nb, ex, nex, tk);
    }
}

static size_t search_rows(const embx_table *t, size_t limit)
{
    return limit && limit < t->n ? limit : t->n;
}

int knn_scan_threads(const embx_table *t, size_t limit, int threads)
{
    if (!t || t->n == 0 || t->dim == 0) return 1;
    size_t rows = search_rows(t, limit);
    int nt = pick_threads(threads, rows * t->dim);
    if ((size_t)nt > rows / SCAN_BLOCK) nt = (int)(rows / SCAN_BLOCK);
    return nt < 1 ? 1 : nt;
}

int knn_query(const embx_table *t, const float *q, size_t k, size_t limit,
              const size_t *exclude, size_t nexclude, int threads,
              struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    *nhits = 0;
    if (!t || t->n == 0 || t->dim == 0) return err_set(e, "the table is empty");
    if (t->dim > INT32_MAX) return err_set(e, "dimension %zu is too large", t->dim);
    size_t rows = search_rows(t, limit);
    if (k == 0) return EMBX_OK;
    float *qn = unit_query(q, t->dim, e);
    if (!qn) return EMBX_ERR;
    /* One query reads the matrix once and is bound by memory bandwidth,
     * which one core alone does not reach: all cores by default. */
    int nt = knn_scan_threads(t, limit, threads);
    const struct kernels *kn = kernels_best();
    bool gemv = use_blas_gemv();
    struct topk out;
    topk_init(&out, hits, k);
    int saved = blas_single_begin();
    if (nt == 1) {
        scan_range(t, kn, gemv, qn, 0, rows, exclude, nexclude, &out);
    } else {
        /* Each thread keeps at most min(k, its rows) hits. */
        size_t kk = k < rows ? k : rows;
        struct knn_hit *part = malloc(sizeof(*part) * kk * (size_t)nt);
        size_t *partn = calloc((size_t)nt, sizeof(size_t));
        if (!part || !partn) {
            free(part); free(partn); free(qn);
            return err_set(e, "out of memory");
        }
        size_t nblocks = (rows + SCAN_BLOCK - 1) / SCAN_BLOCK;
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
#endif
        {
            int tid = (int)thread_id();
            struct topk tk;
            topk_init(&tk, part + kk * (size_t)tid, kk);
            /* Blocks are handed out as threads ask: on a busy machine a
             * descheduled thread holds up at most the blocks it claimed. */
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 4)
#endif
            for (size_t blk = 0; blk < nblocks; blk++) {
                size_t r0 = blk * SCAN_BLOCK, r1 = r0 + SCAN_BLOCK < rows ? r0 + SCAN_BLOCK : rows;
                scan_range(t, kn, gemv, qn, r0, r1, exclude, nexclude, &tk);
            }
            partn[tid] = tk.n;
        }
        for (int i = 0; i < nt; i++)
            for (size_t j = 0; j < partn[i]; j++)
                topk_push(&out, part[kk * (size_t)i + j].row, part[kk * (size_t)i + j].score);
        free(part);
        free(partn);
    }
    blas_single_end(saved);
    topk_sort(&out);
    *nhits = out.n;
    free(qn);
    return EMBX_OK;
}

/* Scores of one logical query: g unit vectors (rows of S, stride ld) against
 * a block. g == 1 is plain cosine; otherwise 3CosMul over npos positive and
 * g - npos negative vectors, with cosines shifted to [0, 1] as gensim does. */
struct combine {
    size_t g, npos;
};

#define COSMUL_EPS 1e-6f

static inline void offer_cosmul(const embx_table *t, const float *S, size_t ld, size_t r0, size_t nb,
                                const struct combine *cb, const size_t *ex, size_t nex,
                                struct topk *tk)
{
    const float *inv = t->inv_norms + r0;
    for (size_t j = 0; j < nb; j++) {
        if (inv[j] == 0.0f) continue;
        float num = 1.0f, den = 1.0f;
        for (size_t p = 0; p < cb->npos; p++) num *= (1.0f + S[p * ld + j] * inv[j]) / 2.0f;
        for (size_t p = cb->npos; p < cb->g; p++) den *= (1.0f + S[p * ld + j] * inv[j]) / 2.0f;
        float score = num / (den + COSMUL_EPS);
        if (!topk_wants(tk, score, r0 + j)) continue;
        if (score != score) continue;
        if (nex && is_excluded(r0 + j, ex, nex)) continue;
        topk_push(tk, r0 + j, score);
    }
}

int knn_query_rows(const embx_table *t, const float *q, const size_t *rows, size_t nrows, size_t k,
                   int threads, struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    *nhits = 0;
    if (k == 0) return EMBX_OK;
    float *qn = unit_query(q, t->dim, e);
    if (!qn) return EMBX_ERR;
    float *sc = malloc(sizeof(float) * (nrows ? nrows : 1));
    if (!sc) { free(qn); return err_set(e, "out of memory"); }
    int nt = pick_threads(threads, nrows * t->dim);
    const struct kernels *kn = kernels_best();
    /* Scores first (in parallel for many rows), then offered in the given
     * order, so the answer does not depend on the thread count. */
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(static)
#endif
    for (size_t i = 0; i < nrows; i++) {
        size_t r = rows[i];
        if (r >= t->n || t->inv_norms[r] == 0.0f) { sc[i] = NAN; continue; }
        float dot;
        kn->dot_f32(table_row(t, r), 1, t->dim, qn, &dot);   /* the scan's own arithmetic */
        sc[i] = dot * t->inv_norms[r];
    }
    (void)nt;
    struct topk out;
    topk_init(&out, hits, k);
    for (size_t i = 0; i < nrows; i++)
        if (sc[i] == sc[i]) topk_push(&out, rows[i], sc[i]);
    topk_sort(&out);
    *nhits = out.n;
    free(sc);
    free(qn);
    return EMBX_OK;
}

/* Unit copies of the g vectors of logical queries c0 .. c0+mq-1 into qn;
 * valid[i] is false for a query with a vector that has no direction. */
static void load_queries(const float *Q, size_t c0, size_t mq, size_t g, size_t dim, float *qn, bool *valid)
{
    for (size_t i = 0; i < mq; i++) {
        valid[i] = true;
        for (size_t v = 0; v < g; v++) {
            float *dst = qn + (i * g + v) * dim;
            if (!unit_copy(Q + ((c0 + i) * g + v) * dim, dim, dst)) {
                valid[i] = false;    /* no direction: this query gets no hits */
                memset(dst, 0, sizeof(float) * dim);
            }
        }
    }
}

/* Scores row blocks [b0, b1) against the mq loaded queries (one sgemm per
 * block into S) and offers them to tks[0..mq). */
static void scan_blocks(const embx_table *t, const struct combine *cb, const float *qn, const bool *valid,
                        size_t mq, size_t c0, const size_t *exclude, size_t nex, size_t rows,
                        size_t b0, size_t b1, float *S, struct topk *tks)
{
    size_t dim = t->dim, g = cb->g;
    for (size_t blk = b0; blk < b1; blk++) {
        size_t r0 = blk * BATCH_BLOCK;
        size_t nb = rows - r0 < BATCH_BLOCK ? rows - r0 : BATCH_BLOCK;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)(mq * g), (int)nb, (int)dim,
                    1.0f, qn, (int)dim, t->vecs + r0 * dim, (int)dim, 0.0f, S, (int)nb);
        for (size_t i = 0; i < mq; i++) {
            if (!valid[i]) continue;
            const size_t *ex = exclude ? exclude + (c0 + i) * nex : NULL;
            if (g == 1)
                offer_block(t, S + i * nb, r0, nb, ex, ex ? nex : 0, &tks[i]);
            else
                offer_cosmul(t, S + i * g * nb, nb, r0, nb, cb, ex, ex ? nex : 0, &tks[i]);
        }
    }
}

/* The batch engine: m logical queries of cb->g vectors each (Q is m*g x dim).
 * With several chunks of queries, threads take whole chunks (one fork and
 * join per batch, no merging: on a busy machine every extra join costs a
 * scheduling delay, measured at 20-50 ms here). A single chunk is split
 * over row blocks instead, each thread with its own heaps, merged after. */
static int batch_core(const embx_table *t, const float *Q, size_t m, const struct combine *cb,
                      size_t k, size_t limit, const size_t *exclude, size_t nex, int threads,
                      struct knn_hit *hits, embx_err *e)
{
    if (!t || t->n == 0 || t->dim == 0) return err_set(e, "the table is empty");
    if (t->dim > INT32_MAX) return err_set(e, "dimension %zu is too large", t->dim);
    for (size_t i = 0; i < m * k; i++) { hits[i].row = SIZE_MAX; hits[i].score = 0.0f; }
    if (m == 0 || k == 0) return EMBX_OK;
    size_t rows = search_rows(t, limit), dim = t->dim, g = cb->g;
    size_t kk = k < rows ? k : rows;
    size_t nblocks = (rows + BATCH_BLOCK - 1) / BATCH_BLOCK;
    size_t chunk = BATCH_QUERIES / g > 0 ? BATCH_QUERIES / g : 1;   /* logical queries per sgemm */
    size_t nchunks = (m + chunk - 1) / chunk;
    int nt = pick_threads(threads, rows * dim * (m < chunk ? m : chunk) * g);
    bool by_chunk = nchunks > 1 || nt == 1;
    if (by_chunk && (size_t)nt > nchunks) nt = (int)nchunks;
    if (!by_chunk && (size_t)nt > nblocks) nt = (int)nblocks;

    /* per thread: queries, validity, scores of one block, heaps */
    float *qn = malloc(sizeof(float) * chunk * g * dim * (size_t)nt);
    bool *valid = malloc(sizeof(bool) * chunk * (size_t)nt);
    float *scratch = malloc(sizeof(float) * chunk * g * BATCH_BLOCK * (size_t)nt);
    struct topk *tks = malloc(sizeof(*tks) * chunk * (size_t)nt);
    struct knn_hit *part = by_chunk ? NULL : malloc(sizeof(*part) * kk * chunk * (size_t)nt);
    int rc = EMBX_OK;
    if (!qn || !valid || !scratch || !tks || (!by_chunk && !part)) {
        rc = err_set(e, "out of memory");
        goto done;
    }
    int saved = blas_single_begin();
    if (by_chunk) {
        int cancelled = 0;    /* set by the first thread that sees Ctrl-C */
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) if (nt > 1)
#endif
        {
            size_t tid = thread_id();
            float *myq = qn + chunk * g * dim * tid, *S = scratch + chunk * g * BATCH_BLOCK * tid;
            bool *myvalid = valid + chunk * tid;
            struct topk *mytk = tks + chunk * tid;
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
            for (size_t ci = 0; ci < nchunks; ci++) {
                if (__atomic_load_n(&cancelled, __ATOMIC_RELAXED)) continue;
                if (progress_cancelled()) { __atomic_store_n(&cancelled, 1, __ATOMIC_RELAXED); continue; }
                size_t c0 = ci * chunk, mq = m - c0 < chunk ? m - c0 : chunk;
                load_queries(Q, c0, mq, g, dim, myq, myvalid);
                /* one thread sees every row of these queries: heaps go straight to hits */
                for (size_t i = 0; i < mq; i++) topk_init(&mytk[i], hits + (c0 + i) * k, kk);
                scan_blocks(t, cb, myq, myvalid, mq, c0, exclude, nex, rows, 0, nblocks, S, mytk);
                for (size_t i = 0; i < mq; i++) topk_sort(&mytk[i]);
            }
        }
        if (cancelled) rc = err_cancelled(e);
    } else {
        size_t mq = m;    /* one chunk */
        load_queries(Q, 0, mq, g, dim, qn, valid);
#ifdef _OPENMP
#pragma omp parallel num_threads(nt)
#endif
        {
            size_t tid = thread_id();
            struct topk *mytk = tks + chunk * tid;
            float *S = scratch + chunk * g * BATCH_BLOCK * tid;
            for (size_t i = 0; i < mq; i++) topk_init(&mytk[i], part + kk * (chunk * tid + i), kk);
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 4)
#endif
            for (size_t blk = 0; blk < nblocks; blk++)
                scan_blocks(t, cb, qn, valid, mq, 0, exclude, nex, rows, blk, blk + 1, S, mytk);
        }
        for (size_t i = 0; i < mq; i++) {
            struct topk out;
            topk_init(&out, hits + i * k, kk);
            for (int th = 0; th < nt; th++) {
                const struct topk *pt = &tks[chunk * (size_t)th + i];
                for (size_t j = 0; j < pt->n; j++) topk_push(&out, pt->h[j].row, pt->h[j].score);
            }
            topk_sort(&out);
        }
    }
    blas_single_end(saved);
done:
    free(qn); free(valid); free(scratch); free(tks); free(part);
    return rc;
}

int knn_query_batch(const embx_table *t, const float *Q, size_t m, size_t k, size_t limit,
                    const size_t *exclude, size_t nex, int threads,
                    struct knn_hit *hits, embx_err *e)
{
    struct combine cb = {1, 1};
    return batch_core(t, Q, m, &cb, k, limit, exclude, nex, threads, hits, e);
}

int knn_cosmul_batch(const embx_table *t, const float *Q, size_t m, size_t npos, size_t nneg,
                     size_t k, size_t limit, const size_t *exclude, size_t nex, int threads,
                     struct knn_hit *hits, embx_err *e)
{
    if (npos == 0) return err_set(e, "3CosMul needs at least one positive word");
    if (npos + nneg > BATCH_QUERIES) return err_set(e, "too many words (%zu) for 3CosMul", npos + nneg);
    struct combine cb = {npos + nneg, npos};
    return batch_core(t, Q, m, &cb, k, limit, exclude, nex, threads, hits, e);
}

int knn_cosmul(const embx_table *t, const size_t *pos, size_t npos, const size_t *neg, size_t nneg,
               size_t k, size_t limit, const size_t *exclude, size_t nexclude, int threads,
               struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    *nhits = 0;
    if (!t || t->n == 0) return err_set(e, "the table is empty");
    size_t g = npos + nneg;
    float *Q = malloc(sizeof(float) * (g ? g : 1) * t->dim);
    struct knn_hit *tmp = malloc(sizeof(*tmp) * (k ? k : 1));
    if (!Q || !tmp) { free(Q); free(tmp); return err_set(e, "out of memory"); }
    for (size_t i = 0; i < g; i++) {
        size_t r = i < npos ? pos[i] : neg[i - npos];
        if (r >= t->n || t->inv_norms[r] == 0.0f) {
            free(Q); free(tmp);
            return r >= t->n ? err_set(e, "row %zu out of range", r)
                             : err_set(e, "'%s' is a zero vector: it has no direction", t->words[r]);
        }
        memcpy(Q + i * t->dim, table_row(t, r), sizeof(float) * t->dim);
    }
    /* One logical query; the exclusion list is that query's row of the matrix. */
    int rc = knn_cosmul_batch(t, Q, 1, npos, nneg, k, limit, exclude, nexclude,
                              threads, tmp, e);
    if (rc == EMBX_OK) {
        for (size_t i = 0; i < k && tmp[i].row != SIZE_MAX; i++) hits[(*nhits)++] = tmp[i];
    }
    free(Q); free(tmp);
    return rc;
}

int knn_rank(const embx_table *t, size_t a, const float *va, size_t b, const float *vb, size_t limit, int threads,
             size_t *rank, embx_err *e)
{
    *rank = 0;
    if (!t || (a == KNN_NO_ROW ? !va : a >= t->n) || (b == KNN_NO_ROW ? !vb : b >= t->n))
        return err_set(e, "row out of range");
    if (a != KNN_NO_ROW) va = table_row(t, a);
    size_t rows = search_rows(t, limit), dim = t->dim;
    float *qn = malloc(sizeof(float) * dim);
    if (!qn) return err_set(e, "out of memory");
    if (!unit_copy(va, dim, qn)) {
        free(qn);
        if (a == KNN_NO_ROW) return err_set(e, "the vector built for the first word is zero: it has no neighbours");
        return err_set(e, "'%s' is a zero vector: it has no neighbours", t->words[a]);
    }
    float s[SCAN_BLOCK];
    const struct kernels *kn = kernels_best();
    bool gemv = use_blas_gemv();
    int saved = blas_single_begin();
    float sb;
    if (b != KNN_NO_ROW) {
        /* B's score comes from the same call shape the scan uses, so B is
         * compared with itself bit for bit and ties rank B first, as gensim's
         * strict "closer than" does. */
        size_t bb = b / SCAN_BLOCK * SCAN_BLOCK;
        size_t end = b < rows ? rows : t->n;
        size_t bn = end - bb < SCAN_BLOCK ? end - bb : SCAN_BLOCK;
        block_dots(t, kn, gemv, bb, bn, qn, s);
        sb = s[b - bb] * t->inv_norms[b];
    } else {
        /* a word the model built (no row): its cosine with A, as nn would score it */
        double d = 0, ss = 0;
        for (size_t j = 0; j < dim; j++) { d += (double)qn[j] * vb[j]; ss += (double)vb[j] * vb[j]; }
        sb = ss > 0 ? (float)(d / sqrt(ss)) : 0.0f;
    }
    size_t above = 0, nblocks = (rows + SCAN_BLOCK - 1) / SCAN_BLOCK;
    int nt = knn_scan_threads(t, limit, threads);
    (void)nt;
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) if (nt > 1) schedule(dynamic, 4) reduction(+:above)
#endif
    for (size_t blk = 0; blk < nblocks; blk++) {
        float sc[SCAN_BLOCK];
        size_t r0 = blk * SCAN_BLOCK, nb = rows - r0 < SCAN_BLOCK ? rows - r0 : SCAN_BLOCK;
        block_dots(t, kn, gemv, r0, nb, qn, sc);
        const float *inv = t->inv_norms + r0;
        for (size_t j = 0; j < nb; j++) {
            size_t r = r0 + j;
            if (inv[j] == 0.0f || r == a || r == b) continue;
            if (sc[j] * inv[j] > sb) above++;
        }
    }
    blas_single_end(saved);
    free(qn);
    *rank = above + 1;
    return EMBX_OK;
}
