/* tui: the ncurses viewer. It redraws the whole canvas on every key (a few
 * thousand cells), which keeps the state simple: a view window, a cursor
 * point, the highlighted set and a few toggles. See tui.h. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include "tui.h"
#include "canvas.h"
#include "faith.h"
#include "kmeans.h"
#include "knn.h"
#include "progress.h"
#include "svg.h"
#include "utf8.h"
#include "strutil.h"
#include "lineedit.h"

#define PANEL_W 30
#define MAX_NEIGHBOURS 40
/* A full-space neighbour is "torn" when more than this many times the
 * panel's k plotted points lie closer to the word on the map. */
#define TORN_FACTOR 3
/* The least-faithful view highlights this share of the scored points. */
#define LEAST_FAITHFUL_SHARE 0.1
#define ZOOM_STEP 1.5
#define PAIR_HL 7
#define PAIR_DIM 8
#define KEY_ESC 27
#define POLL_MS 200
/* k of the k-means that `c` offers when the projection has no groups */
#define TUI_DEFAULT_CLUSTERS "6"

/* Our own SIGWINCH flag: ncurses catches the signal only when no handler was
 * installed before its first start, and readline installs one. */
static volatile sig_atomic_t winch_flag;
static void on_winch(int sig)
{
    (void)sig;
    winch_flag = 1;
}

struct viewer {
    struct session *s;
    const struct projection *p;
    struct canvas_points pts;
    double full[4], view[4];
    long cur;                    /* point under the cursor, -1 = none */
    bool *hl;                    /* highlighted now: the projection's own plus neighbours */
    int *kgroup;                 /* k-means groups (when the projection has none) */
    size_t *order;               /* points in label-priority order, for n / N */
    size_t ordpos;
    bool labels, colour, braille, utf8, has_colour;
    struct knn_hit nb[MAX_NEIGHBOURS];
    size_t nnb;                  /* neighbours shown in the panel (0 = no panel) */
    bool torn[MAX_NEIGHBOURS];   /* in the plot but far from the point on the map */
    bool faithview;              /* least-faithful points highlighted (F) */
    long nb_of;                  /* point they belong to */
    char msg[1200];
    struct canvas c;             /* the last drawn canvas */
    bool *shown;                 /* points labelled in the last drawn canvas */
    double shown_view[4];        /* its view; shown_w 0 = nothing drawn yet */
    int shown_w, shown_h;
};

bool tui_utf8_locale(void)
{
    const char *cur = setlocale(LC_CTYPE, NULL);
    if (cur && strcmp(cur, "C") != 0 && strcmp(cur, "POSIX") != 0)
        return strcasecmp(nl_langinfo(CODESET), "UTF-8") == 0;
    /* the program kept the C locale: judge by what the environment asks for */
    const char *vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v) continue;
        char low[128];
        size_t k = 0;
        for (; v[k] && k + 1 < sizeof low; k++) low[k] = (char)(v[k] >= 'A' && v[k] <= 'Z' ? v[k] + 32 : v[k]);
        low[k] = 0;
        return strstr(low, "utf-8") || strstr(low, "utf8");
    }
    return false;
}

/* Applies a pending terminal resize; true when there was one. */
static bool check_resize(void)
{
    if (!winch_flag) return false;
    winch_flag = 0;
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    return true;
}

static double zoom_of(const struct viewer *v)
{
    double fw = v->full[1] - v->full[0], vw = v->view[1] - v->view[0];
    return vw > 0 ? fw / vw : 1.0;
}

static const char *label_of(const struct viewer *v, long i)
{
    if (i < 0) return "";
    const char *l = v->p->labels ? v->p->labels[i] : NULL;
    return l ? l : "";
}

/* Puts code point cp with attributes at (y, x). */
static void put_cell(int y, int x, uint32_t cp, attr_t attr, short pair)
{
    if (cp < 0x80) {
        mvaddch(y, x, (chtype)cp | attr | COLOR_PAIR(pair));
        return;
    }
    cchar_t cc;
    wchar_t wc[2] = {(wchar_t)cp, 0};
    setcchar(&cc, wc, attr, pair, NULL);
    mvadd_wch(y, x, &cc);
}

static void put_str(int y, int x, int maxw, const char *s, attr_t attr)
{
    const char *p = s;
    int col = 0;
    while (*p && col < maxw) {
        uint32_t cp;
        size_t len = utf8_decode(p, &cp);
        p += len ? len : 1;
        if (cp < 0x20) cp = '?';
        int w = utf8_cp_width(cp);
        if (w == 0) continue;   /* no cell of its own, as in the canvas */
        if (col + w > maxw) break;
        put_cell(y, x + col, cp, attr, 0);
        col += w;
    }
}

