/* cmd_index: the `index` command (build, info, drop the approximate index
 * of the loaded table) and the helpers nn and analogy use to answer from it. */
#ifndef EMBX_CMD_INDEX_H
#define EMBX_CMD_INDEX_H
#include <stdbool.h>
#include <stddef.h>
#include "args.h"
#include "knn.h"
#include "session.h"

/* Rows from which `set approx auto` answers from an existing index. */
#define APPROX_AUTO_ROWS 100000

/* Decides whether this query uses the index (--exact, --approx, set approx)
 * and makes the index ready (loading the table's index file on first use).
 * Errors: --approx or `set approx on` with no index, or a damaged file. */
int index_wanted(struct session *s, const struct args *a, bool *use, embx_err *e);
/* Top k rows for q (any norm) from the index, skipping ex[]; the hits are
 * then scored exactly as `nn` scores them (knn_query_rows). */
int index_query(struct session *s, const float *q, size_t k, size_t ef, const size_t *ex, size_t nex,
                struct knn_hit *hits, size_t *nhits, embx_err *e);

#endif
