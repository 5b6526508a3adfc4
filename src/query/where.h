/* where: conditions on row metadata (--where COL=VAL, COL!=VAL, and COL<N,
 * COL>N, COL<=N, COL>=N on numeric columns), ANDed into a row mask that
 * selections and nn searches take. */
#ifndef EMBX_WHERE_H
#define EMBX_WHERE_H
#include <stdbool.h>
#include <stddef.h>
#include "rowmeta.h"
#include "table.h"

enum where_op { WHERE_EQ, WHERE_NE, WHERE_LT, WHERE_GT, WHERE_LE, WHERE_GE };

struct where {
    size_t col;
    enum where_op op;
    const char *val;        /* points into the parsed text (keep it alive) */
    double num;             /* val as a number (numeric columns) */
    bool is_num;
};

/* Parses one condition against m (NULL: the table has no metadata, an
 * error saying how to attach some). Errors name the condition and list the
 * columns; < and > need a numeric column and a number. text is modified. */
int where_parse(const struct rowmeta *m, char *text, struct where *w, embx_err *e);
/* True when row satisfies every condition (an unknown value satisfies
 * only !=). */
bool where_match(const struct rowmeta *m, const struct where *w, size_t nw, size_t row);
/* A new mask of t->n bytes, 1 where the row matches all nw conditions;
 * *count receives how many do. */
int where_mask(const embx_table *t, const struct where *w, size_t nw, unsigned char **mask,
               size_t *count, embx_err *e);

#endif
