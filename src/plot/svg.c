/* svg: the canvas layout as SVG. Cell (col, row) of the character grid maps
 * to a CW x CH pixel box, so labels sit where the terminal plot puts them. */
#include <math.h>
#include <string.h>
#include "svg.h"
#include "atomic_file.h"
#include "utf8.h"
#include "colorby.h"

#define CW 8.0    /* pixels per cell, horizontally */
#define CH 16.0   /* pixels per cell, vertically */
#define PAD 12.0  /* margin around the grid */
#define LABEL_TEXT_MAX 256

/* The colour of group g (g < 0: the colour for points without a group). */
static const char *svg_group_colour(int g)
{
    static const char *pal[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    if (g < 0) return "#3b5b92";
    return pal[g % 10];
}

/* Writes s as XML character data: markup characters escaped, control
 * characters and invalid UTF-8 replaced so the file always parses. */
static void xml_text(FILE *fp, const char *s)
{
    char buf[8];
    while (*s) {
        uint32_t cp;
        size_t len = utf8_decode(s, &cp);
        s += len ? len : 1;
        switch (cp) {
        case '&': fputs("&amp;", fp); continue;
        case '<': fputs("&lt;", fp); continue;
        case '>': fputs("&gt;", fp); continue;
        case '"': fputs("&quot;", fp); continue;
        case '\'': fputs("&apos;", fp); continue;
        default: break;
        }
        if ((cp < 0x20 && cp != '\t') || cp == 0xfffe || cp == 0xffff) cp = '?';
        fwrite(buf, 1, utf8_encode(cp, buf), fp);
    }
}

/* The text of the cells [col, col+len) of a row, as UTF-8. */
static void cells_text(const struct canvas *c, int row, int col, int len, char *out, size_t cap)
{
    size_t n = 0;
    for (int i = 0; i < len && n + 5 < cap; i++) {
        uint32_t ch = c->cells[(size_t)row * (size_t)c->w + (size_t)(col + i)].ch;
        if (ch) n += utf8_encode(ch, out + n);
    }
    out[n] = 0;
}

static double px_x(double col) { return PAD + col * CW; }
static double px_y(double row) { return PAD + row * CH; }

static void svg_emit(FILE *fp, const struct canvas *c, const struct canvas_points *pts,
                     const char *title, char *const *group_names, int ngroups)
{
    int legend_rows = group_names && ngroups > 0 ? (ngroups + 3) / 4 : 0;
    double width = 2 * PAD + c->w * CW;
    double height = 2 * PAD + (c->h + 1 + legend_rows) * CH;
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"13\">\n",
            width, height, width, height);
    fputs("<title>", fp);
    xml_text(fp, title && *title ? title : "embx plot");
    fputs("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", fp);
    /* frame around the plot area, at the cell borders the text frame uses */
    fprintf(fp, "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                "fill=\"none\" stroke=\"#888888\"/>\n",
            px_x(c->px - 0.5), px_y(c->py - 0.5), (c->pw + 1) * CW, (c->ph + 1) * CH);
    fprintf(fp, "<text class=\"title\" x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">", px_x(c->px + 1),
            px_y(c->py - 0.5) - 4);
    xml_text(fp, title && *title ? title : "embx plot");
    fputs("</text>\n", fp);
    /* axis ranges */
    fprintf(fp, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555555\">%.4g</text>\n",
            px_x(c->px - 1), px_y(c->py + 0.8), c->y1);
    fprintf(fp, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555555\">%.4g</text>\n",
            px_x(c->px - 1), px_y(c->py + c->ph - 0.2), c->y0);
    fprintf(fp, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" fill=\"#555555\">%.4g</text>\n",
            px_x(c->px), px_y(c->py + c->ph + 1.8), c->x0);
    fprintf(fp, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555555\">%.4g</text>\n",
            px_x(c->px + c->pw), px_y(c->py + c->ph + 1.8), c->x1);

    fputs("<g class=\"points\">\n", fp);
    for (size_t i = 0; i < pts->n; i++) {
        if (c->pt_col[i] < 0) continue;
        double col, row;
        canvas_map(c, pts->xy[2 * i], pts->xy[2 * i + 1], &col, &row);
        int g = pts->group ? pts->group[i] : -1;
        bool hl = pts->highlight && pts->highlight[i];
        char rgb[8];
        fprintf(fp, "<circle class=\"point%s\" cx=\"%.2f\" cy=\"%.2f\" r=\"%s\" fill=\"%s\"%s><title>",
                hl ? " highlight" : "", px_x(col), px_y(row), hl ? "5" : "3",
                pts->ramp > 0 && g >= 0 ? colorby_ramp(g, pts->ramp, rgb) : svg_group_colour(g),
                hl ? " stroke=\"#000000\" stroke-width=\"1.5\"" : " fill-opacity=\"0.8\"");
        xml_text(fp, pts->labels && pts->labels[i] ? pts->labels[i] : "");
        fputs("</title></circle>\n", fp);
    }
    fputs("</g>\n<g class=\"labels\">\n", fp);
    char text[LABEL_TEXT_MAX];
    for (size_t i = 0; i < pts->n; i++) {
        if (c->lab_len[i] <= 0) continue;
        bool hl = pts->highlight && pts->highlight[i];
        cells_text(c, c->lab_row[i], c->lab_col[i], c->lab_len[i], text, sizeof text);
        fprintf(fp, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\"%s>", px_x(c->lab_col[i]),
                px_y(c->lab_row[i] + 0.8), hl ? " font-weight=\"bold\" fill=\"#b00000\"" : "");
        xml_text(fp, text);
        fputs("</text>\n", fp);
    }
    fputs("</g>\n", fp);
    for (int g = 0; legend_rows && g < ngroups; g++) {
        double x = px_x(1 + (g % 4) * (c->w / 4.0)), y = px_y(c->h + 1 + g / 4);
        char rgb[8];
        fprintf(fp, "<rect class=\"legend\" x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>"
                    "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">",
                x, y - 8, pts->ramp > 0 ? colorby_ramp(g, pts->ramp, rgb) : svg_group_colour(g), x + 12, y);
        xml_text(fp, group_names[g] ? group_names[g] : "");
        fputs("</text>\n", fp);
    }
    fputs("</svg>\n", fp);
}

int svg_write(const char *path, const struct canvas *c, const struct canvas_points *pts,
              const char *title, char *const *group_names, int ngroups, embx_err *e)
{
    atomic_file af;
    if (atomic_open(&af, path, e) != EMBX_OK) return EMBX_ERR;
    svg_emit(af.fp, c, pts, title, group_names, ngroups);
    return atomic_commit(&af, e);
}

int svg_write_projection(const char *path, const struct projection *p, int w, int h,
                         size_t *labelled, embx_err *e)
{
    struct canvas_points pts;
    struct canvas c;
    struct canvas_opts o = {.width = w, .height = h, .unicode = true, .labels = true, .title = p->title};
    canvas_points_from_projection(&pts, p);
    if (canvas_draw(&c, &pts, &o, e) != EMBX_OK) return EMBX_ERR;
    int rc = svg_write(path, &c, &pts, p->title, p->group_names, p->ngroups, e);
    if (labelled) *labelled = c.nlabelled;
    canvas_free(&c);
    return rc;
}
