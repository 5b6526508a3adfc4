/* canvas: points and labels into a character grid. See canvas.h. */
#include "config.h"   /* _GNU_SOURCE: qsort_r */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "canvas.h"
#include "utf8.h"

/* Labels longer than this are cut, so one long word cannot hide a region. */
#define LABEL_MAX 24

static struct canvas_cell *cell(const struct canvas *c, int row, int col)
{
    return &c->cells[(size_t)row * (size_t)c->w + (size_t)col];
}

int canvas_parse_size(const char *s, int *w, int *h, embx_err *e)
{
    char *end;
    long lw = strtol(s, &end, 10), lh = 0;
    bool ok = end != s && (*end == 'x' || *end == 'X');
    if (ok) {
        const char *hs = end + 1;
        lh = strtol(hs, &end, 10);
        ok = end != hs && !*end;
    }
    if (!ok || lw < CANVAS_MIN_W || lw > CANVAS_MAX_SIDE || lh < CANVAS_MIN_H || lh > CANVAS_MAX_SIDE)
        return err_set(e, "--size '%s' should be WIDTHxHEIGHT in characters, from %dx%d to %dx%d (e.g. 100x30)",
                       s, CANVAS_MIN_W, CANVAS_MIN_H, CANVAS_MAX_SIDE, CANVAS_MAX_SIDE);
    *w = (int)lw;
    *h = (int)lh;
    return EMBX_OK;
}

void canvas_points_from_projection(struct canvas_points *pts, const struct projection *p)
{
    memset(pts, 0, sizeof *pts);
    pts->n = p->n;
    pts->xy = p->xy;
    pts->labels = (const char *const *)p->labels;
    pts->rank = p->rows;
    pts->group = p->group;
    pts->highlight = p->highlight;
    pts->ramp = p->ramp ? p->ngroups : 0;
}

/* Widens [*lo, *hi] when it is empty (or not finite) so that mapping a
 * coordinate onto it never divides by zero; a lone value lands in the middle. */
static void widen(double *lo, double *hi)
{
    if (!isfinite(*lo) || !isfinite(*hi)) { *lo = -1; *hi = 1; return; }
    double span = *hi - *lo;
    double mag = fmax(fabs(*lo), fabs(*hi));
    if (!isfinite(span)) { *lo /= 2; *hi /= 2; span = *hi - *lo; }
    if (span <= mag * 1e-12 || span <= 1e-300) {
        double pad = mag > 0 ? mag * 0.5 : 1.0;
        double mid = *lo / 2 + *hi / 2;
        *lo = mid - pad;
        *hi = mid + pad;
    }
}

bool canvas_bounds(const struct canvas_points *pts, double out[4])
{
    bool any = false;
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    for (size_t i = 0; i < pts->n; i++) {
        double x = pts->xy[2 * i], y = pts->xy[2 * i + 1];
        if (!isfinite(x) || !isfinite(y)) continue;
        if (!any) { x0 = x1 = x; y0 = y1 = y; any = true; continue; }
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
    }
    widen(&x0, &x1);
    widen(&y0, &y1);
    out[0] = x0; out[1] = x1; out[2] = y0; out[3] = y1;
    return any;
}

/* Fraction of the way from lo to hi, or NaN when it cannot be computed. */
static double frac(double v, double lo, double hi)
{
    double f = (v - lo) / (hi - lo);
    return isfinite(f) ? f : NAN;
}

void canvas_map(const struct canvas *c, double x, double y, double *col, double *row)
{
    double fx = frac(x, c->x0, c->x1), fy = frac(y, c->y0, c->y1);
    if (c->braille) {
        *col = c->px + (fx * (2.0 * c->pw - 1) + 0.5) / 2.0;
        *row = c->py + ((1.0 - fy) * (4.0 * c->ph - 1) + 0.5) / 4.0;
    } else {
        *col = c->px + fx * (c->pw - 1) + 0.5;
        *row = c->py + (1.0 - fy) * (c->ph - 1) + 0.5;
    }
}