static void recentre_on(struct viewer *v, long i)
{
    double x = v->p->xy[2 * i], y = v->p->xy[2 * i + 1];
    double hw = (v->view[1] - v->view[0]) / 2, hh = (v->view[3] - v->view[2]) / 2;
    v->view[0] = x - hw; v->view[1] = x + hw;
    v->view[2] = y - hh; v->view[3] = y + hh;
}

static void set_cursor(struct viewer *v, long i)
{
    v->cur = i;
    if (i < 0) return;
    double x = v->p->xy[2 * i], y = v->p->xy[2 * i + 1];
    if (x < v->view[0] || x > v->view[1] || y < v->view[2] || y > v->view[3]) recentre_on(v, i);
    for (size_t k = 0; k < v->p->n; k++)
        if (v->order[k] == (size_t)i) v->ordpos = k;
}

static void draw(struct viewer *v)
{
    erase();
    if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES) {
        char m[120];
        snprintf(m, sizeof m, "terminal too small: need %dx%d, have %dx%d (q quits)",
                 TUI_MIN_COLS, TUI_MIN_LINES, COLS, LINES);
        mvaddnstr(LINES / 2, 0, m, COLS);
        refresh();
        return;
    }
    int panel = v->nnb ? (COLS / 3 < PANEL_W ? COLS / 3 : PANEL_W) : 0;
    struct canvas_opts o = {.width = COLS - panel, .height = LINES - 2, .braille = v->braille,
                            .unicode = v->utf8, .box = v->utf8, .labels = v->labels,
                            .have_view = true, .title = v->p->title};
    memcpy(o.view, v->view, sizeof o.view);
    const int *groups = v->p->group ? v->p->group : v->kgroup;
    v->pts.highlight = v->hl;
    v->pts.group = v->colour ? groups : NULL;
    /* a view inside the last one (zoomed in, or the same) keeps its labels
     * and adds more; panning, zooming out or a resize places them anew */
    bool inside = v->shown_w == o.width && v->shown_h == o.height && v->labels &&
                  v->view[0] >= v->shown_view[0] && v->view[1] <= v->shown_view[1] &&
                  v->view[2] >= v->shown_view[2] && v->view[3] <= v->shown_view[3];
    v->pts.prefer = inside ? v->shown : NULL;
    canvas_free(&v->c);
    embx_err e;
    /* the cursor's point is drawn marked (@) whether or not a panel is open,
     * so closing one (Esc) does not take the mark away */
    bool cur_hl = v->cur >= 0 && v->hl[v->cur];
    if (v->cur >= 0) v->hl[v->cur] = true;
    int drawn = canvas_draw(&v->c, &v->pts, &o, &e);
    if (v->cur >= 0) v->hl[v->cur] = cur_hl;
    v->pts.prefer = NULL;
    if (drawn != EMBX_OK) {
        v->shown_w = 0;
        mvaddnstr(0, 0, e.msg, COLS);
        refresh();
        return;
    }
    const struct canvas *c = &v->c;
    for (size_t i = 0; i < c->n; i++) v->shown[i] = c->lab_len[i] > 0;
    memcpy(v->shown_view, v->view, sizeof v->shown_view);
    v->shown_w = o.width;
    v->shown_h = o.height;
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w; x++) {
            const struct canvas_cell *k = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
            if (k->ch == 0 || k->ch == ' ') continue;
            attr_t a = A_NORMAL;
            short pair = 0;
            if (k->kind == CELL_FRAME || k->kind == CELL_AXIS) {
                if (v->has_colour) pair = PAIR_DIM;
                else a |= A_DIM;
            }
            if (k->highlight) {
                a |= A_BOLD;
                if (v->has_colour) pair = PAIR_HL;
            } else if (k->point >= 0 && v->pts.group && v->pts.group[k->point] >= 0 && v->has_colour) {
                pair = (short)(1 + v->pts.group[k->point] % 6);
            }
            if (k->point >= 0 && k->point == v->cur) a |= k->kind == CELL_LABEL ? A_UNDERLINE | A_BOLD : A_REVERSE;
            put_cell(y, x, k->ch, a, pair);
        }
    if (v->cur >= 0 && c->pt_col[v->cur] >= 0)
        mvchgat(c->pt_row[v->cur], c->pt_col[v->cur], 1, A_REVERSE, 0, NULL);

    if (panel) {
        int x = COLS - panel + 1, y = 1, pw = panel - 1;
        char line[200];
        snprintf(line, sizeof line, "neighbours of %s", label_of(v, v->nb_of));
        put_str(0, x, pw, line, A_BOLD);
        for (size_t i = 0; i < v->nnb && y < LINES - 2; i++, y++) {
            bool inplot = false;
            for (size_t j = 0; j < v->p->n && !inplot; j++)
                inplot = v->p->rows && v->p->rows[j] == (long)v->nb[i].row;
            snprintf(line, sizeof line, "%c%c%6.3f %s", inplot ? '*' : ' ', v->torn[i] ? '!' : ' ',
                     v->nb[i].score, v->s->table->words[v->nb[i].row]);
            put_str(y, x, pw, line, inplot ? A_BOLD : A_NORMAL);
        }
        if (y < LINES - 2) put_str(y + 1, x, pw, "* also in the plot", A_DIM);
        if (y + 1 < LINES - 2) put_str(y + 2, x, pw, "! torn: far on the map", A_DIM);
    }

    char foot[160];
    canvas_footer(c, foot, sizeof foot);
    put_str(LINES - 2, 0, COLS, v->msg[0] ? v->msg : foot, A_NORMAL);
    /* the point and the zoom first, the key help at the right, the title in between */
    char status[600];
    const char *help = "? keys  q quit ";
    if (v->cur >= 0)
        snprintf(status, sizeof status, " %s (%.3g, %.3g) | zoom %.1fx | %s", label_of(v, v->cur),
                 v->p->xy[2 * v->cur], v->p->xy[2 * v->cur + 1], zoom_of(v), v->p->title);
    else
        snprintf(status, sizeof status, " zoom %.1fx | %s", zoom_of(v), v->p->title);
    int hw = (int)strlen(help);
    attron(A_REVERSE);
    mvhline(LINES - 1, 0, ' ', COLS);
    put_str(LINES - 1, 0, COLS - hw - 1, status, A_REVERSE);
    put_str(LINES - 1, COLS - hw, hw, help, A_REVERSE);
    attroff(A_REVERSE);
    refresh();
}

