/* evalsuite: the benchmarks beyond evaluate.h (categorization, outlier
 * detection), 95% confidence intervals, and the suite: one file of any kind
 * turned into rows of (set, kind, measure, n, oov, score, interval).
 * Pure computation: malformed lines and warnings become notes. */
#ifndef EMBX_EVALSUITE_H
#define EMBX_EVALSUITE_H
#include <stdbool.h>
#include <stddef.h>
#include "evaluate.h"
#include "evalfile.h"

/* ---- categorization ---- */
struct eval_cat_result {
    size_t words;           /* words clustered (in the vocabulary) */
    size_t oov;             /* words left out: not in the vocabulary */
    size_t categories;      /* categories with a known word = clusters made */
    double purity;
    struct eval_messages bad;
};
/* Clusters the known words of a CATEGORY<TAB>WORD file into as many clusters
 * as categories (average-linkage, cosine; catclust.h) and scores purity.
 * Fails when fewer than 2 words are known. */
int eval_categories(const embx_table *t, const char *path, const struct eval_opts *o,
                    struct eval_cat_result *r, embx_err *e);

/* ---- outlier detection ---- */
struct eval_out_group {
    char *name;
    size_t cluster, cluster_oov;    /* cluster words known / unknown */
    size_t outliers, outliers_oov;  /* outliers scored / skipped (unknown, or < 2 cluster words known) */
    size_t detected;                /* OP = |C| */
    double op_sum;                  /* sum of OP/|C| */
};
struct eval_out_result {
    struct eval_out_group *groups;
    size_t ngroups;
    size_t instances, oov;          /* outliers scored / skipped, all groups */
    size_t detected;
    double opp, accuracy;           /* fractions (0..1) */
    struct eval_messages bad;
};
/* Scores every (group, outlier) of an outlier file (outlier.h). Fails when
 * no outlier can be scored. */
int eval_outliers(const embx_table *t, const char *path, const struct eval_opts *o,
                  struct eval_out_result *r, embx_err *e);
void eval_out_result_free(struct eval_out_result *r);

/* ---- 95% confidence intervals ---- */
/* Fisher's z for a correlation r from n pairs: tanh(atanh r -+ 1.96 sqrt(f/(n-3))),
 * f = 1 for Pearson, 1.06 for Spearman (Fieller et al., 1957). False when n < 4. */
bool eval_ci_fisher(double r, size_t n, double f, double *lo, double *hi);
/* Wilson score interval for k successes in n trials (k may be fractional:
 * a mean of shares in [0, 1] times n). False when n == 0. */
bool eval_ci_wilson(double k, size_t n, double *lo, double *hi);

/* ---- the suite ---- */
#define SUITE_NOTE 400

struct suite_row {
    char set[96];           /* file name without extension */
    char kind[16];          /* similarity, analogy, categorization, outlier, hubness */
    char measure[64];       /* spearman, pearson, 3cosadd, 3cosmul, purity, OPP, accuracy, skew ... */
    size_t n;               /* items scored */
    size_t oov;             /* items skipped (SIZE_MAX: does not apply) */
    double score;           /* NAN: nothing to score */
    double lo, hi;          /* 95% interval; NAN when there is none */
};

struct suite_result {
    struct suite_row *rows;
    size_t nrows, cap;
    char (*notes)[SUITE_NOTE];
    size_t nnotes;
};

struct suite_opts {
    struct eval_opts eval;  /* restrict, case, threads (mul/both are set per set) */
    bool sections;          /* analogy rows per section too */
    size_t hub_rows;        /* hubness over the first N rows (0 = HUBNESS_SAMPLE) */
};

/* Runs one benchmark file of a known kind and appends its rows (and notes:
 * malformed lines, low coverage) to r. */
int evalsuite_file(const embx_table *t, const char *path, enum evalset_kind kind,
                   const struct suite_opts *o, struct suite_result *r, progress *p, embx_err *e);
/* Appends the hubness row (skewness of N10 over the first rows). */
int evalsuite_hubness(const embx_table *t, const struct suite_opts *o, struct suite_result *r,
                      progress *p, embx_err *e);
/* Appends the row of a set that could not be scored (score n/a). */
int evalsuite_failed(struct suite_result *r, const char *path, enum evalset_kind kind, embx_err *e);
void suite_result_free(struct suite_result *r);

#endif