/* Rounds a fraction onto 0..steps-1, or -1 when outside the window. */
static int step_of(double f, int steps)
{
    if (!(f == f)) return -1;
    double v = f * (steps - 1);
    if (v < -0.5 || v >= steps - 0.5) return -1;
    return (int)floor(v + 0.5);
}

/* Printable form of a label as cells (code point, 0 for the second half of a
 * wide one), at most max cells; returns the number of cells. Widths are
 * utf8.h's, so a label takes the columns a table column gives the word;
 * zero-width code points (combining marks) have no cell of their own and
 * are left out. */
static int label_cells(const char *s, bool unicode, int max, uint32_t *out)
{
    int n = 0;
    const char *p = s;
    bool cut = false;
    while (*p) {
        uint32_t cp;
        size_t len = utf8_decode(p, &cp);
        p += len ? len : 1;
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) cp = '?';
        if (!unicode && cp >= 0x80) cp = '?';
        int wd = unicode ? utf8_cp_width(cp) : 1;
        if (wd == 0) continue;
        if (n + wd > max) { cut = true; break; }
        out[n++] = cp;
        if (wd == 2) out[n++] = 0;
    }
    if (cut && n > 0) {
        /* drop whole cells until the ellipsis fits */
        n--;
        while (n > 0 && out[n] == 0) n--;
        if (n > 0 && out[n - 1] != 0 && unicode && utf8_cp_width(out[n - 1]) == 2) n--;
        out[n++] = unicode ? 0x2026 : '~';
    }
    return n;
}

static void fmt_num(double v, char *buf, size_t len)
{
    if (fabs(v) < 5e-324 || v == 0) v = 0;
    snprintf(buf, len, "%.3g", v);
    if (strcmp(buf, "-0") == 0) snprintf(buf, len, "0");
}

static void put_text(struct canvas *c, int row, int col, const char *s, bool unicode, uint8_t kind)
{
    uint32_t cp[256];
    int n = label_cells(s, unicode, 255, cp);
    for (int i = 0; i < n && col + i < c->w; i++) {
        if (col + i < 0) continue;
        struct canvas_cell *k = cell(c, row, col + i);
        k->ch = cp[i];
        k->kind = kind;
    }
}

/* Placement priority: highlighted first, then by rank (unranked last), then
 * index. The points travel as qsort_r's context. */
static int prio_cmp(const void *a, const void *b, void *ctx)
{
    const struct canvas_points *pts = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    bool hi = pts->highlight && pts->highlight[i], hj = pts->highlight && pts->highlight[j];
    if (hi != hj) return hi ? -1 : 1;
    if (pts->rank) {
        long ri = pts->rank[i], rj = pts->rank[j];
        if ((ri < 0) != (rj < 0)) return ri < 0 ? 1 : -1;
        if (ri != rj) return ri < rj ? -1 : 1;
    }
    return i < j ? -1 : i > j;
}

void canvas_priority_order(const struct canvas_points *pts, size_t *order)
{
    for (size_t i = 0; i < pts->n; i++) order[i] = i;
    qsort_r(order, pts->n, sizeof *order, prio_cmp, (void *)pts);
}