/* Display width of the first n bytes of s. */
static int width_of(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, &cp);
        i += len ? len : 1;
        w += cp < 0x20 ? 1 : utf8_cp_width(cp);
    }
    return w;
}

/* Reads a line in the message row with a prompt, editing buf (its text is
 * the default) with the keys of lineedit.h; Tab calls complete (may be NULL).
 * Returns false when cancelled with Esc. */
static bool prompt(struct viewer *v, const char *pr, char *buf, size_t cap,
                   void (*complete)(struct viewer *, char *, size_t))
{
    struct lineedit le;
    lineedit_init(&le, buf, cap);
    int pw = (int)utf8_width(pr);
    for (;;) {
        move(LINES - 2, 0);
        clrtoeol();
        put_str(LINES - 2, 0, COLS, pr, A_BOLD);
        /* a text wider than the row scrolls: the cursor stays in sight */
        int room = COLS - pw - 1, before = width_of(buf, le.pos);
        size_t from = 0;
        while (before > room - 1 && from < le.pos) {
            uint32_t cp;
            size_t len = utf8_decode(buf + from, &cp);
            from += len ? len : 1;
            before = width_of(buf + from, le.pos - from);
        }
        put_str(LINES - 2, pw, room, buf + from, A_NORMAL);
        move(LINES - 2, pw + before);
        curs_set(1);
        refresh();
        wint_t ch;
        int r = get_wch(&ch);
        curs_set(0);
        if (progress_cancelled()) return false;
        if (check_resize()) draw(v);
        if (r == ERR) continue;
        if (r == KEY_CODE_YES) {
            switch (ch) {
            case KEY_ENTER: return true;
            case KEY_RESIZE: draw(v); break;
            case KEY_BACKSPACE: lineedit_apply(&le, LE_BACKSPACE); break;
            case KEY_DC: lineedit_apply(&le, LE_DELETE); break;
            case KEY_LEFT: lineedit_apply(&le, LE_LEFT); break;
            case KEY_RIGHT: lineedit_apply(&le, LE_RIGHT); break;
            case KEY_HOME: lineedit_apply(&le, LE_HOME); break;
            case KEY_END: lineedit_apply(&le, LE_END); break;
            default: break;
            }
            continue;
        }
        if (ch == KEY_ESC || ch == 7) return false;
        if (ch == '\n' || ch == '\r') return true;
        if (ch == '\t') {
            if (complete) {
                complete(v, buf, cap);
                lineedit_set(&le, buf);
            }
            continue;
        }
        enum lineedit_key k = lineedit_control((uint32_t)ch);
        if (k) lineedit_apply(&le, k);
        else lineedit_insert(&le, (uint32_t)ch);
    }
}

/* Tab in the search prompt: extends buf to the longest common prefix of the
 * plotted words that start with it (the search looks only at those). */
static void complete_word(struct viewer *v, char *buf, size_t cap)
{
    size_t plen = strlen(buf), count = 0, lcp = 0;
    const char *first = NULL, *last = NULL;
    for (size_t i = 0; i < v->p->n; i++) {
        const char *l = label_of(v, (long)i);
        if (strncmp(l, buf, plen) != 0) continue;
        count++;
        if (!first || strcmp(l, first) < 0) first = l;
        if (!last || strcmp(l, last) > 0) last = l;
    }
    char m[300];
    move(LINES - 1, 0);
    clrtoeol();
    if (!count) {
        snprintf(m, sizeof m, " no plotted word starts with '%s'", buf);
        put_str(LINES - 1, 0, COLS, m, A_REVERSE);
        return;
    }
    /* the smallest and the largest match bound the common prefix */
    while (first[lcp] && first[lcp] == last[lcp]) lcp++;
    while (lcp > plen && ((unsigned char)first[lcp] & 0xc0) == 0x80) lcp--;
    if (lcp > plen && lcp < cap) {
        memcpy(buf, first, lcp);
        buf[lcp] = 0;
    }
    snprintf(m, sizeof m, " %zu match%s: %s%s%s", count, count == 1 ? "" : "es", first,
             count > 1 ? " ... " : "", count > 1 ? last : "");
    put_str(LINES - 1, 0, COLS, m, A_REVERSE);
}

