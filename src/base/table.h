/* table: the embedding table. Vocabulary (hash map word -> row, lazily built
 * sorted prefix index for completion) and a float32 matrix, row-major,
 * 64-byte aligned (or page-aligned inside a mapped .embx file), with per-row
 * inverse norms (0 for zero rows, which cosine search skips). */
#ifndef EMBX_TABLE_H
#define EMBX_TABLE_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "error.h"

struct mapcheck;
struct rowmeta;

/* Vectors for words outside the vocabulary, computed by the model the table
 * came from (fastText: from the word's character n-grams); owned by the
 * table, freed by table_free before the file mapping goes. */
/* Data a higher layer derives from a table and keeps with it while the
 * table lives (the recommender's parsed sidecar): the table frees it
 * through its own function, so it never outlives the rows it refers to. */
struct table_derived {
    void (*free)(struct table_derived *d);
};

struct table_oov {
    /* Fills out (the table's dim floats); false when the model has nothing
     * for this word (no n-gram of it is known). */
    bool (*vector)(const struct table_oov *o, const char *word, float *out);
    void (*free)(struct table_oov *o);
    const char *how;   /* "its character n-grams": what notes say the vector came from */
    char about[128];   /* the model's settings, for info */
};

typedef struct embx_table {
    size_t n;          /* rows */
    size_t dim;        /* columns */
    size_t cap;        /* rows allocated (owned matrix only) */
    float *vecs;       /* n * dim */
    float *inv_norms;  /* n; 1/||row||, 0 for a zero row */
    char **words;      /* n pointers to NUL-terminated words */

    /* what else is known about the rows (--meta, a recommender's sidecar):
     * columns of values, NULL when absent; owned by the table (rowmeta.h). */
    struct rowmeta *meta;
    /* recommender side data: interactions (or occurrences) per row, -1 when
     * unknown, and the score bias per row of models that have one; NULL when
     * absent; owned. */
    long *counts;
    float *bias;

    /* provenance, shown by `info` */
    char *source;      /* path it was loaded from (owned) */
    char format[32];   /* "glove", "word2vec", ... */
    bool from_cache;

    /* private */
    char *vocab_blob;  size_t vocab_len; bool vocab_owned;
    uint32_t *slots;   size_t nslots;     /* open addressing, row+1, 0 = empty */
    uint32_t *sorted;  /* rows sorted by word bytes, built on demand */
    void *map;         size_t map_len;    /* whole-file mapping when mmap'd */
    int map_guard;                        /* mapguard handle of the mapping, 0 = none */
    struct mapcheck *check;               /* background checksum pass (mapcheck.h), or NULL */
    struct table_oov *oov;                /* vectors for unseen words, or NULL */
    struct table_derived *derived;        /* data a higher layer derived and keeps, or NULL */
    bool vecs_owned;   bool norms_owned;
} embx_table;

struct table_notes {
    size_t duplicates;      /* rows dropped because the word was seen before */
    char first_duplicate[128];
    size_t first_duplicate_row; /* row index (before dropping) of that duplicate */
    size_t zero_rows;       /* all-zero vectors (kept, skipped by cosine) */
    size_t invalid_utf8;    /* words that are not valid UTF-8 (kept as bytes) */
};

/* Allocates an empty table (n = 0) of `dim` columns with room for `cap` rows
 * (contents undefined, 64-byte aligned). Returns NULL and sets e on failure. */
embx_table *table_create(size_t cap, size_t dim, embx_err *e);
/* Grows the row capacity to at least cap (keeps contents). */
int table_reserve(embx_table *t, size_t cap, embx_err *e);
/* Row i of the matrix. */
static inline float *table_row(const embx_table *t, size_t i) { return t->vecs + i * t->dim; }
/* Hands the vocabulary to the table: `blob` holds exactly t->n NUL-terminated
 * words in row order; owned=true means the table frees it. */
int table_set_vocab(embx_table *t, char *blob, size_t len, bool owned, embx_err *e);
/* Finishes a table whose rows and vocabulary are set: drops duplicate words
 * (the first row wins, as gensim), computes inverse norms (unless already
 * present), builds the hash. notes may be NULL. */
int table_finish(embx_table *t, struct table_notes *notes, embx_err *e);
/* Builds only the hash map (vocabulary must be unique). */
int table_build_hash(embx_table *t, embx_err *e);
/* Computes inverse norms for all rows (allocates if missing). */
int table_compute_norms(embx_table *t, embx_err *e);
/* The inverse norms of the m rows of dimension d at rows into inv, bit for
 * bit as table_compute_norms computes them (0 for a zero row). */
void table_row_inv_norms(const float *rows, size_t m, size_t d, float *inv);
/* Row of `word` (exact, case-sensitive; else "#N" is row N; else a text
 * value of the row metadata that belongs to one row only), or -1. */
long table_find(const embx_table *t, const char *word);
/* Fills out (t->dim floats) with the model's vector for a word outside the
 * vocabulary (see struct table_oov); false when the table has none for it. */
bool table_oov_vector(const embx_table *t, const char *word, float *out);
/* Formats "unknown word 'w' (did you mean: a, b, c?)" into e (metadata values
 * close in spelling too, and a value several rows share is named as such),
 * returns EMBX_ERR. */
int table_err_unknown(const embx_table *t, const char *word, embx_err *e);
/* Range [*begin, *end) of positions in the sorted index whose words start
 * with prefix; builds the index on first use. */
int table_prefix_range(embx_table *t, const char *prefix, size_t *begin, size_t *end);
/* Row at position i of the sorted index (after table_prefix_range). */
static inline size_t table_sorted_row(const embx_table *t, size_t i) { return t->sorted[i]; }
/* Bytes used by the matrix, norms and vocabulary. */
size_t table_memory(const embx_table *t);
/* True when the row is all zeros. */
static inline bool table_row_is_zero(const embx_table *t, size_t i) { return t->inv_norms[i] == 0.0f; }
/* Frees the table (NULL is fine). */
void table_free(embx_table *t);

#endif
