/* trainrows: embeddings of the values of a table's columns. Every row of a
 * CSV file becomes a sentence of tokens "column=value" (numeric columns cut
 * into quantile buckets, "column=lo..hi"), and the word trainer (train.h)
 * runs skip-gram over each row with a window spanning the whole row, so
 * every value of a row is context of every other one and column order does
 * not matter. Input and output vectors are one (tied), so the cosine of
 * two rows follows how much more often they occur together than chance.
 * With a target column, each value is also paired with the row's target value in extra two-token sentences: values are pulled
 * towards the target values they predict (a supervised term). */
#ifndef EMBX_TRAINROWS_H
#define EMBX_TRAINROWS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "progress.h"
#include "table.h"

struct trainrows_opts {
    const char *const *columns; size_t ncolumns;   /* NULL: every column */
    const char *target;        /* NULL: unsupervised */
    int target_weight;         /* extra (value, target) sentences per value */
    int buckets;               /* quantile buckets of numeric columns; 0: values as they are */
    size_t max_distinct;       /* a column with more distinct values (an ID) is left out unless named */
    size_t dim;
    int epochs, negative, threads;
    uint64_t seed;
};

/* What the reader noticed, for the command's notes. */
struct trainrows_notes {
    size_t rows, missing;                 /* rows read; empty/NA cells skipped */
    size_t renamed;                       /* duplicate header names made unique */
    char renamed_first[160];              /* "name -> name.2" */
    size_t bucketed;                      /* numeric columns cut into buckets */
    size_t empty;                         /* columns with no value at all, left out */
    char empty_names[256];
    size_t skipped;                       /* ID-like columns left out */
    char skipped_names[256];              /* their names */
};

/* Fills the defaults (dim 32, 10 epochs, 5 negatives, 10 buckets, target
 * weight 3, ID columns: more than max(1000, rows / 2) distinct values). */
void trainrows_opts_default(struct trainrows_opts *o);
/* Reads path and trains a table of "column=value" rows, most frequent
 * first, with table->counts the occurrences of each. Errors name FILE:LINE
 * (CSV syntax, field counts) or the unknown --columns / --target name. */
int trainrows_run(const char *path, const struct trainrows_opts *o, embx_table **out,
                  struct trainrows_notes *notes, progress *p, embx_err *e);

#endif
