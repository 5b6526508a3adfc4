/* tui: the full-screen ncurses viewer over a canvas: pan, zoom, move between
 * points, search a word, nearest neighbours in a side panel, labels and
 * group colours on/off, SVG export. Returns to the caller with the terminal
 * restored. */
#ifndef EMBX_TUI_H
#define EMBX_TUI_H
#include <stdbool.h>
#include "projection.h"
#include "session.h"
#include "plotview.h"

/* Smallest terminal the viewer draws in; below it, a message. */
#define TUI_MIN_COLS 40
#define TUI_MIN_LINES 12

/* tui_run's status when the terminal cannot host the viewer (e.g. an unknown
 * TERM): the caller prints the canvas instead. */
#define TUI_UNAVAILABLE 1

/* Runs the viewer on p until `q`. Returns EMBX_OK, EMBX_ERR or TUI_UNAVAILABLE. */
int tui_run(struct session *s, const struct projection *p, const struct plot_opts *o, embx_err *e);
/* The i-th documented key of the viewer (name as shown, e.g. "Tab, n / N",
 * and what it does); false past the last. The `?` overlay, the man page and
 * the README list these. */
bool tui_key_doc(size_t i, const char **name, const char **help);
/* True when the character encoding of the locale (LC_CTYPE or the
 * environment) is UTF-8. */
bool tui_utf8_locale(void);

#endif
