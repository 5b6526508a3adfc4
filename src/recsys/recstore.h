/* recstore: the embx table of a trained recommender and its sidecar file.
 * The table's rows are `item:ID` (most interacted first) then `user:ID`
 * (prefixes configurable); it holds only the factors, so cosine neighbours
 * are not skewed by popularity and other tools read it as plain word2vec.
 * Everything else goes into TABLE.recsys.tsv next to it (tab-separated):
 *   version 1 / model mf|bpr / global_mean M / rating_scale MIN MAX (mf) /
 *   user_prefix P / item_prefix P
 *   item  WORD  BIAS  TITLE  GENRES        (one line per item row)
 *   user  WORD  BIAS  ITEM-WORD ITEM-WORD ...   (every item the user
 *                     interacted with in the input, held-out ones included)
 * `recommend` scores mu + b_user + b_item + p.q (mf) or b_item + p.q (bpr)
 * from it and skips the user's items; labels and groups come from it. */
#ifndef EMBX_RECSTORE_H
#define EMBX_RECSTORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "interactions.h"
#include "items.h"
#include "recsys.h"
#include "table.h"

/* Builds the table (item rows by decreasing interaction count, then user
 * rows) with labels (titles) and groups (first genre) from meta when given.
 * *unmatched receives the number of meta ids not among the items, *missing
 * the number of items without metadata. */
int recsys_build_table(const struct interactions *x, const struct recsys_model *m,
                       const struct item_meta *meta, const char *user_prefix,
                       const char *item_prefix, embx_table **out,
                       size_t *unmatched, size_t *missing, embx_err *e);

/* Path of the sidecar of a table file: "TABLE.recsys.tsv" (caller frees). */
char *recsys_sidecar_path(const char *table_path);
/* Writes the sidecar of the table built from x and m atomically: model,
 * global mean, rating scale, prefixes, per-row biases, titles and genres
 * (meta may be NULL), and every item of every user in x (held-out too). */
int recsys_write_sidecar(const struct interactions *x, const struct recsys_model *m, const struct item_meta *meta,
                         const char *user_prefix, const char *item_prefix,
                         const char *table_path, embx_err *e);
/* Sets t->labels / t->groups (entries NULL where unknown) from the sidecar
 * of table_path when there is one; no sidecar is not an error. Rows of the
 * sidecar missing from t are ignored. */
int recsys_attach_sidecar(embx_table *t, const char *table_path, embx_err *e);

struct recsys_hit {
    size_t row;
    float score;
    /* title and first genre (the table's labels/groups, else the sidecar's;
     * NULL when unknown); valid until the next recommend or table change */
    const char *label, *group;
};

/* What recommend found out about the user and the table. */
struct recsys_rec_info {
    size_t user_row;
    size_t excluded;        /* the user's items skipped */
    size_t clipped;         /* predicted ratings shown clipped to the scale */
    bool have_sidecar;      /* biases and exclusions applied */
    char sidecar[4096];
};

/* Top k item rows for user (a row word, or an id the user prefix is added
 * to) among the items with at least min_count interactions (0: all) by
 * predicted score, excluding every item the user interacted with
 * (predicted ratings are shown clipped to the rating scale); uses the
 * sidecar of t->source (cached while the file is unchanged). Without a
 * sidecar, items are the rows starting with "item:" and the score is the
 * plain dot product. hits holds k entries; *nhits receives the count. */
int recsys_recommend(const embx_table *t, const char *user, size_t k, long min_count,
                     struct recsys_hit *hits, size_t *nhits,
                     struct recsys_rec_info *info, embx_err *e);

/* Top k of rows[] (any order) by the model's own score against q: the dot
 * product q . row, plus the row's bias when the table has biases (t->bias);
 * ties by row order. Labels and groups as in recommend. */
int recsys_dot_top(const embx_table *t, const float *q, const size_t *rows, size_t nrows, size_t k,
                   struct recsys_hit *hits, size_t *nhits, embx_err *e);

#endif
