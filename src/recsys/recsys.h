/* recsys: user and item embeddings from interactions. `mf` is biased matrix
 * factorization (global mean + user bias + item bias + dot product) for
 * ratings; `bpr` is Bayesian personalized ranking with sampled negatives (an
 * item bias + dot product) for implicit feedback. Both are trained by
 * stratified parallel SGD: users and items are cut into T blocks each and in
 * every sub-epoch thread t updates only block pair (t, t+s mod T), so no two
 * threads touch the same vector and a run is reproducible for a given seed
 * and thread count. Held-out evaluation compares each model with its
 * baseline (biases only / most popular).
 * The table and its sidecar are made in recstore.h. */
#ifndef EMBX_RECSYS_H
#define EMBX_RECSYS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "interactions.h"
#include "progress.h"

/* mf and bpr are trained here; ials in ials.h, item2vec in item2vec.h. */
enum recsys_kind { RECSYS_MF = 0, RECSYS_BPR = 1, RECSYS_IALS = 2, RECSYS_ITEM2VEC = 3 };

/* "mf", "bpr", "ials", "item2vec". */
const char *recsys_kind_name(enum recsys_kind k);
/* True for the models whose score adds biases to the dot product (mf, bpr). */
bool recsys_kind_has_bias(enum recsys_kind k);
/* The kind named s; false when s names none. */
bool recsys_kind_parse(const char *s, enum recsys_kind *k);
/* How mf is fitted: stratified SGD, or alternating least squares (each
 * user's [factors, bias] solved exactly with the items fixed, then each
 * item's; GSL Cholesky, ridge weighted by the row's interaction count). */
enum recsys_solver { RECSYS_SGD = 0, RECSYS_ALS = 1 };

struct recsys_opts {
    enum recsys_kind kind;
    enum recsys_solver solver;  /* mf only; bpr is always SGD */
    int dim;
    int epochs;
    double reg;
    double lr;
    int threads;            /* >= 1 */
    uint64_t seed;
    double test_fraction;   /* in (0, 1) */
    double alpha;           /* ials: confidence 1 + alpha * r */
    int window;             /* item2vec: context reach along a history */
    int negative;           /* item2vec: noise items per positive */
};

/* Fills the defaults of a model kind (SGD, dim 32, seed 1, test fraction
 * 0.1, epochs/lr/reg/alpha/window tuned per kind, 1 thread). */
void recsys_opts_default(struct recsys_opts *o, enum recsys_kind kind);

struct recsys_model {
    enum recsys_kind kind;
    size_t nusers, nitems, dim;
    float *P, *Q;           /* nusers x dim, nitems x dim */
    float *bu, *bi;         /* user biases (0 for bpr), item biases */
    double mu;              /* global mean (0 for bpr) */
    int threads;            /* threads training used (fewer than asked on small data) */
};

struct recsys_eval {
    size_t ntrain, ntest;
    size_t nusers_eval;     /* users with a held-out item */
    double rmse, base_rmse; /* mf: test RMSE, biases-only baseline */
    double recall, ndcg;    /* every model: recall@10 and NDCG@10 */
    double pop_recall, pop_ndcg; /* most-popular baseline */
};

/* Marks each interaction held out with probability f (seeded), keeping at
 * least one training interaction per user. *is_test is n bytes (owned). */
int recsys_split(const struct interactions *x, double f, uint64_t seed,
                 uint8_t **is_test, size_t *ntest, embx_err *e);
/* Marks each user's last interactions held out (by timestamp when the file
 * has them, else by file order): round(f * n) of a user's n, at least one
 * when n >= 2, never all of them. */
int recsys_split_last(const struct interactions *x, double f, uint8_t **is_test, size_t *ntest, embx_err *e);
/* Trains on the interactions with is_test[i] == 0 (is_test may be NULL).
 * Returns EMBX_CANCELLED on Ctrl-C. p may be NULL. */
int recsys_train(const struct interactions *x, const uint8_t *is_test,
                 const struct recsys_opts *o, struct recsys_model *m,
                 progress *p, embx_err *e);
/* Held-out metrics of m and of the baseline on the is_test interactions. */
int recsys_evaluate(const struct interactions *x, const uint8_t *is_test,
                    const struct recsys_model *m, int threads,
                    struct recsys_eval *ev, embx_err *e);
/* Shrinks rare items towards the prior: item factors and bias times
 * n / (n + k), n = the item's training interactions (k <= 0: no change). */
int recsys_shrink_items(const struct interactions *x, const uint8_t *is_test, struct recsys_model *m, double k,
                        embx_err *e);
void recsys_model_free(struct recsys_model *m);

#endif
