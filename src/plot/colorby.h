/* colorby: groups for plotted points from a metadata column (plot
 * --color-by COL): a text column's values (the most common ones, the rest
 * as "other"), or a numeric column's values in ordered bins drawn as a
 * colour ramp. Also the ramp's colours. */
#ifndef EMBX_COLORBY_H
#define EMBX_COLORBY_H
#include <stdbool.h>
#include <stddef.h>
#include "projection.h"
#include "rowmeta.h"

/* Most groups a text column gets (the rest: "other"); bins of a number. */
#define COLORBY_MAX_GROUPS 12
#define COLORBY_BINS 6

/* Replaces p's groups by the values of column col for its rows (points
 * without a row or a value: no group); sets p->ramp for numeric columns. */
int colorby_apply(const struct rowmeta *m, size_t col, struct projection *p, embx_err *e);
/* "#rrggbb" of bin g of n on the ramp (blue, yellow, red) into buf[8]. */
const char *colorby_ramp(int g, int n, char buf[8]);

#endif