static void search(struct viewer *v)
{
    char buf[256] = "";
    v->msg[0] = 0;
    if (!prompt(v, "/", buf, sizeof buf, complete_word) || !buf[0]) return;
    long found = -1;
    for (size_t i = 0; i < v->p->n && found < 0; i++)
        if (strcmp(label_of(v, (long)i), buf) == 0) found = (long)i;
    for (size_t i = 0; i < v->p->n && found < 0; i++)
        if (strcasecmp(label_of(v, (long)i), buf) == 0) found = (long)i;
    if (found >= 0) {
        set_cursor(v, found);
        snprintf(v->msg, sizeof v->msg, "found %s", label_of(v, found));
    } else if (v->s->table && table_find(v->s->table, buf) >= 0) {
        snprintf(v->msg, sizeof v->msg, "'%s' is in the table but not in this plot", buf);
    } else {
        snprintf(v->msg, sizeof v->msg, "'%s' is not in this plot", buf);
    }
}

/* Enter: nearest neighbours of the cursor's row in the full table. */
static void neighbours(struct viewer *v)
{
    const struct projection *p = v->p;
    if (v->cur < 0) return;
    long row = p->rows ? p->rows[v->cur] : -1;
    embx_table *t = v->s->table;
    if (!t || row < 0 || (size_t)row >= t->n) {
        snprintf(v->msg, sizeof v->msg, "'%s' has no row in the loaded table", label_of(v, v->cur));
        return;
    }
    size_t k = v->s->k > 0 ? (size_t)v->s->k : 10, nh = 0;
    /* the panel holds MAX_NEIGHBOURS lines: a larger `set k` is clamped and the status line says so */
    bool capped = k > MAX_NEIGHBOURS;
    if (capped) k = MAX_NEIGHBOURS;
    size_t ex = (size_t)row;
    embx_err e;
    if (knn_query(t, table_row(t, (size_t)row), k, 0, &ex, 1, session_threads(v->s), v->nb, &nh, &e) != EMBX_OK) {
        snprintf(v->msg, sizeof v->msg, "neighbours: %s", e.msg);
        return;
    }
    v->nnb = nh;
    v->nb_of = v->cur;
    v->faithview = false;
    size_t inplot = 0, torn = 0;
    const double *xy = p->xy;
    double cx = xy[2 * v->cur], cy = xy[2 * v->cur + 1];
    for (size_t j = 0; j < nh; j++) v->torn[j] = false;
    for (size_t i = 0; i < p->n; i++) {
        v->hl[i] = (p->highlight && p->highlight[i]) || (long)i == v->cur;
        for (size_t j = 0; j < nh && p->rows; j++) {
            if (p->rows[i] != (long)v->nb[j].row) continue;
            v->hl[i] = true;
            inplot++;
            /* its rank among the plotted points by map distance from the cursor */
            double d = (xy[2 * i] - cx) * (xy[2 * i] - cx) + (xy[2 * i + 1] - cy) * (xy[2 * i + 1] - cy);
            size_t closer = 0;
            for (size_t m = 0; m < p->n; m++) {
                if ((long)m == v->cur || m == i) continue;
                double dm = (xy[2 * m] - cx) * (xy[2 * m] - cx) + (xy[2 * m + 1] - cy) * (xy[2 * m + 1] - cy);
                closer += dm < d;
            }
            if (closer >= TORN_FACTOR * k && !v->torn[j]) { v->torn[j] = true; torn++; }
        }
    }
    char cap[64] = "";
    if (capped) snprintf(cap, sizeof cap, " (the panel shows at most %d; set k is more)", MAX_NEIGHBOURS);
    snprintf(v->msg, sizeof v->msg, "%zu neighbours of %s%s, %zu of them in the plot, %zu torn (more than %zu points closer on the map; Esc closes)",
             nh, label_of(v, v->cur), cap, inplot, torn, TORN_FACTOR * k);
}

/* F: highlights the points whose 10 nearest map neighbours share least with
 * their 10 nearest in the full space (the least faithful tenth), or clears. */
