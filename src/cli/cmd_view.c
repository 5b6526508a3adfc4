/* cmd_view: commands about the drawn plot (rows of the command table). */
#include <stddef.h>
#include "commands.h"
#include "canvas.h"
#include "projection.h"
#include "svg.h"

#define SVG_W 120
#define SVG_H 40

static const struct optspec save_plot_opts[] = {
    {"size", 0, 1, "WxH", "layout size in characters (default 120x40)", },
    {0},
};

static int run_save_plot(struct session *s, const struct args *a, embx_err *e)
{
    int w = SVG_W, h = SVG_H;
    const char *size = args_str(a, "size", 0);
    if (size && canvas_parse_size(size, &w, &h, e) != EMBX_OK) return EMBX_ERR;
    const char *path = args_word(a, 0);
    size_t labelled = 0;
    if (svg_write_projection(path, s->proj, w, h, &labelled, e) != EMBX_OK) return EMBX_ERR;
    session_note(s, "wrote %s (%zu points, %zu labelled)", path, s->proj->n, labelled);
    return EMBX_OK;
}

const struct command cmds_view[] = {
    {
        .name = "save-plot",
        .args = "FILE.svg",
        .help = "write the last plot as a standalone SVG (atomically)",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_PROJECTION,
        .complete = COMPLETE_FILES,
        .opts = save_plot_opts,
        .run = run_save_plot,
        .details =
            "Draws the last projection (from plot or load-proj) with the same label placement\n"
            "as the terminal plot, at --size characters (default 120x40), and writes it as\n"
            "SVG: points coloured by group, highlighted points ringed, the placed labels, the\n"
            "data ranges and the title. The file opens in any browser.",
    },
    {0},
};
