/* cmd_compare: the compare, both, axis and cluster commands, and the
 * side-by-side neighbour listing other commands (nn --both) reuse. */
#ifndef EMBX_CMD_COMPARE_H
#define EMBX_CMD_COMPARE_H
#include <stddef.h>
#include "session.h"

/* Prints WORD's k nearest neighbours in the loaded table and in the second
 * table (session->other, from `compare`) side by side, marking with '*' the
 * neighbours found in one list only. Errors: no second table, WORD missing
 * from either table. */
int compare_print_both(struct session *s, const char *word, size_t k, embx_err *e);

#endif
