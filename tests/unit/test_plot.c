/* Unit tests of the plot area: the canvas (point placement in ASCII and
 * braille, label placement rules, degenerate inputs) against expected-output
 * files in tests/data/canvas-*.txt, and the SVG writer (valid XML, one mark
 * per point, one text per placed label). Set EMBX_UPDATE_EXPECTED=1 to
 * rewrite the expected files after a deliberate change. */
#include <check.h>
#include "unit.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "canvas.h"
#include "svg.h"
#include "utf8.h"

static char *grid_text(const struct canvas *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    canvas_write(c, fp);
    fclose(fp);
    return buf;
}

/* Compares the grid with tests/data/NAME (or rewrites it on request). */
static void expect_grid(const struct canvas *c, const char *name)
{
    const char *src = getenv("SRCDIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/%s", src ? src : ".", name);
    char *got = grid_text(c);
    const char *upd = getenv("EMBX_UPDATE_EXPECTED");
    if (upd && *upd == '1') {
        FILE *fp = fopen(path, "w");
        ck_assert_ptr_nonnull(fp);
        fputs(got, fp);
        fclose(fp);
    }
    FILE *fp = fopen(path, "r");
    ck_assert_msg(fp != NULL, "missing expected file %s", path);
    char want[65536];
    size_t n = fread(want, 1, sizeof want - 1, fp);
    want[n] = 0;
    fclose(fp);
    ck_assert_msg(strcmp(got, want) == 0, "%s differs; got:\n%s", name, got);
    free(got);
}

static uint32_t at(const struct canvas *c, int row, int col)
{
    return c->cells[(size_t)row * (size_t)c->w + (size_t)col].ch;
}

static void draw(struct canvas *c, const struct canvas_points *p, int w, int h, bool braille)
{
    struct canvas_opts o = {.width = w, .height = h, .braille = braille, .unicode = true,
                            .box = braille, .labels = true, .title = "test"};
    embx_err e;
    ck_assert_int_eq(canvas_draw(c, p, &o, &e), EMBX_OK);
}

/* corners and centre of a 10 x 10 square */
static const double corners[] = {0, 0, 10, 0, 0, 10, 10, 10, 5, 5};

START_TEST(test_corners_ascii)
{
    struct canvas_points p = {.n = 5, .xy = corners};
    struct canvas c;
    draw(&c, &p, 31, 13, false);
    int l = c.px, r = c.px + c.pw - 1, t = c.py, b = c.py + c.ph - 1;
    ck_assert_int_eq(c.pt_col[0], l); ck_assert_int_eq(c.pt_row[0], b);
    ck_assert_int_eq(c.pt_col[1], r); ck_assert_int_eq(c.pt_row[1], b);
    ck_assert_int_eq(c.pt_col[2], l); ck_assert_int_eq(c.pt_row[2], t);
    ck_assert_int_eq(c.pt_col[3], r); ck_assert_int_eq(c.pt_row[3], t);
    ck_assert_int_eq(c.pt_col[4], l + c.pw / 2); ck_assert_int_eq(c.pt_row[4], t + c.ph / 2);
    ck_assert_uint_eq(at(&c, t, l), '.');
    ck_assert_uint_eq(at(&c, b, r), '.');
    expect_grid(&c, "canvas-corners-ascii.txt");
    canvas_free(&c);
}
END_TEST

START_TEST(test_corners_braille)
{
    struct canvas_points p = {.n = 5, .xy = corners};
    struct canvas c;
    draw(&c, &p, 31, 13, true);
    int l = c.px, r = c.px + c.pw - 1, t = c.py, b = c.py + c.ph - 1;
    /* the extreme dots of the extreme cells: top-left dot 1, bottom-right dot 8 */
    ck_assert_uint_eq(at(&c, t, l), 0x2800 + 0x01);                 /* (0,10): top-left dot */
    ck_assert_uint_eq(at(&c, b, r), 0x2800 + 0x80);                 /* (10,0): bottom-right dot */
    ck_assert_uint_eq(at(&c, b, l), 0x2800 + 0x40);                 /* (0,0): bottom-left dot */
    ck_assert_uint_eq(at(&c, t, r), 0x2800 + 0x08);                 /* (10,10): top-right dot */
    expect_grid(&c, "canvas-corners-braille.txt");
    canvas_free(&c);
}
END_TEST

