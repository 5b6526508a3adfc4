/* item2vec (Barkan and Koenigstein, 2016): skip-gram with negative sampling
 * over each user's items, taken as a sentence in time order (the file's
 * timestamps when it has them, else file order), trained by the word
 * trainer (train.h) on an id stream built here. Item rows are the trained
 * input vectors scaled to unit length, so a dot product between items is
 * their cosine; a user row is the mean of the user's training item rows. */
#ifndef EMBX_ITEM2VEC_H
#define EMBX_ITEM2VEC_H
#include <stdint.h>
#include "error.h"
#include "interactions.h"
#include "progress.h"
#include "recsys.h"

/* Trains m on the interactions with is_test[i] == 0 (is_test may be NULL)
 * with o->dim, o->epochs, o->window, o->negative, o->lr (starting learning
 * rate), o->threads (one thread: the same table for the same seed), o->seed.
 * Subsampling is word2vec's default (1e-3). */
int item2vec_train(const struct interactions *x, const uint8_t *is_test, const struct recsys_opts *o,
                   struct recsys_model *m, progress *p, embx_err *e);

/* The training sequences: each user's training items in time order, users
 * in index order, ends marked with CORPUS_EOS. *ids (owned) holds *nids
 * entries; counts (x->items.n, owned) the training interactions per item. */
int item2vec_sequences(const struct interactions *x, const uint8_t *is_test, uint32_t **ids, size_t *nids,
                       uint64_t **counts, embx_err *e);

#endif
