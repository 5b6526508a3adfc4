/* axis: directions in the embedding space ("he - she", B - A) and the
 * scalar projection of words on them: bias probing and the Projector's
 * custom projections. Pure computation. */
#ifndef EMBX_AXIS_H
#define EMBX_AXIS_H
#include <stddef.h>
#include "table.h"
#include "selection.h"
#include "projection.h"

/* dir = vector(b) - vector(a), or vector(b) alone when a is NULL, scaled to
 * unit length; a and b are expressions ("he + him - she", expr.h), each
 * word a unit vector. Error when it is the zero vector. */
int axis_direction(const embx_table *t, const char *a, const char *b, float *dir, embx_err *e);

struct axis_score {
    size_t row;
    double proj;   /* scalar projection of the unit row on the unit direction */
};

/* Projects the n rows on the unit direction and sorts them by projection,
 * largest first (ties by row). Zero rows project to 0. */
void axis_project(const embx_table *t, const float *dir, const size_t *rows, size_t n,
                  struct axis_score *out);

/* A 2-D projection whose x and y are the projections of the selected rows
 * on the directions x1 and x2 (each an expression with an operator, e.g.
 * "he - she"), for the canvas and the viewer. */
int axes_projection(const embx_table *t, const char *x1, const char *x2,
                    const struct selection *sel, struct projection **out, embx_err *e);

#endif