/* A deterministic cloud of n labelled points (some stacked). */
struct cloud {
    double *xy;
    char **lab;
    long *rank;
    bool *hl;
};
static void make_cloud(struct cloud *cl, struct canvas_points *p, size_t n, unsigned seed)
{
    cl->xy = malloc(2 * n * sizeof *cl->xy);
    cl->lab = malloc(n * sizeof *cl->lab);
    cl->rank = malloc(n * sizeof *cl->rank);
    cl->hl = calloc(n, sizeof *cl->hl);
    uint64_t s = seed;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        cl->xy[2 * i] = (double)(s >> 40) / (1 << 24) * 7 - 3;
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        cl->xy[2 * i + 1] = (double)(s >> 40) / (1 << 24) * 2 + (double)(i % 3);
        cl->lab[i] = malloc(32);
        snprintf(cl->lab[i], 32, i % 7 == 0 ? "longerword%zu" : "w%zu", i);
        cl->rank[i] = (long)((i * 37) % n);
    }
    memset(p, 0, sizeof *p);
    p->n = n;
    p->xy = cl->xy;
    p->labels = (const char *const *)cl->lab;
    p->rank = cl->rank;
    p->highlight = cl->hl;
}
static void free_cloud(struct cloud *cl, size_t n)
{
    for (size_t i = 0; i < n; i++) free(cl->lab[i]);
    free(cl->lab); free(cl->xy); free(cl->rank); free(cl->hl);
}

/* Every placed label: inside the plot, its text in the cells, no other label
 * on or right beside its cells, and next to its own point. */
static void check_labels(const struct canvas *c, const struct canvas_points *p)
{
    size_t placed = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (!c->lab_len[i]) continue;
        placed++;
        int r = c->lab_row[i], c0 = c->lab_col[i], len = c->lab_len[i];
        ck_assert(r >= c->py && r < c->py + c->ph);
        ck_assert(c0 >= c->px && c0 + len <= c->px + c->pw);
        for (int k = -1; k <= len; k++) {
            int col = c0 + k;
            const struct canvas_cell *cell = &c->cells[(size_t)r * (size_t)c->w + (size_t)col];
            if (k >= 0 && k < len) {
                ck_assert_int_eq(cell->kind, CELL_LABEL);
                ck_assert_int_eq(cell->point, (int)i);
                if (len == (int)strlen(p->labels[i])) ck_assert_uint_eq(cell->ch, (unsigned char)p->labels[i][k]);
            } else {
                ck_assert_msg(cell->kind != CELL_LABEL, "label of point %zu touches another label", i);
            }
        }
        int pr = c->pt_row[i], pc = c->pt_col[i];
        ck_assert(abs(r - pr) <= 1);
        ck_assert(pc >= c0 - 1 && pc <= c0 + len);
        /* its own point is not covered */
        ck_assert_int_eq(c->cells[(size_t)pr * (size_t)c->w + (size_t)pc].kind, CELL_POINT);
    }
    ck_assert_uint_eq(placed, c->nlabelled);
}

START_TEST(test_labels_never_overlap)
{
    for (unsigned seed = 1; seed <= 6; seed++) {
        size_t n = 40 + 90 * seed;
        struct cloud cl;
        struct canvas_points p;
        make_cloud(&cl, &p, n, seed);
        for (int braille = 0; braille <= 1; braille++) {
            struct canvas c;
            draw(&c, &p, 70 + (int)seed * 5, 20, braille);
            ck_assert_uint_eq(c.nvisible, n);
            ck_assert(c.nlabelled > 0 && c.nlabelled <= n);
            check_labels(&c, &p);
            canvas_free(&c);
        }
        free_cloud(&cl, n);
    }
}
END_TEST