static void toggle_faith(struct viewer *v)
{
    const struct projection *p = v->p;
    embx_table *t = v->s->table;
    if (v->faithview) {
        v->faithview = false;
        for (size_t i = 0; i < p->n; i++) v->hl[i] = p->highlight && p->highlight[i];
        snprintf(v->msg, sizeof v->msg, "least-faithful view off");
        return;
    }
    if (!t || !p->rows) { snprintf(v->msg, sizeof v->msg, "no table rows: faithfulness needs the full vectors"); return; }
    size_t m = 0;
    size_t *rows = malloc(sizeof(size_t) * (p->n ? p->n : 1)), *at = malloc(sizeof(size_t) * (p->n ? p->n : 1));
    double *Y = malloc(sizeof(double) * 2 * (p->n ? p->n : 1)), *pres = malloc(sizeof(double) * (p->n ? p->n : 1));
    if (!rows || !at || !Y || !pres) {
        snprintf(v->msg, sizeof v->msg, "out of memory for the faithfulness view");
        goto done;
    }
    for (size_t i = 0; i < p->n; i++)
        if (p->rows[i] >= 0 && (size_t)p->rows[i] < t->n) {
            rows[m] = (size_t)p->rows[i]; at[m] = i;
            Y[2 * m] = p->xy[2 * i]; Y[2 * m + 1] = p->xy[2 * i + 1];
            m++;
        }
    struct faith_opts fo;
    faith_opts_init(&fo);
    fo.threads = session_threads(v->s);
    fo.cosine = strcmp(p->method, "pca") == 0 || !strstr(p->faith, "Euclidean");
    struct faith f;
    embx_err e;
    snprintf(v->msg, sizeof v->msg, "scoring %zu points...", m);
    if (m < 4 || faith_score(t->vecs, t->dim, t->dim, rows, m, Y, &fo, &f, pres, &e) != EMBX_OK) {
        snprintf(v->msg, sizeof v->msg, "faithfulness: %s", m < 4 ? "needs at least 4 table rows" : e.msg);
        goto done;
    }
    /* the threshold: the preservation at the least-faithful tenth */
    size_t ns = 0;
    double *sorted = malloc(sizeof(double) * (m ? m : 1));
    if (!sorted) { snprintf(v->msg, sizeof v->msg, "out of memory"); goto done; }
    for (size_t a = 0; a < m; a++) if (!isnan(pres[a])) sorted[ns++] = pres[a];
    for (size_t a = 1; a < ns; a++) {
        double x = sorted[a];
        size_t b = a;
        while (b > 0 && sorted[b - 1] > x) { sorted[b] = sorted[b - 1]; b--; }
        sorted[b] = x;
    }
    double cut = ns ? sorted[(size_t)((double)(ns - 1) * LEAST_FAITHFUL_SHARE)] : 0.0;
    free(sorted);
    size_t marked = 0;
    v->nnb = 0;
    for (size_t i = 0; i < p->n; i++) v->hl[i] = false;
    for (size_t a = 0; a < m; a++)
        if (!isnan(pres[a]) && pres[a] <= cut) { v->hl[at[a]] = true; marked++; }
    v->faithview = true;
    snprintf(v->msg, sizeof v->msg, "least faithful: %zu points with %zu-NN preservation <= %.2f (map mean %.2f, trust %.3f%s); F clears",
             marked, f.k, cut, f.preservation, f.trust, f.sampled ? ", sampled" : "");
done:
    free(rows); free(at); free(Y); free(pres);
}

static void close_panel(struct viewer *v)
{
    v->nnb = 0;
    v->faithview = false;
    for (size_t i = 0; i < v->p->n; i++) v->hl[i] = v->p->highlight && v->p->highlight[i];
}

/* c: colours by the projection's groups, or by k-means of the plotted rows. */
static void toggle_colour(struct viewer *v)
{
    if (v->colour) { v->colour = false; v->msg[0] = 0; return; }
    if (!v->has_colour) {
        snprintf(v->msg, sizeof v->msg, "no colours: the terminal has none or NO_COLOR is set");
        return;
    }
    const struct projection *p = v->p;
    if (p->group) { v->colour = true; snprintf(v->msg, sizeof v->msg, "coloured by %d groups", p->ngroups); return; }
    embx_table *t = v->s->table;
    if (!t || !p->rows) { snprintf(v->msg, sizeof v->msg, "no groups and no table rows to cluster"); return; }
    char buf[32] = "";
    if (!prompt(v, "k-means clusters k (Enter accepts " TUI_DEFAULT_CLUSTERS "): ", buf, sizeof buf, NULL)) return;
    if (!buf[0]) strcpy(buf, TUI_DEFAULT_CLUSTERS);
    long k;
    if (!str_parse_long(buf, &k) || k < 1 || k > 64) {
        snprintf(v->msg, sizeof v->msg, "k '%s' should be a whole number from 1 to 64", buf);
        return;
    }
    size_t m = 0;
    for (size_t i = 0; i < p->n; i++) m += p->rows[i] >= 0 && (size_t)p->rows[i] < t->n;
    if ((size_t)k > m) { snprintf(v->msg, sizeof v->msg, "k %ld is more than the %zu rows", k, m); return; }
    float *X = malloc(m * t->dim * sizeof *X);
    int *assign = malloc(m * sizeof *assign);
    if (!v->kgroup) v->kgroup = malloc(p->n * sizeof *v->kgroup);
    if (!X || !assign || !v->kgroup) {
        free(X); free(assign);
        snprintf(v->msg, sizeof v->msg, "out of memory for k-means");
        return;
    }
    size_t r = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->rows[i] >= 0 && (size_t)p->rows[i] < t->n)
            memcpy(X + r++ * t->dim, table_row(t, (size_t)p->rows[i]), t->dim * sizeof *X);
    embx_err e;
    if (kmeans_run(X, m, t->dim, (int)k, 1, true, 100, assign, NULL, &e) != EMBX_OK) {
        snprintf(v->msg, sizeof v->msg, "k-means: %s", e.msg);
    } else {
        r = 0;
        for (size_t i = 0; i < p->n; i++)
            v->kgroup[i] = p->rows[i] >= 0 && (size_t)p->rows[i] < t->n ? assign[r++] : -1;
        v->colour = true;
        snprintf(v->msg, sizeof v->msg, "coloured by k-means, k=%ld (cosine, seed 1)", k);
    }
    free(X);
    free(assign);
}

