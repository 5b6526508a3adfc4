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
/* Completion candidates for the word line[start..end) given what precedes it
 * (command names, option names, vocabulary words, settings, formats); sets
 * *files when file names should be completed instead. Returns a malloc'd
 * NULL-terminated array of malloc'd strings (possibly empty). */
char **repl_complete(struct session *s, const char *line, int start, int end, bool *files);
/* Frees what repl_complete returned. */
void repl_free_matches(char **m);

#endif