/* A word table's map: n points in 12 Gaussian blobs of different sizes,
 * row i is the i-th most frequent word, every label 7 cells wide. */
struct wordmap {
    double *xy;
    char **lab;
    long *rank;
};
static void make_wordmap(struct wordmap *m, struct canvas_points *p, size_t n, unsigned seed)
{
    m->xy = malloc(2 * n * sizeof *m->xy);
    m->lab = malloc(n * sizeof *m->lab);
    m->rank = malloc(n * sizeof *m->rank);
    uint64_t s = seed * 0x9e3779b97f4a7c15ULL + 1;
    for (size_t i = 0; i < n; i++) {
        double u[4];
        for (int k = 0; k < 4; k++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            u[k] = ((double)(s >> 11) + 0.5) / 9007199254740992.0;
        }
        int b = (int)(u[0] * 12);
        double r = sqrt(-2 * log(u[1])) * (0.2 + 0.1 * (b % 4));
        m->xy[2 * i] = (b % 4) * 3.0 + r * cos(2 * M_PI * u[2]);
        m->xy[2 * i + 1] = (b / 4) * 3.0 + r * sin(2 * M_PI * u[2]) + u[3] * 0.01;
        m->lab[i] = malloc(16);
        snprintf(m->lab[i], 16, "w%06zu", i % 1000000);
        m->rank[i] = (long)i;
    }
    memset(p, 0, sizeof *p);
    p->n = n;
    p->xy = m->xy;
    p->labels = (const char *const *)m->lab;
    p->rank = m->rank;
}
static void free_wordmap(struct wordmap *m, size_t n)
{
    for (size_t i = 0; i < n; i++) free(m->lab[i]);
    free(m->lab); free(m->xy); free(m->rank);
}

static void draw_view(struct canvas *c, const struct canvas_points *p, const double view[4], bool braille)
{
    struct canvas_opts o = {.width = 100, .height = 30, .braille = braille, .unicode = true,
                            .labels = true, .have_view = true, .title = "zoom"};
    memcpy(o.view, view, sizeof o.view);
    embx_err e;
    ck_assert_int_eq(canvas_draw(c, p, &o, &e), EMBX_OK);
}

/* True when a label of len cells could sit touching the point at (pr, pc)
 * of canvas c: inside the plot, off its own point, with no label on or
 * beside its cells and no kept point (flagged in keep: labelled or kept
 * from the last view) under it. */
static bool label_would_fit(const struct canvas *c, const bool *keep, int pr, int pc, int len)
{
    for (int r = pr - 1; r <= pr + 1; r++)
        for (int c0 = pc - len; c0 <= pc + 1; c0++) {
            if (r == pr && c0 <= pc && pc < c0 + len) continue;
            if (r < c->py || r >= c->py + c->ph || c0 < c->px || c0 + len > c->px + c->pw) continue;
            bool ok = true;
            for (int q = c0 - 1; q <= c0 + len && ok; q++) {
                if (q < 0 || q >= c->w) continue;
                size_t k = (size_t)r * (size_t)c->w + (size_t)q;
                if (c->cells[k].kind == CELL_LABEL) ok = false;
                else if (q >= c0 && q < c0 + len && keep[k]) ok = false;
            }
            if (ok) return true;
        }
    return false;
}

/* 100,000 points: zooming in step by step (x1.5 around a dense spot, each
 * view given the labels of the one before as prefer, as the viewer does)
 * never loses a label whose point stays in view, labels never overlap, and
 * the labelled share of the points in view grows. */
