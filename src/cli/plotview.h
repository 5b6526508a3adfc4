/* plotview: shows a projection: the full-screen ncurses viewer on a terminal,
 * the ASCII/braille canvas when piped (or --ascii), and SVG output. */
#ifndef EMBX_PLOTVIEW_H
#define EMBX_PLOTVIEW_H
#include <stdbool.h>
#include "projection.h"
#include "session.h"
#include "args.h"

struct plot_opts {
    bool ascii;          /* print the canvas even on a terminal */
    bool braille;        /* Unicode braille dots (UTF-8 locales only) */
    int width, height;   /* 0 = COLUMNS x 24 (or 80 x 24) */
    const char *svg;     /* also write an SVG here, or NULL */
};

/* The display options every plotting command accepts (inside its optspec array). */
#define PLOT_VIEW_OPTSPECS \
    {"ascii", 0, 0, NULL, "print the plot instead of opening the viewer", }, \
    {"braille", 0, 0, NULL, "draw with Unicode braille dots", }, \
    {"size", 0, 1, "WxH", "canvas size in characters", }, \
    {"svg", 0, 1, "FILE", "also write the plot as SVG", }

/* Reads --ascii/--braille/--size/--svg. */
int plot_opts_from_args(const struct args *a, struct plot_opts *o, embx_err *e);
/* Shows p: viewer on a terminal unless o->ascii, else prints the canvas and a
 * legend on stdout; writes the SVG if asked. */
int plot_show(struct session *s, const struct projection *p, const struct plot_opts *o, embx_err *e);

#endif
