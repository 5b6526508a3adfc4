/* canvas: rasterizes 2-D points and their labels into a character grid,
 * either one cell per point (ASCII density .:o*#) or Unicode braille (2 x 4
 * dots per cell), inside a frame that shows the data ranges, with greedy
 * label placement. Pure: no terminal, no printing except canvas_write. */
#ifndef EMBX_CANVAS_H
#define EMBX_CANVAS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "error.h"
#include "projection.h"

/* Smallest grid that still leaves room for a frame, axes and a few cells. */
#define CANVAS_MIN_W 20
#define CANVAS_MIN_H 6

/* What is drawn: n points, each with an optional label, group, highlight
 * and priority rank (labels of lower ranks are placed first). */
struct canvas_points {
    size_t n;
    const double *xy;            /* n x 2 */
    const char *const *labels;   /* n labels (entries may be NULL), or NULL */
    const long *rank;            /* n ranks (e.g. table rows; < 0 = last), or NULL = index order */
    const int *group;            /* n groups (-1 = none), or NULL */
    const bool *highlight;       /* n flags, or NULL */
    const bool *prefer;          /* n flags: labels to keep (shown in the view this one
                                  * zooms into), placed before all others; or NULL */
    int ramp;                    /* > 0: the groups are ramp bins 0 .. ramp-1 (colorby.h) */
};

struct canvas_opts {
    int width, height;           /* the whole grid in cells, frame and axes included */
    bool braille;                /* 2 x 4 dots per cell */
    bool unicode;                /* labels may keep non-ASCII characters */
    bool box;                    /* frame in box-drawing characters */
    bool labels;                 /* place labels */
    bool have_view;              /* use view[] instead of the data bounds */
    double view[4];              /* x0, x1, y0, y1 */
    const char *title;           /* shown in the top frame line, or NULL */
};

enum canvas_kind {
    CELL_EMPTY = 0, CELL_FRAME, CELL_AXIS, CELL_POINT, CELL_LABEL
};

struct canvas_cell {
    uint32_t ch;                 /* code point; 0 = right half of a wide character */
    uint8_t kind;                /* enum canvas_kind */
    bool highlight;              /* belongs to a highlighted point or its label */
    int32_t point;               /* the point drawn or labelled here, -1 = none */
};

/* ASCII density shades . : o * # (fixed steps for sparse maps, geometric
 * up to the fullest cell for dense ones). */
#define CANVAS_SHADES 5

struct canvas {
    int w, h;                    /* grid size */
    int px, py, pw, ph;          /* plot area (inside the frame) in cells */
    double x0, x1, y0, y1;       /* data window shown */
    bool braille;
    struct canvas_cell *cells;   /* h x w */
    size_t n;                    /* points given */
    size_t nvisible;             /* points inside the window */
    size_t occupied;             /* cells holding at least one point */
    size_t nlabelled;            /* labels placed */
    size_t nwithlabel;           /* points that had a label to place */
    int *pt_col, *pt_row;        /* n cell positions, -1 outside the window */
    int *lab_col, *lab_row, *lab_len; /* n placed label positions (lab_len 0 = none) */
    unsigned shade_min[CANVAS_SHADES]; /* ASCII shades . : o * #: the fewest points each stands for */
    unsigned max_count;          /* points in the fullest cell */
};

/* Largest grid --size accepts. */
#define CANVAS_MAX_SIDE 1000

/* Parses a --size value "WxH" (CANVAS_MIN_W x CANVAS_MIN_H .. CANVAS_MAX_SIDE). */
int canvas_parse_size(const char *s, int *w, int *h, embx_err *e);
/* Fills points from a projection (rank = table row). */
void canvas_points_from_projection(struct canvas_points *pts, const struct projection *p);
/* Fills order[0..n) with the point indices in label-placement priority:
 * highlighted first, then by rank (unranked last), then by index. */
void canvas_priority_order(const struct canvas_points *pts, size_t *order);
/* Data bounds of the finite points as x0, x1, y0, y1 (zero ranges widened so
 * mapping never divides by zero); false when there is no finite point. */
bool canvas_bounds(const struct canvas_points *pts, double out[4]);
/* Draws pts into c (allocated here; canvas_free releases it). Deterministic.
 * Labels never overlap (a blank cell between two on a row) nor hide a
 * labelled or highlighted point; preferred labels go first, then the
 * points in priority order, so more frequent words win a contested place;
 * with prefer set to the labels of a view that contains this one, zooming
 * in keeps every label whose point stays in view and adds more. */
int canvas_draw(struct canvas *c, const struct canvas_points *pts, const struct canvas_opts *o,
                embx_err *e);
void canvas_free(struct canvas *c);
/* Writes the grid as UTF-8 lines (trailing blanks removed). */
void canvas_write(const struct canvas *c, FILE *fp);
/* What the ASCII shades stand for, e.g. ". 1 point  : 2  o 3-4  * 5-8  # 9+". */
void canvas_shade_legend(const struct canvas *c, char *buf, size_t len);
/* "312 points, 118 labelled" (plus points outside the window when zoomed). */
void canvas_footer(const struct canvas *c, char *buf, size_t len);
/* Maps data x/y to continuous cell coordinates (column, row) of the plot
 * area: integer parts are the cells canvas_draw uses in ASCII mode. */
void canvas_map(const struct canvas *c, double x, double y, double *col, double *row);

#endif
