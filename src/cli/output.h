/* output: results on stdout. On a terminal, aligned columns; piped (or
 * `set output tsv`), tab-separated lines that cut/sort can use. Words that are
 * not valid UTF-8 are printed with \xNN escapes (strutil.h). */
#ifndef EMBX_OUTPUT_H
#define EMBX_OUTPUT_H
#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>

struct session;

/* A table of rows of string cells, printed aligned or as TSV. */
typedef struct outtab {
    size_t ncols;
    size_t nrows, cap;
    char **cells;        /* nrows * ncols, owned */
    bool right[16];      /* right-align column (numbers) */
} outtab;

void outtab_init(outtab *t, size_t ncols);
/* Adds a row; cells are copied (NULL = empty). */
void outtab_add(outtab *t, const char *const *cells);
/* Adds a row from a printf format producing TAB-separated cells. */
void outtab_addf(outtab *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints aligned on a terminal, TSV otherwise, then frees the rows. */
void outtab_print(const struct session *s, outtab *t, FILE *fp);
void outtab_free(outtab *t);

/* True when results go out as aligned columns (terminal, not `set output tsv`). */
bool out_pretty(const struct session *s);

/* The number conventions of every table (one home, so commands agree):
 * a statistic has `digits` decimals on a terminal and six when piped (full
 * precision for scripts); "n/a" when it is not a finite number. */
const char *out_number(const struct session *s, char *buf, size_t len, double v, int digits);
/* A share part/total: a percentage with two decimals on a terminal, a
 * fraction with six when piped; "n/a" when total is 0. */
const char *out_share(const struct session *s, char *buf, size_t len, double part, double total);

#endif