START_TEST(test_zoom_in_keeps_labels)
{
    size_t n = 100000;
    struct wordmap m;
    struct canvas_points p;
    make_wordmap(&m, &p, n, 3);
    bool *shown = calloc(n, sizeof *shown);
    for (int braille = 0; braille <= 1; braille++) {
        double view[4];
        canvas_bounds(&p, view);
        double cx = 3.4, cy = 3.1;
        double first_share = 0, last_share = 0;
        for (int step = 0; step <= 12; step++) {
            struct canvas c;
            p.prefer = step ? shown : NULL;
            draw_view(&c, &p, view, braille);
            check_labels(&c, &p);
            /* cells of kept points: labelled now, or kept from the last view */
            bool *keep = calloc((size_t)c.w * (size_t)c.h, sizeof *keep);
            for (size_t i = 0; i < n; i++)
                if (c.pt_col[i] >= 0 && (c.lab_len[i] || (step && shown[i])))
                    keep[(size_t)c.pt_row[i] * (size_t)c.w + (size_t)c.pt_col[i]] = true;
            size_t lost = 0, kept = 0;
            for (size_t i = 0; i < n; i++) {
                if (step && shown[i] && c.pt_col[i] >= 0) {
                    kept++;
                    if (!c.lab_len[i]) {
                        lost++;
                        ck_assert_msg(!label_would_fit(&c, keep, c.pt_row[i], c.pt_col[i], 7),
                                      "zoom step %d (braille %d): the label of %s was lost though it fits",
                                      step, braille, m.lab[i]);
                    }
                }
                shown[i] = c.lab_len[i] > 0;
            }
            free(keep);
            /* crowding by the grid's rounding is rare */
            ck_assert_msg(lost * 20 <= kept, "step %d: %zu of %zu labels lost", step, lost, kept);
            double share = (double)c.nlabelled / (double)(c.nvisible ? c.nvisible : 1);
            if (step == 0) first_share = share;
            last_share = share;
            canvas_free(&c);
            for (int k = 0; k < 2; k++) {
                double mid = k ? cy : cx, *lo = &view[2 * k], *hi = &view[2 * k + 1];
                *lo = mid - (mid - *lo) / 1.5;
                *hi = mid + (*hi - mid) / 1.5;
            }
        }
        ck_assert_msg(last_share > 20 * first_share, "labelled share %.4f zoomed in, %.4f at first",
                      last_share, first_share);
    }
    p.prefer = NULL;
    free(shown);
    free_wordmap(&m, n);
}
END_TEST

/* Two points in one cell with labels of one width: the more frequent word
 * is labelled whenever the rarer one is; and on a 100,000-point map the
 * labels that fit go to the frequent words. */
START_TEST(test_frequent_words_win)
{
    size_t n = 100000;
    struct wordmap m;
    struct canvas_points p;
    make_wordmap(&m, &p, n, 5);
    for (int braille = 0; braille <= 1; braille++) {
        struct canvas c;
        double view[4];
        canvas_bounds(&p, view);
        draw_view(&c, &p, view, braille);
        check_labels(&c, &p);
        ck_assert_msg(c.nlabelled >= 30, "only %zu labels on a 100x30 map of 100,000 points", c.nlabelled);
        /* the most frequent word in each occupied cell */
        size_t cells = (size_t)c.w * (size_t)c.h;
        long *best = malloc(cells * sizeof *best);
        for (size_t k = 0; k < cells; k++) best[k] = -1;
        for (size_t i = 0; i < n; i++) {
            if (c.pt_col[i] < 0) continue;
            size_t k = (size_t)c.pt_row[i] * (size_t)c.w + (size_t)c.pt_col[i];
            if (best[k] < 0 || m.rank[i] < m.rank[best[k]]) best[k] = (long)i;
        }
        for (size_t i = 0; i < n; i++) {
            if (!c.lab_len[i]) continue;
            size_t k = (size_t)c.pt_row[i] * (size_t)c.w + (size_t)c.pt_col[i];
            ck_assert_msg(c.lab_len[best[k]] > 0, "%s is labelled, the more frequent %s in its cell is not",
                          m.lab[i], m.lab[best[k]]);
        }
        /* the most frequent words are labelled (most of the first 20) */
        size_t top = 0;
        for (size_t i = 0; i < 20; i++) top += c.lab_len[i] > 0;
        ck_assert_msg(top >= 15, "%zu of the 20 most frequent words labelled", top);
        free(best);
        canvas_free(&c);
    }
    free_wordmap(&m, n);
}
END_TEST

