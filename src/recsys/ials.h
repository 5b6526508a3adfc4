/* ials: implicit-feedback alternating least squares (Hu, Koren and Volinsky,
 * "Collaborative Filtering for Implicit Feedback Datasets", 2008). Every
 * (user, item) pair is a preference p = 1 if it was observed and 0 if not,
 * weighted by a confidence c = 1 + alpha * r for observed pairs (r is the
 * rating over the largest rating, so alpha means the same with or without
 * ratings, or 1 for a file without them) and 1 for the rest. Each half
 * step solves every user's (then item's) least squares exactly, with the
 * Y^T Y trick so the unobserved pairs cost nothing per row:
 *   (Y^T Y + Y^T (C_u - I) Y + reg I) x_u = Y^T C_u p_u
 * by Cholesky, rows in parallel. Rows are independent, so a run depends on
 * the seed only, not on the thread count. */
#ifndef EMBX_IALS_H
#define EMBX_IALS_H
#include <stdint.h>
#include "error.h"
#include "interactions.h"
#include "progress.h"
#include "recsys.h"

/* Trains m (user factors P, item factors Q; biases zero) on the
 * interactions with is_test[i] == 0 (is_test may be NULL), with o->dim,
 * o->epochs, o->reg, o->alpha, o->threads, o->seed. loss, when not NULL,
 * receives o->epochs values: the full weighted objective after each epoch
 * (it never increases: every half step is an exact minimisation). */
int ials_train(const struct interactions *x, const uint8_t *is_test, const struct recsys_opts *o,
               struct recsys_model *m, double *loss, progress *p, embx_err *e);

#endif