static void write_svg(struct viewer *v)
{
    char buf[512] = "embx-plot.svg";
    if (!prompt(v, "write SVG to: ", buf, sizeof buf, NULL) || !buf[0]) return;
    embx_err e;
    const struct projection *p = v->p;
    if (svg_write(buf, &v->c, &v->pts, p->title, p->group ? p->group_names : NULL,
                  p->group ? p->ngroups : 0, &e) != EMBX_OK)
        snprintf(v->msg, sizeof v->msg, "%s", e.msg);
    else
        snprintf(v->msg, sizeof v->msg, "wrote %s (%zu points, %zu labelled)", buf, v->c.nvisible,
                 v->c.nlabelled);
}

static void pan(struct viewer *v, double fx, double fy)
{
    double dx = (v->view[1] - v->view[0]) * fx, dy = (v->view[3] - v->view[2]) * fy;
    v->view[0] += dx; v->view[1] += dx;
    v->view[2] += dy; v->view[3] += dy;
}

static void zoom(struct viewer *v, double f)
{
    double cx, cy;
    if (v->cur >= 0) { cx = v->p->xy[2 * v->cur]; cy = v->p->xy[2 * v->cur + 1]; }
    else { cx = (v->view[0] + v->view[1]) / 2; cy = (v->view[2] + v->view[3]) / 2; }
    if (f < 1 && zoom_of(v) / (1 / f) <= 1.0 + 1e-9) { memcpy(v->view, v->full, sizeof v->view); return; }
    if (f > 1 && zoom_of(v) * f > 1e6) { snprintf(v->msg, sizeof v->msg, "zoomed in as far as it goes"); return; }
    v->view[0] = cx - (cx - v->view[0]) / f;
    v->view[1] = cx + (v->view[1] - cx) / f;
    v->view[2] = cy - (cy - v->view[2]) / f;
    v->view[3] = cy + (v->view[3] - cy) / f;
}

