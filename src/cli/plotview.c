/* plotview: chooses between the viewer and the printed canvas, and writes the
 * SVG when asked. See plotview.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "plotview.h"
#include "canvas.h"
#include "svg.h"
#include "tui.h"
#include "strutil.h"

#define DEFAULT_W 80
#define DEFAULT_H 24

int plot_opts_from_args(const struct args *a, struct plot_opts *o, embx_err *e)
{
    memset(o, 0, sizeof *o);
    o->ascii = args_has(a, "ascii");
    o->braille = args_has(a, "braille");
    const char *size = args_str(a, "size", 0);
    if (size && canvas_parse_size(size, &o->width, &o->height, e) != EMBX_OK) return EMBX_ERR;
    o->svg = args_str(a, "svg", 0);
    if (o->svg && !*o->svg) return err_set(e, "--svg needs a file name, e.g. --svg plot.svg");
    return EMBX_OK;
}

/* The printed size: --size, else COLUMNS (or the terminal's width) x 24, else 80 x 24. */
static void text_size(const struct plot_opts *o, int *w, int *h)
{
    *w = o->width;
    *h = o->height;
    if (*w > 0) return;
    *w = DEFAULT_W;
    *h = DEFAULT_H;
    const char *cols = getenv("COLUMNS");
    long v;
    struct winsize ws;
    if (cols && str_parse_long(cols, &v) && v >= CANVAS_MIN_W && v <= CANVAS_MAX_SIDE) *w = (int)v;
    else if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
             ws.ws_col >= CANVAS_MIN_W && ws.ws_col <= CANVAS_MAX_SIDE)
        *w = ws.ws_col;
}

/* What the symbols mean, the groups, and the points left out. */
static void print_legend(const struct canvas *c, const struct projection *p, bool braille)
{
    char foot[160];
    canvas_footer(c, foot, sizeof foot);
    bool any_hl = false;
    for (size_t i = 0; p->highlight && i < p->n; i++) any_hl |= p->highlight[i];
    char shades[160];
    canvas_shade_legend(c, shades, sizeof shades);
    printf("%s  (%s%s)\n", foot,
           braille ? "each cell holds 2x4 dots" : shades,
           any_hl ? "  @ highlighted" : "");
    if (p->group && p->group_names && p->ngroups > 0) {
        fputs("groups:", stdout);
        for (int g = 0; g < p->ngroups; g++) {
            size_t cnt = 0;
            for (size_t i = 0; i < p->n; i++) cnt += p->group[i] == g;
            printf("%s %s (%zu)", g ? "," : "", p->group_names[g] ? p->group_names[g] : "?", cnt);
        }
        fputs("  (coloured in the viewer and the SVG)\n", stdout);
    }
}

static int print_canvas(struct session *s, const struct projection *p, const struct plot_opts *o,
                        embx_err *e)
{
    bool utf8 = tui_utf8_locale();
    bool braille = o->braille;
    if (braille && !utf8) {
        session_note(s, "--braille needs a UTF-8 locale; drawing ASCII instead");
        braille = false;
    }
    int w, h;
    text_size(o, &w, &h);
    struct canvas_points pts;
    struct canvas c;
    struct canvas_opts co = {.width = w, .height = h, .braille = braille, .unicode = utf8,
                             .box = braille, .labels = true, .title = p->title};
    canvas_points_from_projection(&pts, p);
    if (canvas_draw(&c, &pts, &co, e) != EMBX_OK) return EMBX_ERR;
    canvas_write(&c, stdout);
    print_legend(&c, p, braille);
    fflush(stdout);
    canvas_free(&c);
    return EMBX_OK;
}

int plot_show(struct session *s, const struct projection *p, const struct plot_opts *o, embx_err *e)
{
    if (o->svg) {
        int w = o->width, h = o->height;
        if (w <= 0) { w = 120; h = 40; }
        size_t labelled = 0;
        if (svg_write_projection(o->svg, p, w, h, &labelled, e) != EMBX_OK) return EMBX_ERR;
        session_note(s, "wrote %s (%zu points, %zu labelled)", o->svg, p->n, labelled);
    }
    /* the viewer needs keys too: commands piped into a terminal get the print */
    if (s->stdout_tty && !o->ascii && isatty(STDIN_FILENO)) {
        int rc = tui_run(s, p, o, e);
        if (rc != TUI_UNAVAILABLE) return rc;
        session_note(s, "%s; printing the plot instead", e->msg);
        err_clear(e);
    }
    return print_canvas(s, p, o, e);
}
