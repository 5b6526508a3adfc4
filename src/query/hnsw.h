/* hnsw: an approximate nearest-neighbour index (Malkov & Yashunin's
 * hierarchical navigable small world graph) over a table's rows, by cosine.
 * The index holds only the graph (flat int32 neighbour lists, level 0 in one
 * array); the vectors stay in the table, which every call takes, so the
 * index is a small fraction of the matrix. Zero rows are left out. Pure
 * computation: no printing; long work polls the cancel flag.
 *
 * Only t->n, t->dim, t->vecs and t->inv_norms are read: any matrix can be
 * indexed by filling those four fields of an embx_table (words may be NULL). */
#ifndef EMBX_HNSW_H
#define EMBX_HNSW_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "knn.h"
#include "progress.h"

#define HNSW_DEFAULT_M 16
#define HNSW_DEFAULT_EF_CONSTRUCTION 200
#define HNSW_DEFAULT_EF_SEARCH 128
#define HNSW_DEFAULT_SEED 1

struct hnsw;

struct hnsw_params {
    int m;                  /* links per node above level 0 (2 x m at level 0), 2..128 */
    int ef_construction;    /* candidate list while inserting, >= m */
    uint64_t seed;          /* levels are drawn from it: same seed and threads = 1, same graph */
    int threads;            /* >= 1 */
};

struct hnsw_info {
    size_t n, dim;          /* the table it indexes */
    size_t nodes;           /* rows in the graph (non-zero rows) */
    int m, ef_construction, levels;
    uint64_t seed;
    size_t memory;          /* bytes the index holds */
};

/* Fills the defaults (m 16, ef_construction 200, seed 1, threads 1). */
void hnsw_params_default(struct hnsw_params *p);
/* Builds the index of t's rows. p may be NULL for defaults; prog may be
 * NULL. Returns EMBX_CANCELLED (and no index) after Ctrl-C. */
int hnsw_build(const embx_table *t, const struct hnsw_params *p, progress *prog,
               struct hnsw **out, embx_err *e);
/* The index's shape and size. */
void hnsw_get_info(const struct hnsw *h, struct hnsw_info *info);
/* True when h was built from (or validated against) a table with t's shape
 * and contents (a sampled fingerprint of the values). */
bool hnsw_matches(const struct hnsw *h, const embx_table *t);

/* Approximate top k rows by cosine to q (dim floats, any norm), skipping the
 * rows in exclude[] (the index must be of this table: see hnsw_matches;
 * only the shape is checked here); ef is the search's candidate list (0 = the default;
 * larger: higher recall, slower; raised to k + nexclude). Writes up to k
 * hits, best first, and *nhits. Safe to call from several threads at once. */
int hnsw_search(const struct hnsw *h, const embx_table *t, const float *q, size_t k, size_t ef,
                const size_t *exclude, size_t nexclude,
                struct knn_hit *hits, size_t *nhits, embx_err *e);
/* The same for m queries Q (m x dim) on `threads` threads (>= 1); hits is
 * m x k (unused slots have row == SIZE_MAX); exclude is m x nex rows
 * (SIZE_MAX entries ignored) or NULL, e.g. each row itself for a kNN graph;
 * a zero query gets no hits. */
int hnsw_search_batch(const struct hnsw *h, const embx_table *t, const float *Q, size_t m,
                      size_t k, size_t ef, const size_t *exclude, size_t nex, int threads,
                      struct knn_hit *hits, embx_err *e);

/* Writes the index to path atomically (versioned, with checksums). */
int hnsw_save(const struct hnsw *h, const char *path, embx_err *e);
/* Reads an index file written by hnsw_save for table t. Everything is
 * validated (magic, version, sizes, checksums, every link), so a damaged
 * file, or the index of another table, is refused with a message naming the
 * file and never read out of bounds. */
int hnsw_load(const char *path, const embx_table *t, struct hnsw **out, embx_err *e);
/* Frees the index (NULL is fine). */
void hnsw_free(struct hnsw *h);

#endif