START_TEST(test_highlighted_first)
{
    size_t n = 400;
    struct cloud cl;
    struct canvas_points p;
    make_cloud(&cl, &p, n, 9);
    /* highlight points spread out so that there is room for each label */
    size_t hl[] = {5, 123, 250, 399};
    for (size_t k = 0; k < 4; k++) cl.hl[hl[k]] = true;
    cl.xy[2 * 5] = -3; cl.xy[2 * 5 + 1] = 0;
    cl.xy[2 * 123] = 4; cl.xy[2 * 123 + 1] = 4;
    cl.xy[2 * 250] = -3; cl.xy[2 * 250 + 1] = 4;
    cl.xy[2 * 399] = 4; cl.xy[2 * 399 + 1] = 0;
    struct canvas c;
    draw(&c, &p, 60, 16, false);
    for (size_t k = 0; k < 4; k++) {
        ck_assert_msg(c.lab_len[hl[k]] > 0, "highlighted point %zu has no label", hl[k]);
        ck_assert_uint_eq(at(&c, c.pt_row[hl[k]], c.pt_col[hl[k]]), '@');
    }
    check_labels(&c, &p);
    /* the frequent (low rank) words get their labels before the rare ones */
    size_t *order = malloc(n * sizeof *order);
    canvas_priority_order(&p, order);
    size_t head = 0, tail = 0;
    for (size_t k = 0; k < n / 4; k++) {
        head += c.lab_len[order[k]] > 0;
        tail += c.lab_len[order[n - 1 - k]] > 0;
    }
    ck_assert_msg(head > tail, "frequent words labelled %zu, rare ones %zu", head, tail);
    free(order);
    canvas_free(&c);
    free_cloud(&cl, n);
}
END_TEST

START_TEST(test_deterministic)
{
    size_t n = 300;
    struct cloud cl;
    struct canvas_points p;
    make_cloud(&cl, &p, n, 4);
    struct canvas a, b;
    draw(&a, &p, 80, 24, false);
    draw(&b, &p, 80, 24, false);
    char *ta = grid_text(&a), *tb = grid_text(&b);
    ck_assert_str_eq(ta, tb);
    free(ta); free(tb);
    canvas_free(&a); canvas_free(&b);
    free_cloud(&cl, n);
}
END_TEST

START_TEST(test_one_point)
{
    const double xy[] = {3.5, -2};
    const char *lab[] = {"alone"};
    struct canvas_points p = {.n = 1, .xy = xy, .labels = lab};
    struct canvas c;
    draw(&c, &p, 30, 9, false);
    ck_assert_int_eq(c.pt_col[0], c.px + c.pw / 2);
    ck_assert_int_eq(c.pt_row[0], c.py + c.ph / 2);
    ck_assert_uint_eq(c.nlabelled, 1);
    expect_grid(&c, "canvas-one-point.txt");
    char foot[100];
    canvas_footer(&c, foot, sizeof foot);
    ck_assert_str_eq(foot, "1 point, 1 labelled");
    canvas_free(&c);
}
END_TEST

START_TEST(test_identical_points)
{
    double xy[24];
    const char *lab[12];
    for (int i = 0; i < 12; i++) { xy[2 * i] = 1e-3; xy[2 * i + 1] = 1e-3; lab[i] = "same"; }
    struct canvas_points p = {.n = 12, .xy = xy, .labels = lab};
    struct canvas c;
    draw(&c, &p, 30, 9, false);
    ck_assert_uint_eq(c.nvisible, 12);
    /* 12 points in one cell: the densest symbol */
    ck_assert_uint_eq(at(&c, c.pt_row[0], c.pt_col[0]), '#');
    check_labels(&c, &p);
    expect_grid(&c, "canvas-identical.txt");
    canvas_free(&c);
    draw(&c, &p, 30, 9, true);
    ck_assert_uint_eq(c.nvisible, 12);
    canvas_free(&c);
}
END_TEST

