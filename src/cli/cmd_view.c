/* cmd_view: commands about the drawn plot (rows of the command table). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "strutil.h"
#include <strings.h>
#include "commands.h"
#include "canvas.h"
#include "projection.h"
#include "svg.h"
#include "html.h"
#include "knngraph.h"

#define SVG_W 120
#define SVG_H 40
/* Full-space neighbours stored per point in a map page. */
#define HTML_NEIGHBOURS 10

static const struct optspec save_plot_opts[] = {
    {"size", 0, 1, "WxH", "layout size in characters (default 120x40)", },
    {0},
};

/* The map page: each table row's nearest plotted rows in the full space
 * (cosine), from the session's graph when it covers these rows. */
static int save_html(struct session *s, const char *path, embx_err *e)
{
    const struct projection *p = s->proj;
    const embx_table *t = s->table;
    size_t n = p->n, m = 0, k = HTML_NEIGHBOURS;
    size_t *rows = malloc(sizeof(size_t) * (n ? n : 1)), *at = malloc(sizeof(size_t) * (n ? n : 1));
    size_t *nbr = malloc(sizeof(size_t) * (n ? n : 1) * k);
    float *sim = malloc(sizeof(float) * (n ? n : 1) * k);
    float *X = NULL;
    struct knngraph *own = NULL;
    int rc = EMBX_ERR;
    if (!rows || !at || !nbr || !sim) { err_set(e, "out of memory for the map page"); goto done; }
    for (size_t i = 0; i < n * k; i++) { nbr[i] = SIZE_MAX; sim[i] = 0.0f; }
    for (size_t i = 0; t && i < n; i++)
        if (p->rows[i] >= 0 && (size_t)p->rows[i] < t->n) { rows[m] = (size_t)p->rows[i]; at[m++] = i; }
    if (m >= 2) {
        const struct knngraph *g = s->graph[KNNG_COSINE];
        if (!knngraph_fits(g, t, rows, m, KNNG_COSINE, k)) {
            X = malloc(sizeof(float) * m * t->dim);
            if (!X) { err_set(e, "out of memory for the map page"); goto done; }
            for (size_t a = 0; a < m; a++) memcpy(X + a * t->dim, table_row(t, rows[a]), sizeof(float) * t->dim);
            struct knngraph_opts o;
            knngraph_opts_init(&o);
            o.k = k;
            o.threads = session_threads(s);
            progress pg;
            o.prog = &pg;
            if (knngraph_build(X, m, t->dim, &o, &own, e) != EMBX_OK) goto done;
            g = own;
            if (g->approximate)
                session_note(s, "neighbours in the page: approximate (NN-descent), recall %.3f on %zu sampled points",
                             g->recall, g->recall_points);
        }
        size_t kk = g->k < k ? g->k : k;
        for (size_t a = 0; a < m; a++)
            for (size_t c = 0; c < kk; c++) {
                size_t j = g->nbr[a * g->k + c];
                if (j == SIZE_MAX) continue;
                nbr[at[a] * k + c] = at[j];
                sim[at[a] * k + c] = 1.0f - g->d2[a * g->k + c] / 2.0f;
            }
    }
    struct html_map hm = {.p = p, .k = k, .nbr = nbr, .sim = sim, .note = p->faith[0] ? p->faith : NULL};
    rc = html_write_map(path, &hm, e);
    if (rc == EMBX_OK)
        session_note(s, "wrote %s (%zu points, %zu with their %zu nearest in the full space; opens from disk, no network)",
                     path, n, m, k);
done:
    free(rows); free(at); free(nbr); free(sim); free(X);
    knngraph_free(own);
    return rc;
}

static int run_save_plot(struct session *s, const struct args *a, embx_err *e)
{
    const char *path = args_word(a, 0);
    if (str_ends_with(path, ".html") || str_ends_with(path, ".htm")) return save_html(s, path, e);
    /* the format follows the extension: refuse one we cannot write (not SVG in a .png) */
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash) && strcasecmp(dot, ".svg") != 0)
        return err_set(e, "%.*s%s: cannot write %s files; supported: .svg, .html (e.g. save-plot plot.svg)",
                       ERR_WORD(path), dot);
    int w = SVG_W, h = SVG_H;
    const char *size = args_str(a, "size", 0);
    if (size && canvas_parse_size(size, &w, &h, e) != EMBX_OK) return EMBX_ERR;
    size_t labelled = 0;
    if (svg_write_projection(path, s->proj, w, h, &labelled, e) != EMBX_OK) return EMBX_ERR;
    session_note(s, "wrote %s (%zu points, %zu labelled)", path, s->proj->n, labelled);
    return EMBX_OK;
}

const struct command cmds_view[] = {
    {
        .name = "save-plot",
        .args = "FILE.svg|FILE.html",
        .help = "write the last plot as a standalone SVG, or as an interactive HTML map page (atomically)",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_PROJECTION,
        .complete = COMPLETE_FILES,
        .opts = save_plot_opts,
        .run = run_save_plot,
        .details =
            "FILE.svg: draws the last projection (from plot or load-proj) with the same label\n"
            "placement as the terminal plot, at --size characters (default 120x40): points\n"
            "coloured by group, highlighted points ringed, the placed labels, the data ranges\n"
            "and the title. The file opens in any browser.\n"
            "FILE.html: one self-contained page (data, script and styles inline; no network):\n"
            "drag to pan, wheel to zoom (more labels appear as you zoom in), hover for the\n"
            "word, a search box, and a click that lists the point's 10 nearest plotted words\n"
            "in the full space (cosine, computed now and stored in the page); colours by\n"
            "group; the map's faithfulness under the title. FILE.html#search=WORD opens\n"
            "the page on WORD.",
    },
    {0},
};
