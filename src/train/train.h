/* train: word2vec skip-gram and CBOW with negative sampling over a corpus's
 * id stream (corpus.h). Hogwild threads each own a slice of the stream.
 *
 * Skip-gram uses minibatches with shared negative samples by default: the
 * context words around one centre word are scored against the same output
 * rows (centre + negatives), so the inner loop is a small dense product
 * (contexts x dim) * (dim x (1 + negatives)) instead of one dot product per
 * pair, and the random memory reads for negatives happen once per window
 * instead of once per pair. `classic` selects word2vec's per-pair loop. */
#ifndef EMBX_TRAIN_H
#define EMBX_TRAIN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "corpus.h"
#include "error.h"
#include "progress.h"

enum train_model { TRAIN_SKIPGRAM = 0, TRAIN_CBOW };

struct train_opts {
    enum train_model model;
    size_t dim;          /* >= 1 */
    int window;          /* >= 1: the largest distance of a context word */
    int negative;        /* >= 0 noise words per positive */
    int epochs;          /* >= 1 */
    int threads;         /* >= 1 */
    double sample;       /* subsampling threshold, 0 = off */
    double alpha;        /* starting learning rate, decays linearly to alpha * 1e-4 */
    uint64_t seed;
    bool classic;        /* word2vec's per-pair skip-gram updates */
    int neg_group;       /* skip-gram: contexts sharing one draw of negatives (0 = the whole
                            window); wide windows need fresh noise every few contexts */
    bool full_window;    /* every word within `window` is context (no random shrinking) */
    bool tied;           /* one vector per word, input and output alike (skip-gram only): the
                            dot product of two rows then scores their co-occurrence itself */
};

struct train_stats {
    uint64_t words;      /* corpus words processed (all epochs) */
    double seconds;
    bool cancelled;
};

/* The usual starting learning rate of a model (0.025 skip-gram, 0.05 CBOW). */
double train_default_alpha(enum train_model m);
/* Trains input vectors into vecs (c->nwords x o->dim, row-major, row r is
 * c->words[r]). With one thread and a fixed seed the result is the same bit
 * for bit on every run. Returns EMBX_OK, or EMBX_CANCELLED after Ctrl-C
 * with vecs holding what was learned so far. */
int train_run(const corpus *c, const struct train_opts *o, float *vecs, progress *p,
              struct train_stats *st, embx_err *e);

#endif