START_TEST(test_collinear)
{
    /* on a horizontal line (zero y range) and on a vertical one (zero x range) */
    double h[10], v[10];
    const char *lab[] = {"a", "bb", "ccc", "dddd", "eeeee"};
    for (int i = 0; i < 5; i++) {
        h[2 * i] = i; h[2 * i + 1] = 7;
        v[2 * i] = -1; v[2 * i + 1] = i * 100.0;
    }
    struct canvas_points p = {.n = 5, .xy = h, .labels = lab};
    struct canvas c;
    draw(&c, &p, 40, 9, false);
    for (int i = 0; i < 5; i++) ck_assert_int_eq(c.pt_row[i], c.py + c.ph / 2);
    ck_assert_int_eq(c.pt_col[0], c.px);
    ck_assert_int_eq(c.pt_col[4], c.px + c.pw - 1);
    check_labels(&c, &p);
    expect_grid(&c, "canvas-line-horizontal.txt");
    canvas_free(&c);
    p.xy = v;
    draw(&c, &p, 40, 9, true);
    for (int i = 0; i < 5; i++) ck_assert_int_eq(c.pt_col[i], c.px + c.pw / 2);
    check_labels(&c, &p);
    expect_grid(&c, "canvas-line-vertical-braille.txt");
    canvas_free(&c);
}
END_TEST

START_TEST(test_bad_values)
{
    /* non-finite coordinates are left out, never mapped */
    const double xy[] = {NAN, 1, 0, INFINITY, 1, 1, 2, 2, -DBL_MAX, DBL_MAX};
    struct canvas_points p = {.n = 5, .xy = xy};
    struct canvas c;
    draw(&c, &p, 30, 9, false);
    ck_assert_uint_eq(c.nvisible, 3);
    ck_assert_int_eq(c.pt_col[0], -1);
    ck_assert_int_eq(c.pt_col[1], -1);
    canvas_free(&c);
    struct canvas_points none = {.n = 0, .xy = xy};
    draw(&c, &none, 30, 9, true);
    ck_assert_uint_eq(c.nvisible, 0);
    canvas_free(&c);
    struct canvas_opts o = {.width = 5, .height = 3};
    embx_err e;
    ck_assert_int_eq(canvas_draw(&c, &p, &o, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "5x3") != NULL);
}
END_TEST

START_TEST(test_long_and_odd_labels)
{
    const double xy[] = {0, 0, 1, 1};
    const char *lab[] = {"supercalifragilisticexpialidocious-and-more", "bad\x01\xff"};
    struct canvas_points p = {.n = 2, .xy = xy, .labels = lab};
    struct canvas c;
    struct canvas_opts o = {.width = 60, .height = 8, .labels = true};
    embx_err e;
    ck_assert_int_eq(canvas_draw(&c, &p, &o, &e), EMBX_OK);
    ck_assert_int_eq(c.lab_len[0], 24);
    ck_assert_uint_eq(at(&c, c.lab_row[0], c.lab_col[0] + 23), '~');
    ck_assert_int_eq(c.lab_len[1], 5);
    ck_assert_uint_eq(at(&c, c.lab_row[1], c.lab_col[1] + 3), '?');
    ck_assert_uint_eq(at(&c, c.lab_row[1], c.lab_col[1] + 4), '?');
    canvas_free(&c);
}
END_TEST

/* A label takes the columns the output's table columns give the same word
 * (both measure with utf8_width): wide, combining, emoji and the code points
 * the canvas and the columns once measured differently. */