static void draw_frame(struct canvas *c, const struct canvas_opts *o)
{
    bool u = o->box;
    int l = c->px - 1, r = c->px + c->pw, t = c->py - 1, b = c->py + c->ph;
    for (int col = l; col <= r; col++) {
        cell(c, t, col)->ch = u ? 0x2500 : '-';
        cell(c, b, col)->ch = u ? 0x2500 : '-';
        cell(c, t, col)->kind = cell(c, b, col)->kind = CELL_FRAME;
    }
    for (int row = t; row <= b; row++) {
        cell(c, row, l)->ch = u ? 0x2502 : '|';
        cell(c, row, r)->ch = u ? 0x2502 : '|';
        cell(c, row, l)->kind = cell(c, row, r)->kind = CELL_FRAME;
    }
    cell(c, t, l)->ch = u ? 0x250c : '+';
    cell(c, t, r)->ch = u ? 0x2510 : '+';
    cell(c, b, l)->ch = u ? 0x2514 : '+';
    cell(c, b, r)->ch = u ? 0x2518 : '+';
    if (o->title && *o->title && c->pw > 6) {
        char buf[300];
        uint32_t cp[300];
        snprintf(buf, sizeof buf, " %s ", o->title);
        int n = label_cells(buf, o->unicode, c->pw - 2, cp);
        for (int i = 0; i < n; i++) {
            cell(c, t, l + 2 + i)->ch = cp[i];
            cell(c, t, l + 2 + i)->kind = CELL_AXIS;
        }
    }
    char lo[32], hi[32];
    fmt_num(c->y1, hi, sizeof hi);
    fmt_num(c->y0, lo, sizeof lo);
    put_text(c, c->py, l - 1 - (int)strlen(hi), hi, false, CELL_AXIS);
    put_text(c, c->py + c->ph - 1, l - 1 - (int)strlen(lo), lo, false, CELL_AXIS);
    fmt_num(c->x0, lo, sizeof lo);
    fmt_num(c->x1, hi, sizeof hi);
    put_text(c, b + 1, c->px, lo, false, CELL_AXIS);
    int hc = c->px + c->pw - (int)strlen(hi);
    if (hc <= c->px + (int)strlen(lo)) hc = c->px + (int)strlen(lo) + 1;
    put_text(c, b + 1, hc, hi, false, CELL_AXIS);
}

/* True when a label of len cells fits at (row, col) without touching another
 * label or hiding a kept point (highlighted, or already labelled); *covered
 * counts the points it would hide. */
static bool label_fits(const struct canvas *c, int row, int col, int len, const bool *keep,
                       int *covered)
{
    if (row < c->py || row >= c->py + c->ph) return false;
    if (col < c->px || col + len > c->px + c->pw) return false;
    *covered = 0;
    for (int i = col - 1; i <= col + len; i++) {
        if (i < 0 || i >= c->w) continue;
        const struct canvas_cell *k = cell(c, row, i);
        if (k->kind == CELL_LABEL) return false;
        if (i < col || i == col + len || k->kind != CELL_POINT) continue;
        if (keep[(size_t)row * (size_t)c->w + (size_t)i]) return false;
        (*covered)++;
    }
    return true;
}

/* One greedy pass over the points in priority order (only those flagged in
 * `only`, when given): each label goes to the cheapest free position, an
 * ordinary label hiding at most max_cover points; stops once budget labels
 * are placed. */
