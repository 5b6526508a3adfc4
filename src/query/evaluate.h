/* evaluate: the standard intrinsic benchmarks, computed as gensim's
 * KeyedVectors.evaluate_word_analogies and evaluate_word_pairs do:
 * questions-words analogies (3CosAdd, or 3CosMul) and word-pair similarity
 * (Spearman and Pearson). Pure computation: malformed lines are collected as
 * "FILE:LINE: why" messages for the caller to show. */
#ifndef EMBX_EVALUATE_H
#define EMBX_EVALUATE_H
#include <stdbool.h>
#include <stddef.h>
#include "table.h"
#include "progress.h"
#include "evalfile.h"

#define EVAL_DEFAULT_RESTRICT 300000   /* gensim's restrict_vocab default */

struct eval_opts {
    size_t restrict_rows;   /* only the first N rows are vocabulary (0 = all) */
    bool case_sensitive;    /* default: words compared upper-cased, as gensim */
    bool mul;               /* analogies by 3CosMul instead of 3CosAdd */
    bool both;              /* analogies by both: `correct` 3CosAdd, `correct_mul` 3CosMul */
    int threads;            /* 0 = all cores */
};

struct eval_section {
    char *name;
    size_t correct, total;  /* questions answered (all four words known) */
    size_t correct_mul;     /* with opts.both: answered right by 3CosMul */
    size_t oov;             /* questions skipped for an unknown word */
};


struct eval_analogy_result {
    struct eval_section *sections;
    size_t nsections;
    size_t questions;       /* well-formed question lines */
    size_t oov;             /* of which skipped: a word outside the vocabulary */
    size_t correct, total;  /* all sections */
    size_t sem_correct, sem_total, syn_correct, syn_total;  /* "gram*" sections are syntactic */
    size_t correct_mul, sem_correct_mul, syn_correct_mul;   /* with opts.both */
    bool google;            /* Google's layout ("gram*" sections): the semantic/syntactic split applies */
    struct eval_messages bad;
};

struct eval_sim_result {
    size_t pairs;           /* pairs used */
    size_t oov;             /* pairs skipped for an unknown word */
    double oov_ratio;       /* oov / (pairs + oov), in percent, as gensim */
    double spearman, pearson;
    struct eval_messages bad;
};

/* Runs the analogy questions in `path`. Fails on unreadable, empty or
 * question-less files; Ctrl-C returns EMBX_CANCELLED. */
int eval_analogy(const embx_table *t, const char *path, const struct eval_opts *o,
                 struct eval_analogy_result *r, progress *p, embx_err *e);
void eval_analogy_free(struct eval_analogy_result *r);

/* Correlates the cosine of each known word pair in `path` with its human
 * score. Fails on unreadable or empty files and when fewer than 2 pairs are
 * usable. */
int eval_sim(const embx_table *t, const char *path, const struct eval_opts *o,
             struct eval_sim_result *r, embx_err *e);

#endif
