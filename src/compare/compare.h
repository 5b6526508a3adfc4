/* compare: what changed between two tables of (partly) the same vocabulary.
 * Vocabulary overlap, orthogonal Procrustes alignment of the second table
 * onto the first, per-word aligned cosine and K-nearest-neighbour overlap,
 * and the words that moved most and least. Pure computation. */
#ifndef EMBX_COMPARE_H
#define EMBX_COMPARE_H
#include <stddef.h>
#include <stdbool.h>
#include "table.h"
#include "progress.h"

struct compare_opts {
    size_t restrict_n;  /* use only the first N rows of the first table (0 = all) */
    size_t k;           /* neighbours per word for the overlap */
    int threads;        /* for the neighbour search; 0 = all cores */
};

/* One shared word that took part in the comparison. */
struct compare_word {
    size_t row_a, row_b;   /* its rows in the first and the second table */
    float cosine;          /* with its aligned counterpart (NaN when not aligned) */
    float overlap;         /* |N_a(w) ∩ N_b(w)| / k (NaN when k == 0) */
};

struct compare_result {
    size_t shared, only_a, only_b;  /* over the whole vocabularies */
    size_t used;                    /* shared words compared (within restrict_n, nonzero rows) */
    size_t k;                       /* neighbours actually used (k capped at used - 1) */
    bool aligned;                   /* false when the dimensions differ */
    double mean_cosine, median_cosine, mean_overlap;
    struct compare_word *words;     /* used entries, in the first table's row order */
    size_t *by_cosine;              /* used indices into words, most moved first (NULL if !aligned) */
    size_t *by_overlap;             /* used indices, least overlap first (NULL if k == 0) */
    char note[512];                 /* what was skipped or is unreliable, or "" */
};

/* Compares b against a. Errors: no shared words. The result is owned by
 * the caller (compare_result_free). p may be NULL. */
int compare_tables(const embx_table *a, const embx_table *b, const struct compare_opts *o,
                   struct compare_result *r, progress *p, embx_err *e);
void compare_result_free(struct compare_result *r);

#endif