static void step(struct viewer *v, int dir)
{
    size_t n = v->p->n;
    if (!n) return;
    if (v->cur < 0) v->ordpos = dir > 0 ? n - 1 : 0;
    v->ordpos = (v->ordpos + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
    set_cursor(v, (long)v->order[v->ordpos]);
    v->msg[0] = 0;
}

/* The actions the keys run; each returns true to leave the viewer. */
static bool act_quit(struct viewer *v) { (void)v; return true; }
static bool act_left(struct viewer *v) { pan(v, -0.125, 0); return false; }
static bool act_right(struct viewer *v) { pan(v, 0.125, 0); return false; }
static bool act_up(struct viewer *v) { pan(v, 0, 0.125); return false; }
static bool act_down(struct viewer *v) { pan(v, 0, -0.125); return false; }
static bool act_zoom_in(struct viewer *v) { zoom(v, ZOOM_STEP); return false; }
static bool act_zoom_out(struct viewer *v) { zoom(v, 1 / ZOOM_STEP); return false; }
static bool act_reset(struct viewer *v)
{
    memcpy(v->view, v->full, sizeof v->view);
    v->msg[0] = 0;
    return false;
}
static bool act_next(struct viewer *v) { step(v, 1); return false; }
static bool act_prev(struct viewer *v) { step(v, -1); return false; }
static bool act_search(struct viewer *v) { search(v); return false; }
static bool act_neighbours(struct viewer *v) { neighbours(v); return false; }
static bool act_close(struct viewer *v) { close_panel(v); v->msg[0] = 0; return false; }
static bool act_labels(struct viewer *v)
{
    v->labels = !v->labels;
    snprintf(v->msg, sizeof v->msg, "labels %s", v->labels ? "on" : "off");
    return false;
}
static bool act_colour(struct viewer *v) { toggle_colour(v); return false; }
static bool act_svg(struct viewer *v) { write_svg(v); return false; }
static bool act_faith(struct viewer *v) { toggle_faith(v); return false; }
static bool act_redraw(struct viewer *v) { (void)v; clearok(curscr, TRUE); return false; }
static bool act_help(struct viewer *v);

/* The viewer's keys: one row per action. The dispatcher, the `?` overlay,
 * the man page's VIEWER KEYS section and the README's list all come from
 * here (tests/unit/test_core checks the two documents against it). chars are
 * plain characters, curses are ncurses KEY_* codes; both 0-terminated. */
static const struct tui_key {
    const char *name, *help;
    bool (*run)(struct viewer *v);
    int chars[4], curses[3];
} tui_keys[] = {
    {"arrows, h j k l", "pan", NULL, {0}, {0}},   /* the four rows below do the work */
    {NULL, NULL, act_left, {'h'}, {KEY_LEFT}},
    {NULL, NULL, act_right, {'l'}, {KEY_RIGHT}},
    {NULL, NULL, act_up, {'k'}, {KEY_UP}},
    {NULL, NULL, act_down, {'j'}, {KEY_DOWN}},
    {"+ / -", "zoom in / out around the cursor", act_zoom_in, {'+', '='}, {0}},
    {NULL, NULL, act_zoom_out, {'-', '_'}, {0}},
    {"0", "reset the view", act_reset, {'0'}, {0}},
    {"Tab, n / N", "next / previous point (by frequency)", act_next, {'\t', 'n'}, {0}},
    {NULL, NULL, act_prev, {'N'}, {KEY_BTAB}},
    {"/", "search a plotted word (Tab completes)", act_search, {'/'}, {0}},
    {"Enter", "nearest neighbours of the point", act_neighbours, {'\n', '\r'}, {KEY_ENTER}},
    {"Esc", "close the neighbour panel", act_close, {KEY_ESC}, {0}},
    {"F", "highlight the least faithful points", act_faith, {'F'}, {0}},
    {"L", "labels on / off", act_labels, {'L'}, {0}},
    {"c", "colour by group (or k-means)", act_colour, {'c'}, {0}},
    {"w", "write the view as SVG", act_svg, {'w'}, {0}},
    {"Ctrl-L", "redraw", act_redraw, {12}, {0}},
    {"?", "this list of keys", act_help, {'?'}, {0}},
    {"q", "back to the prompt", act_quit, {'q'}, {0}},
    /* documentation only: the prompts' editing keys (lineedit.h) */
    {"Ctrl-U / Ctrl-W", "in a prompt: delete back to the start / a word", NULL, {0}, {0}},
};
#define NKEYS (sizeof tui_keys / sizeof tui_keys[0])

bool tui_key_doc(size_t i, const char **name, const char **help)
{
    size_t seen = 0;
    for (size_t j = 0; j < NKEYS; j++) {
        if (!tui_keys[j].name) continue;
        if (seen++ == i) {
            *name = tui_keys[j].name;
            *help = tui_keys[j].help;
            return true;
        }
    }
    return false;
}

/* The row bound to a key (special: an ncurses KEY_* code), or NULL. */
static const struct tui_key *key_lookup(wint_t ch, bool special)
{
    for (size_t j = 0; j < NKEYS; j++) {
        const int *codes = special ? tui_keys[j].curses : tui_keys[j].chars;
        for (size_t i = 0; codes[i]; i++)
            if ((wint_t)codes[i] == ch) return &tui_keys[j];
    }
    return NULL;
}

/* A box of h x w cells at (y, x) with a title in its top edge, the inside blank. */
static void draw_box(int y, int x, int h, int w, const char *title)
{
    for (int i = 0; i < h; i++) {
        if (y + i >= LINES) break;
        move(y + i, x);
        for (int j = 0; j < w && x + j < COLS; j++) {
            bool top = i == 0, bottom = i == h - 1, left = j == 0, right = j == w - 1;
            chtype c = top && left ? ACS_ULCORNER : top && right ? ACS_URCORNER
                     : bottom && left ? ACS_LLCORNER : bottom && right ? ACS_LRCORNER
                     : top || bottom ? ACS_HLINE : left || right ? ACS_VLINE : ' ';
            addch(c);
        }
    }
    char t[64];
    snprintf(t, sizeof t, " %s ", title);
    put_str(y, x + 2, w - 4, t, A_BOLD);
}

static bool act_help(struct viewer *v)
{
    (void)v;
    const char *name, *help;
    int n = 0, w = 72;
    while (tui_key_doc((size_t)n, &name, &help)) n++;
    int h = n + 4;
    int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
    if (y0 < 0) y0 = 0;
    if (x0 < 0) x0 = 0;
    draw_box(y0, x0, h, w, "keys");
    for (int i = 0; tui_key_doc((size_t)i, &name, &help); i++) {
        char line[160];
        snprintf(line, sizeof line, "%-17s %s", name, help);
        put_str(y0 + 1 + i, x0 + 2, w - 4, line, A_NORMAL);
    }
    put_str(y0 + 2 + n, x0 + 2, w - 4, "press any key", A_DIM);
    refresh();
    wint_t ch;
    while (get_wch(&ch) == ERR && !progress_cancelled()) {
        if (check_resize()) return false;
    }
    return false;
}

static void loop(struct viewer *v)
{
    bool dirty = true;
    for (;;) {
        if (check_resize()) dirty = true;
        if (dirty) draw(v);
        dirty = false;
        wint_t ch;
        int r = get_wch(&ch);
        if (progress_cancelled()) return;
        if (r == ERR) continue;
        dirty = true;
        bool special = r == KEY_CODE_YES;
        if (special && ch == KEY_RESIZE) { v->msg[0] = 0; continue; }
        const struct tui_key *k = key_lookup(ch, special);
        if (!k) continue;
        /* too small a terminal draws only a message: leaving is all that works */
        if (!special && (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES) && k->run != act_quit) continue;
        if (k->run(v)) return;
    }
}

static void init_colours(struct viewer *v)
{
    const char *nc = getenv("NO_COLOR");
    v->has_colour = has_colors() && !(nc && *nc);
    if (!v->has_colour) return;
    start_color();
    use_default_colors();
    static const short pal[6] = {COLOR_BLUE, COLOR_GREEN, COLOR_MAGENTA, COLOR_CYAN, COLOR_YELLOW, COLOR_RED};
    for (short i = 0; i < 6; i++) init_pair((short)(i + 1), pal[i], -1);
    init_pair(PAIR_HL, COLOR_RED, -1);
    init_pair(PAIR_DIM, COLOR_WHITE, -1);
}

int tui_run(struct session *s, const struct projection *p, const struct plot_opts *o, embx_err *e)
{
    struct viewer v;
    memset(&v, 0, sizeof v);
    v.s = s;
    v.p = p;
    v.labels = true;
    v.colour = p->group != NULL;   /* groups given (--file, --color-by): shown from the start; c turns them off */
    v.cur = -1;
    v.nb_of = -1;
    v.utf8 = tui_utf8_locale();
    v.braille = o->braille && v.utf8;
    canvas_points_from_projection(&v.pts, p);
    canvas_bounds(&v.pts, v.full);
    memcpy(v.view, v.full, sizeof v.view);
    size_t nn = p->n ? p->n : 1;
    v.hl = calloc(nn, sizeof *v.hl);
    v.order = malloc(nn * sizeof *v.order);
    v.shown = calloc(nn, sizeof *v.shown);
    if (!v.hl || !v.order || !v.shown) {
        free(v.hl); free(v.order); free(v.shown);
        return err_set(e, "out of memory for the viewer");
    }
    for (size_t i = 0; i < p->n; i++) v.hl[i] = p->highlight && p->highlight[i];
    canvas_priority_order(&v.pts, v.order);

    /* ncursesw draws UTF-8 only when LC_CTYPE says so */
    char *old_ctype = NULL;
    const char *cur = setlocale(LC_CTYPE, NULL);
    if (v.utf8 && cur && (!strcmp(cur, "C") || !strcmp(cur, "POSIX"))) {
        old_ctype = strdup(cur);
        if (!setlocale(LC_CTYPE, "") && !setlocale(LC_CTYPE, "C.UTF-8")) v.utf8 = v.braille = false;
    }
    fflush(stdout);
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        if (old_ctype) setlocale(LC_CTYPE, old_ctype);
        free(old_ctype);
        free(v.hl); free(v.order); free(v.shown);
        const char *term = getenv("TERM");
        err_set(e, "cannot start the viewer on TERM=%s", term ? term : "(unset)");
        return TUI_UNAVAILABLE;
    }
    set_term(scr);
    struct sigaction sa, old_winch;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_winch;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, &old_winch);
    winch_flag = 1;   /* the size may have changed since the last viewer */
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    timeout(POLL_MS);
    set_escdelay(25);
    curs_set(0);
    init_colours(&v);
    /* groups of its own (a --file column, or `cluster` of the same words): shown at once */
    v.colour = v.has_colour && p->group;
    if (p->n) set_cursor(&v, (long)v.order[0]);
    loop(&v);
    endwin();
    delscreen(scr);
    sigaction(SIGWINCH, &old_winch, NULL);
    if (old_ctype) setlocale(LC_CTYPE, old_ctype);
    free(old_ctype);
    canvas_free(&v.c);
    free(v.hl);
    free(v.order);
    free(v.shown);
    free(v.kgroup);
    if (progress_cancelled()) return err_cancelled(e);
    return EMBX_OK;
}