static void place_pass(struct canvas *c, const struct canvas_points *pts, const size_t *order,
                       const struct canvas_opts *o, bool *keep, int maxlen, int max_cover,
                       size_t budget, const bool *only)
{
    uint32_t cp[LABEL_MAX + 2];
    for (size_t oi = 0; oi < pts->n && c->nlabelled < budget; oi++) {
        size_t p = order[oi];
        const char *lab = pts->labels[p];
        if (only && !only[p]) continue;
        if (!lab || !*lab || c->pt_col[p] < 0 || c->lab_len[p] > 0) continue;
        int len = label_cells(lab, o->unicode, maxlen, cp);
        if (len == 0) continue;
        int pr = c->pt_row[p], pc = c->pt_col[p];
        /* a point already hidden under another label gets no label of its own */
        if (cell(c, pr, pc)->kind == CELL_LABEL) continue;
        /* right, left, then above/below starting at, ending at and beside the point */
        int cand[10 + 2 * (LABEL_MAX + 2)][2] = {
            {pr, pc + 1}, {pr, pc - len}, {pr - 1, pc}, {pr + 1, pc},
            {pr - 1, pc - len + 1}, {pr + 1, pc - len + 1}, {pr - 1, pc + 1}, {pr + 1, pc + 1},
            {pr - 1, pc - len}, {pr + 1, pc - len},
        };
        int ncand = 10;
        /* a kept label may take any place touching its point: above or
         * below, any of the len + 2 starts from pc - len to pc + 1 */
        if (only)
            for (int d = -1; d <= 1; d += 2)
                for (int c0 = pc - len + 2; c0 <= pc - 1; c0++) {
                    cand[ncand][0] = pr + d;
                    cand[ncand][1] = c0;
                    ncand++;
                }
        bool hl = pts->highlight && pts->highlight[p];
        int best = -1, best_cost = 0;
        for (int k = 0; k < ncand; k++) {
            int cov;
            if (!label_fits(c, cand[k][0], cand[k][1], len, keep, &cov)) continue;
            if (cov > max_cover && !hl) continue;
            int cost = cov * 100 + k;
            if (best < 0 || cost < best_cost) { best = k; best_cost = cost; }
        }
        if (best < 0) continue;
        int row = cand[best][0], col = cand[best][1];
        for (int i = 0; i < len; i++) {
            struct canvas_cell *k = cell(c, row, col + i);
            k->ch = cp[i];
            k->kind = CELL_LABEL;
            k->point = (int32_t)p;
            k->highlight = hl;
        }
        keep[(size_t)pr * (size_t)c->w + (size_t)pc] = true;
        c->lab_row[p] = row;
        c->lab_col[p] = col;
        c->lab_len[p] = len;
        c->nlabelled++;
    }
}

static void place_labels(struct canvas *c, const struct canvas_points *pts, const size_t *order,
                         const struct canvas_opts *o)
{
    /* cells whose points must stay visible: highlighted ones, labelled ones */
    bool *keep = calloc((size_t)c->w * (size_t)c->h, sizeof *keep);
    int maxlen = c->pw - 1 < LABEL_MAX ? c->pw - 1 : LABEL_MAX;
    if (!keep || maxlen < 1) { free(keep); return; }
    for (size_t i = 0; i < pts->n; i++) {
        if (c->pt_col[i] < 0) continue;
        if (pts->labels[i] && *pts->labels[i]) c->nwithlabel++;
        /* highlighted points, and the points of labels kept from the view
         * zoomed into (so no label covers one of them before its turn) */
        if ((pts->highlight && pts->highlight[i]) || (pts->prefer && pts->prefer[i]))
            keep[(size_t)c->pt_row[i] * (size_t)c->w + (size_t)c->pt_col[i]] = true;
    }
    /* labels shown in the view this one zooms into stay where they still fit
     * (they hid points there already), so zooming in only adds labels */
    if (pts->prefer) place_pass(c, pts, order, o, keep, maxlen, INT32_MAX, SIZE_MAX, pts->prefer);
    /* where points fill the plot (a shaded map: on average more than two in
     * an occupied cell) hardly a label fits without hiding some, and the
     * first labels go to the most frequent words over anonymous points;
     * elsewhere hiding points is a last resort: first at most one per
     * label, then a few frequent words over points */
    size_t budget = (size_t)c->pw * (size_t)c->ph / 40;
    if (c->nvisible > 2 * c->occupied) place_pass(c, pts, order, o, keep, maxlen, INT32_MAX, budget, NULL);
    place_pass(c, pts, order, o, keep, maxlen, 1, SIZE_MAX, NULL);
    if (c->nlabelled < budget) place_pass(c, pts, order, o, keep, maxlen, INT32_MAX, budget, NULL);
    free(keep);
}

