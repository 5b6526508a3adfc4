/* cmd_compare: the compare, both, axis and cluster commands, and the
 * side-by-side neighbour listing other commands (nn --both) reuse. */
#ifndef EMBX_CMD_COMPARE_H
#define EMBX_CMD_COMPARE_H
#include <stdbool.h>
#include <stddef.h>
#include "session.h"

struct projection;

/* Prints WORD's k nearest neighbours in the loaded table and in the second
 * table (session->other, from `compare`) side by side, saying of each
 * neighbour whether it is in the other list too ("shared") or not ("only"). Errors: no second table, WORD missing
 * from either table. */
int compare_print_both(struct session *s, const char *word, size_t k, embx_err *e);
/* Colours p by the session's last `cluster` when p shows exactly its rows
 * (and, unless replace, has no groups of its own); returns 1 when it did. */
int cmd_colour_by_clusters(struct session *s, struct projection *p, bool replace);

#endif
