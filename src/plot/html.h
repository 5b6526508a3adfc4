/* html: writes a map as one self-contained HTML page (data, script and
 * styles inline; nothing fetched): pan and zoom, labels chosen by rank and
 * spacing (more appear as you zoom in), hover, a search box, a click that
 * lists the point's precomputed full-space neighbours, colours by group.
 * Pure: writes only the file it is given. */
#ifndef EMBX_HTML_H
#define EMBX_HTML_H
#include <stddef.h>
#include "error.h"
#include "projection.h"

struct html_map {
    const struct projection *p;
    size_t k;                /* neighbours per point (0 = none) */
    const size_t *nbr;       /* n x k point indices, best first, SIZE_MAX = none; may be NULL */
    const float *sim;        /* n x k similarities shown next to them; may be NULL */
    const char *note;        /* a line shown under the title (e.g. faithfulness), may be NULL */
};

/* Writes the page to path atomically. */
int html_write_map(const char *path, const struct html_map *m, embx_err *e);

#endif