START_TEST(test_label_width_matches_columns)
{
    static const struct { const char *w; int cols; } words[] = {
        {"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6},   /* CJK, wide */
        {"e\xcc\x81te", 3},                               /* e + combining acute */
        {"\xf0\x9f\x98\x80x", 3},                        /* emoji + x */
        {"\xe3\x80\xbf", 1},                               /* U+303F half fill space: narrow */
        {"\xef\xb8\xb0", 2},                               /* U+FE30 vertical two dot leader: wide */
        {"caf\xc3\xa9", 4},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const double xy[] = {0, 0, 1, 1};
        const char *lab[] = {words[i].w, NULL};
        struct canvas_points p = {.n = 2, .xy = xy, .labels = lab};
        struct canvas c;
        draw(&c, &p, 60, 10, false);
        ck_assert_int_eq((int)utf8_width(words[i].w), words[i].cols);
        ck_assert_msg(c.lab_len[0] == words[i].cols, "word %zu: label takes %d cells, columns give %d",
                      i, c.lab_len[0], words[i].cols);
        canvas_free(&c);
    }
}
END_TEST

START_TEST(test_parse_size)
{
    int w, h;
    embx_err e;
    ck_assert_int_eq(canvas_parse_size("100x30", &w, &h, &e), EMBX_OK);
    ck_assert_int_eq(w, 100);
    ck_assert_int_eq(h, 30);
    ck_assert_int_eq(canvas_parse_size("100", &w, &h, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "'100'") != NULL);
    ck_assert_int_eq(canvas_parse_size("10x30", &w, &h, &e), EMBX_ERR);
    ck_assert_int_eq(canvas_parse_size("80x24junk", &w, &h, &e), EMBX_ERR);
}
END_TEST

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle)) n++;
    return n;
}

START_TEST(test_svg)
{
    size_t n = 150;
    struct cloud cl;
    struct canvas_points p;
    make_cloud(&cl, &p, n, 3);
    free(cl.lab[0]);
    cl.lab[0] = strdup("a<b>&\"c'\x02\xfe");
    cl.hl[0] = true;
    int group[150];
    for (size_t i = 0; i < n; i++) group[i] = (int)(i % 3);
    p.group = group;
    struct canvas c;
    draw(&c, &p, 100, 30, false);
    char tmpl[] = "/tmp/embx-test-svg.XXXXXX";
    int fd = mkstemp(tmpl);
    ck_assert(fd >= 0);
    close(fd);
    char *names[] = {"alpha", "beta & co", "gamma"};
    embx_err e;
    ck_assert_int_eq(svg_write(tmpl, &c, &p, "t-SNE of <150> words", names, 3, &e), EMBX_OK);
    FILE *fp = fopen(tmpl, "r");
    ck_assert_ptr_nonnull(fp);
    static char svg[1 << 20];
    size_t len = fread(svg, 1, sizeof svg - 1, fp);
    svg[len] = 0;
    fclose(fp);
    ck_assert_uint_eq(count(svg, "<circle class=\"point"), n);
    ck_assert_uint_eq(count(svg, "<text class=\"label\""), c.nlabelled);
    ck_assert_uint_eq(count(svg, "class=\"point highlight\""), 1);
    ck_assert(strstr(svg, "t-SNE of &lt;150&gt; words") != NULL);
    ck_assert(strstr(svg, "beta &amp; co") != NULL);
    if (system("command -v xmllint >/dev/null 2>&1") == 0) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "xmllint --noout %s", tmpl);
        ck_assert_msg(system(cmd) == 0, "xmllint rejects the SVG");
    }
    unlink(tmpl);
    canvas_free(&c);
    free_cloud(&cl, n);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plot");
    TCase *tc = tcase_create("canvas");
    tcase_set_timeout(tc, 120);   /* 100,000-point maps: slow under sanitizers and load */
    tcase_add_test(tc, test_corners_ascii);
    tcase_add_test(tc, test_corners_braille);
    tcase_add_test(tc, test_labels_never_overlap);
    tcase_add_test(tc, test_highlighted_first);
    tcase_add_test(tc, test_zoom_in_keeps_labels);
    tcase_add_test(tc, test_frequent_words_win);
    tcase_add_test(tc, test_deterministic);
    tcase_add_test(tc, test_one_point);
    tcase_add_test(tc, test_identical_points);
    tcase_add_test(tc, test_collinear);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_long_and_odd_labels);
    tcase_add_test(tc, test_label_width_matches_columns);
    tcase_add_test(tc, test_parse_size);
    tcase_add_test(tc, test_svg);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