int canvas_draw(struct canvas *c, const struct canvas_points *pts, const struct canvas_opts *o,
                embx_err *e)
{
    memset(c, 0, sizeof *c);
    if (o->width < CANVAS_MIN_W || o->height < CANVAS_MIN_H || o->width > 10000 || o->height > 10000)
        return err_set(e, "canvas size %dx%d is outside %dx%d .. 10000x10000",
                       o->width, o->height, CANVAS_MIN_W, CANVAS_MIN_H);
    double b[4];
    if (o->have_view) {
        memcpy(b, o->view, sizeof b);
        widen(&b[0], &b[1]);
        widen(&b[2], &b[3]);
    } else {
        canvas_bounds(pts, b);
    }
    c->x0 = b[0]; c->x1 = b[1]; c->y0 = b[2]; c->y1 = b[3];
    c->w = o->width;
    c->h = o->height;
    c->braille = o->braille;
    c->n = pts->n;

    char lo[32], hi[32];
    fmt_num(c->y0, lo, sizeof lo);
    fmt_num(c->y1, hi, sizeof hi);
    int margin = (int)(strlen(lo) > strlen(hi) ? strlen(lo) : strlen(hi)) + 1;
    c->px = margin + 1;
    c->py = 1;
    c->pw = c->w - margin - 2;
    c->ph = c->h - 3;
    if (c->pw < 4) return err_set(e, "canvas width %d leaves no room for the plot", c->w);

    size_t n = pts->n, nn = n ? n : 1;
    c->cells = calloc((size_t)c->w * (size_t)c->h, sizeof *c->cells);
    c->pt_col = malloc(nn * sizeof(int));
    c->pt_row = malloc(nn * sizeof(int));
    c->lab_col = calloc(nn, sizeof(int));
    c->lab_row = calloc(nn, sizeof(int));
    c->lab_len = calloc(nn, sizeof(int));
    size_t *order = malloc(nn * sizeof *order);
    unsigned *count = calloc((size_t)c->pw * (size_t)c->ph, sizeof *count);
    uint8_t *dots = calloc((size_t)c->pw * (size_t)c->ph, 1);
    if (!c->cells || !c->pt_col || !c->pt_row || !c->lab_col || !c->lab_row || !c->lab_len ||
        !order || !count || !dots) {
        free(order); free(count); free(dots);
        canvas_free(c);
        return err_set(e, "out of memory for a %dx%d canvas", o->width, o->height);
    }
    for (size_t i = 0; i < (size_t)c->w * (size_t)c->h; i++) {
        c->cells[i].ch = ' ';
        c->cells[i].point = -1;
    }
    draw_frame(c, o);

    canvas_priority_order(pts, order);

    /* braille dot bit for (dx 0..1, dy 0..3) */
    static const uint8_t bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    for (size_t oi = 0; oi < n; oi++) {
        size_t i = order[oi];
        c->pt_col[i] = c->pt_row[i] = -1;
        double fx = frac(pts->xy[2 * i], c->x0, c->x1);
        double fy = 1.0 - frac(pts->xy[2 * i + 1], c->y0, c->y1);
        int col, row, dx = 0, dy = 0;
        if (c->braille) {
            int sx = step_of(fx, 2 * c->pw), sy = step_of(fy, 4 * c->ph);
            if (sx < 0 || sy < 0) continue;
            col = sx / 2; dx = sx % 2;
            row = sy / 4; dy = sy % 4;
        } else {
            col = step_of(fx, c->pw);
            row = step_of(fy, c->ph);
            if (col < 0 || row < 0) continue;
        }
        c->nvisible++;
        c->pt_col[i] = c->px + col;
        c->pt_row[i] = c->py + row;
        size_t ci = (size_t)row * (size_t)c->pw + (size_t)col;
        count[ci]++;
        dots[ci] |= bit[dy][dx];
        struct canvas_cell *k = cell(c, c->py + row, c->px + col);
        k->kind = CELL_POINT;
        if (k->point < 0) k->point = (int32_t)i;
        if (pts->highlight && pts->highlight[i]) k->highlight = true;
    }
    /* Shades: fixed steps 1, 2, 3-4, 5-8, 9+ while no cell holds more
     * than 9 points; above that geometric steps up to the fullest cell, so
     * dense maps (100,000 points) still show where the mass is. */
    unsigned maxc = 0;
    for (size_t ci = 0; ci < (size_t)c->pw * (size_t)c->ph; ci++) {
        if (count[ci] > maxc) maxc = count[ci];
        c->occupied += count[ci] > 0;
    }
    static const unsigned fixed[CANVAS_SHADES] = {1, 2, 3, 5, 9};
    memcpy(c->shade_min, fixed, sizeof fixed);
    if (maxc > 9 * 4) {
        c->shade_min[0] = 1;
        for (int s = 1; s < CANVAS_SHADES; s++) {
            unsigned step = (unsigned)ceil(pow((double)maxc, (double)s / CANVAS_SHADES));
            c->shade_min[s] = step > c->shade_min[s - 1] ? step : c->shade_min[s - 1] + 1;
        }
    }
    c->max_count = maxc;
    static const char shades[CANVAS_SHADES] = {'.', ':', 'o', '*', '#'};
    for (int row = 0; row < c->ph; row++)
        for (int col = 0; col < c->pw; col++) {
            size_t ci = (size_t)row * (size_t)c->pw + (size_t)col;
            if (!count[ci]) continue;
            struct canvas_cell *k = cell(c, c->py + row, c->px + col);
            int sh = 0;
            while (sh + 1 < CANVAS_SHADES && count[ci] >= c->shade_min[sh + 1]) sh++;
            if (k->highlight) k->ch = '@';
            else if (c->braille) k->ch = 0x2800u + dots[ci];
            else k->ch = (uint32_t)shades[sh];
        }
    free(count);
    free(dots);
    if (o->labels && pts->labels) place_labels(c, pts, order, o);
    free(order);
    return EMBX_OK;
}

