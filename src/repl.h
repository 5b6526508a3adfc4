/* repl: the interactive readline loop (history, completion, Ctrl-C) and batch
 * input from a non-terminal stdin. */
#ifndef EMBX_REPL_H
#define EMBX_REPL_H
#include <stdio.h>
#include "session.h"

/* Interactive loop on a terminal until quit or Ctrl-D. Returns 0. */
int repl_run(struct session *s);
/* Reads commands line by line from fp (no prompt). Returns non-zero if any
 * command failed (stops at the first failure when bail). */
int repl_batch(struct session *s, FILE *fp, bool bail);
/* Completion candidates for `text` at word position `argi` of `line` (as
 * readline's generator would produce); exposed for tests. Returns a
 * malloc'd NULL-terminated array or NULL. */
char **repl_complete(struct session *s, const char *line, int start, int end);

#endif
