/* projfile: 2-D layouts as text, one point a line:
 * word<TAB>x<TAB>y[<TAB>group] (read by load-proj, written by save-proj). */
#ifndef EMBX_PROJFILE_H
#define EMBX_PROJFILE_H
#include "error.h"
#include "projection.h"
#include "table.h"

/* Reads the layout in path into a new projection (*out); each word's row is
 * looked up in t (NULL: no table, every row -1). Errors name file and line. */
int projfile_read(const char *path, const embx_table *t, struct projection **out, embx_err *e);
/* Writes p to path atomically; words with TABs or line breaks are escaped. */
int projfile_write(const char *path, const struct projection *p, embx_err *e);

#endif