void canvas_free(struct canvas *c)
{
    free(c->cells);
    free(c->pt_col);
    free(c->pt_row);
    free(c->lab_col);
    free(c->lab_row);
    free(c->lab_len);
    memset(c, 0, sizeof *c);
}

void canvas_write(const struct canvas *c, FILE *fp)
{
    char *line = malloc((size_t)c->w * 4 + 2);
    if (!line) return;
    for (int row = 0; row < c->h; row++) {
        size_t len = 0, keep = 0;
        for (int col = 0; col < c->w; col++) {
            uint32_t ch = cell(c, row, col)->ch;
            if (ch == 0) continue;
            len += utf8_encode(ch, line + len);
            if (ch != ' ') keep = len;
        }
        line[keep] = '\n';
        fwrite(line, 1, keep + 1, fp);
    }
    free(line);
}

void canvas_footer(const struct canvas *c, char *buf, size_t len)
{
    int k = snprintf(buf, len, "%zu point%s, %zu labelled", c->n, c->n == 1 ? "" : "s", c->nlabelled);
    if (c->nvisible < c->n && k > 0 && (size_t)k < len)
        snprintf(buf + k, len - (size_t)k, ", %zu outside the view", c->n - c->nvisible);
}

void canvas_shade_legend(const struct canvas *c, char *buf, size_t len)
{
    static const char shades[CANVAS_SHADES] = {'.', ':', 'o', '*', '#'};
    size_t used = 0;
    buf[0] = '\0';
    for (int s = 0; s < CANVAS_SHADES && used < len; s++) {
        unsigned lo = c->shade_min[s], hi = s + 1 < CANVAS_SHADES ? c->shade_min[s + 1] - 1 : 0;
        int k;
        if (s + 1 == CANVAS_SHADES) k = snprintf(buf + used, len - used, "%s%c %u+", s ? "  " : "", shades[s], lo);
        else if (hi == lo) k = snprintf(buf + used, len - used, "%s%c %u%s", s ? "  " : "", shades[s], lo, s ? "" : " point");
        else k = snprintf(buf + used, len - used, "%s%c %u-%u", s ? "  " : "", shades[s], lo, hi);
        if (k < 0) break;
        used += (size_t)k;
    }
}
