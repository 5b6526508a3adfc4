/* svg: writes a drawn canvas as a standalone SVG file with the same layout:
 * points coloured by group, the placed labels, highlighted points marked,
 * the frame with the data ranges and a title. */
#ifndef EMBX_SVG_H
#define EMBX_SVG_H
#include <stdio.h>
#include "canvas.h"
#include "error.h"

/* Writes the SVG to path atomically (temp file + rename). */
int svg_write(const char *path, const struct canvas *c, const struct canvas_points *pts,
              const char *title, char *const *group_names, int ngroups, embx_err *e);
/* Draws p at w x h cells (labels on, the whole data range) and writes it as
 * SVG to path; *labelled receives the number of placed labels (may be NULL). */
int svg_write_projection(const char *path, const struct projection *p, int w, int h,
                         size_t *labelled, embx_err *e);

#endif
