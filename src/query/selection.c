/* selection: turns a selection spec into table rows (see selection.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "selection.h"
#include "knn.h"
#include "strutil.h"
#include "wordlist.h"

/* Growable selection under construction. */
struct builder {
    struct selection *sel;
    size_t cap;
    char *seen;              /* per table row: already selected */
    size_t ngcap;
};

static int add_row(struct builder *b, size_t row, int group, bool hl, embx_err *e)
{
    struct selection *s = b->sel;
    if (b->seen[row]) return EMBX_OK;
    if (s->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        size_t *r = realloc(s->rows, cap * sizeof *r);
        if (!r) return err_set(e, "out of memory for the selection");
        s->rows = r;
        if (s->group) {
            int *g = realloc(s->group, cap * sizeof *g);
            if (!g) return err_set(e, "out of memory for the selection");
            s->group = g;
        }
        if (s->highlight) {
            bool *h = realloc(s->highlight, cap * sizeof *h);
            if (!h) return err_set(e, "out of memory for the selection");
            s->highlight = h;
        }
        b->cap = cap;
    }
    b->seen[row] = 1;
    s->rows[s->n] = row;
    if (s->group) s->group[s->n] = group;
    if (s->highlight) s->highlight[s->n] = hl;
    s->n++;
    return EMBX_OK;
}

/* Records a word that is not in the table in the note ("not in the table:
 * a, b, ... and 3 more"). */
static void add_missing(struct selection *s, const char *word)
{
    char w[64];
    str_escape(word, w, sizeof w);
    size_t len = strlen(s->note);
    if (s->nmissing == 0) {
        snprintf(s->note, sizeof s->note, "not in the table: %s", w);
    } else if (len + strlen(w) + 24 < sizeof s->note) {
        snprintf(s->note + len, sizeof s->note - len, ", %s", w);
    } else {
        /* Rewritten at the end with the count of those left out. */
    }
    s->nmissing++;
}

static size_t missing_listed(const struct selection *s)
{
    if (s->nmissing == 0) return 0;
    size_t c = 1;
    for (const char *p = s->note; *p; p++) if (p[0] == ',' && p[1] == ' ') c++;
    return c;
}

static void finish_missing(struct selection *s)
{
    size_t listed = missing_listed(s);
    if (listed < s->nmissing && !strstr(s->note, " more")) {
        size_t len = strlen(s->note);
        snprintf(s->note + len, sizeof s->note - len, " and %zu more", s->nmissing - listed);
    }
}

static int group_id(struct builder *b, const char *name, embx_err *e)
{
    struct selection *s = b->sel;
    for (int g = 0; g < s->ngroups; g++)
        if (strcmp(s->group_names[g], name) == 0) return g;
    if ((size_t)s->ngroups == b->ngcap) {
        size_t cap = b->ngcap ? 2 * b->ngcap : 8;
        char **gn = realloc(s->group_names, cap * sizeof *gn);
        if (!gn) return err_set(e, "out of memory for the groups");
        s->group_names = gn;
        b->ngcap = cap;
    }
    s->group_names[s->ngroups] = strdup(name);
    if (!s->group_names[s->ngroups]) return err_set(e, "out of memory for the groups");
    return s->ngroups++;
}

/* A category<TAB>word file (the columns the other way round from
 * word<TAB>group) is read as meant: when every line has two columns and
 * more second-column entries than first-column ones are rows of the table,
 * the columns trade places. Returns whether they did. */
static bool swap_if_category_first(const embx_table *t, struct wordlist *wl)
{
    size_t first = 0, second = 0;
    for (size_t i = 0; i < wl->n; i++) {
        if (!wl->v[i].group) return false;
        first += table_find(t, wl->v[i].word) >= 0;
        second += table_find(t, wl->v[i].group) >= 0;
    }
    if (second <= first) return false;
    for (size_t i = 0; i < wl->n; i++) {
        char *w = wl->v[i].word;
        wl->v[i].word = wl->v[i].group;
        wl->v[i].group = w;
    }
    return true;
}

static int from_file(struct builder *b, const embx_table *t, const char *path, embx_err *e)
{
    struct wordlist wl;
    if (wordlist_read(path, &wl, e) != EMBX_OK) return EMBX_ERR;
    struct selection *s = b->sel;
    s->group = malloc(sizeof(int) * (b->cap ? b->cap : 1));
    if (!s->group) { wordlist_free(&wl); return err_set(e, "out of memory for the selection"); }
    int rc = EMBX_OK;
    bool any_group = false;   /* a group named by a word that is in the table */
    bool swapped = swap_if_category_first(t, &wl);
    for (size_t i = 0; i < wl.n && rc == EMBX_OK; i++) {
        long row = table_find(t, wl.v[i].word);
        if (row < 0) { add_missing(s, wl.v[i].word); continue; }
        int g = -1;
        if (wl.v[i].group) {
            if ((g = group_id(b, wl.v[i].group, e)) < 0) { rc = EMBX_ERR; break; }
            any_group = true;
        }
        rc = add_row(b, (size_t)row, g, false, e);
    }
    wordlist_free(&wl);
    if (rc != EMBX_OK) return rc;
    if (!any_group) { free(s->group); s->group = NULL; }
    snprintf(s->desc, sizeof s->desc, "%zu words from %s%s", s->n, path,
             swapped ? " (words from its second column, grouped by the first)" : "");
    return EMBX_OK;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int select_words(struct builder *b, const embx_table *t, const struct selection_spec *sp, embx_err *e)
{
    struct selection *sel = b->sel;
    int rc = EMBX_OK;
    for (size_t i = 0; i < sp->nwords && rc == EMBX_OK; i++) {
        long row = table_find(t, sp->words[i]);
        if (row < 0) add_missing(sel, sp->words[i]);
        else rc = add_row(b, (size_t)row, -1, false, e);
    }
    if (rc == EMBX_OK && sel->n == 0) {
        if (sp->nwords == 1) {
            rc = table_err_unknown(t, sp->words[0], e);
        } else {
            finish_missing(sel);
            rc = err_set(e, "none of the %zu words is in the table (%s)", sp->nwords, sel->note);
        }
    }
    snprintf(sel->desc, sizeof sel->desc, "%zu words", sel->n);
    return rc;
}

static int select_sample(struct builder *b, const embx_table *t, const struct selection_spec *sp, embx_err *e)
{
    int rc = EMBX_OK;
    size_t avail = 0;
    for (size_t i = 0; i < t->n; i++) avail += !b->seen[i];   /* rows --where leaves */
    size_t want = sp->sample < avail ? sp->sample : avail;
    size_t *all = malloc(sizeof(size_t) * (t->n ? t->n : 1)), *pick = malloc(sizeof(size_t) * (want ? want : 1));
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!all || !pick || !r) {
        rc = err_set(e, "out of memory for the sample");
    } else {
        size_t na = 0;
        for (size_t i = 0; i < t->n; i++)
            if (!b->seen[i]) all[na++] = i;
        gsl_rng_set(r, sp->seed);
        /* gsl_ran_choose keeps table order: the sample reads most frequent first. */
        if (want) gsl_ran_choose(r, pick, want, all, na, sizeof(size_t));
        for (size_t i = 0; i < want && rc == EMBX_OK; i++) rc = add_row(b, pick[i], -1, false, e);
    }
    free(all); free(pick);
    if (r) gsl_rng_free(r);
    snprintf(b->sel->desc, sizeof b->sel->desc, "a random sample of %zu words (seed %lu)", want, sp->seed);
    return rc;
}

static int select_near(struct builder *b, const embx_table *t, const struct selection_spec *sp, embx_err *e)
{
    struct selection *sel = b->sel;
    const char *w = sp->near;
    long row = table_find(t, w);
    if (row < 0) { int rc = table_err_unknown(t, w, e); err_prefix(e, "--near"); return rc; }
    if (table_row_is_zero(t, (size_t)row)) return err_set(e, "--near %s: its vector is all zeros, so it has no neighbours", w);
    size_t k = sp->near_n < t->n - 1 ? sp->near_n : t->n - 1;
    struct knn_hit *hits = malloc(sizeof *hits * (k ? k : 1));
    sel->highlight = malloc(sizeof(bool) * (k + 1));
    if (!hits || !sel->highlight) { free(hits); return err_set(e, "out of memory for the selection"); }
    b->cap = 0;
    size_t nh = 0, self = (size_t)row;
    b->seen[self] = 0;          /* the centre is shown even when --where leaves it out */
    int rc = add_row(b, self, -1, true, e);
    if (rc == EMBX_OK && k > 0 && sp->keep) {
        /* neighbours among the rows --where leaves */
        size_t *rows = malloc(sizeof(size_t) * t->n), nr = 0;
        if (!rows) rc = err_set(e, "out of memory for the selection");
        for (size_t i = 0; rc == EMBX_OK && i < t->n; i++)
            if (!b->seen[i]) rows[nr++] = i;
        if (rc == EMBX_OK) rc = knn_query_rows(t, table_row(t, self), rows, nr, k, sp->threads, hits, &nh, e);
        free(rows);
    } else if (rc == EMBX_OK && k > 0) {
        rc = knn_query(t, table_row(t, self), k, 0, &self, 1, sp->threads, hits, &nh, e);
    }
    for (size_t i = 0; i < nh && rc == EMBX_OK; i++) rc = add_row(b, hits[i].row, -1, false, e);
    free(hits);
    char w2[96];
    str_escape(w, w2, sizeof w2);
    snprintf(sel->desc, sizeof sel->desc, "%zu words near %s", sel->n, w2);
    return rc;
}

static int select_prefix(struct builder *b, const embx_table *t, const struct selection_spec *sp, embx_err *e)
{
    struct selection *sel = b->sel;
    const char *p = sp->prefix;
    size_t lo = 0, hi = 0;
    /* The sorted index is a lazily built cache; building it does not
     * change what the table holds. */
    if (table_prefix_range((embx_table *)t, p, &lo, &hi) != EMBX_OK) return err_set(e, "--prefix: cannot build the word index");
    size_t cnt = hi - lo;
    size_t *rows = malloc(sizeof(size_t) * (cnt ? cnt : 1));
    if (!rows) return err_set(e, "out of memory for the selection");
    for (size_t i = 0; i < cnt; i++) rows[i] = table_sorted_row(t, lo + i);
    qsort(rows, cnt, sizeof *rows, cmp_size);   /* most frequent first */
    size_t m = cnt;
    if (sp->top && sp->top < m) m = sp->top;
    int rc = EMBX_OK;
    for (size_t i = 0; i < cnt && sel->n < m && rc == EMBX_OK; i++) rc = add_row(b, rows[i], -1, false, e);
    if (sp->keep) m = sel->n;
    free(rows);
    char p2[96];
    str_escape(p, p2, sizeof p2);
    if (rc == EMBX_OK && cnt == 0) rc = err_set(e, "--prefix %s: no word starts with '%s'", p2, p2);
    if (m < cnt) snprintf(sel->desc, sizeof sel->desc, "the first %zu of %zu words starting with '%s'", m, cnt, p2);
    else snprintf(sel->desc, sizeof sel->desc, "%zu words starting with '%s'", m, p2);
    return rc;
}

static int keep_counted(const embx_table *t, long min, struct selection *sel, embx_err *e);

int selection_build(const embx_table *t, const struct selection_spec *sp,
                    struct selection *sel, embx_err *e)
{
    memset(sel, 0, sizeof *sel);
    struct builder b = { .sel = sel };
    if (t->n == 0) return err_set(e, "the table is empty");
    b.seen = calloc(t->n, 1);
    if (!b.seen) return err_set(e, "out of memory for the selection");
    int rc = EMBX_OK;
    /* rows --where leaves out count as already chosen, so no way of choosing adds them */
    if (sp->keep)
        for (size_t i = 0; i < t->n; i++) b.seen[i] = !sp->keep[i];
    switch (sp->kind) {
    case SEL_TOP: {
        size_t m = sp->top < t->n ? sp->top : t->n;
        for (size_t i = 0; i < t->n && sel->n < m && rc == EMBX_OK; i++) rc = add_row(&b, i, -1, false, e);
        m = sel->n;
        snprintf(sel->desc, sizeof sel->desc, "the first %zu words", m);
        break;
    }
    case SEL_WORDS: rc = select_words(&b, t, sp, e); break;
    case SEL_SAMPLE: rc = select_sample(&b, t, sp, e); break;
    case SEL_NEAR: rc = select_near(&b, t, sp, e); break;
    case SEL_FILE: rc = from_file(&b, t, sp->file, e); break;
    case SEL_PREFIX: rc = select_prefix(&b, t, sp, e); break;
    }
    if (rc == EMBX_OK && sp->min_count > 0) rc = keep_counted(t, sp->min_count, sel, e);
    if (rc == EMBX_OK && sp->keep) {
        size_t len = strlen(sel->desc);
        snprintf(sel->desc + len, sizeof sel->desc - len, " where %s", sp->keep_desc ? sp->keep_desc : "...");
    }
    if (rc == EMBX_OK && sel->n == 0)
        rc = sp->keep ? err_set(e, "the selection is empty: no row chosen matches --where %s", sp->keep_desc ? sp->keep_desc : "")
                      : err_set(e, "the selection is empty");
    free(b.seen);
    finish_missing(sel);
    if (rc != EMBX_OK) selection_free(sel);
    return rc;
}

/* Keeps the rows whose count (a recommender's interactions per row, from
 * its sidecar) is at least min. */
static int keep_counted(const embx_table *t, long min, struct selection *sel, embx_err *e)
{
    if (!t->counts)
        return err_set(e, "--min-count: this table has no counts (a recommender table's sidecar holds them)");
    size_t n = 0, before = sel->n;
    for (size_t i = 0; i < sel->n; i++) {
        if (t->counts[sel->rows[i]] < min) continue;
        sel->rows[n] = sel->rows[i];
        if (sel->group) sel->group[n] = sel->group[i];
        if (sel->highlight) sel->highlight[n] = sel->highlight[i];
        n++;
    }
    sel->n = n;
    size_t len = strlen(sel->desc);
    snprintf(sel->desc + len, sizeof sel->desc - len, ", %zu of %zu with count >= %ld", n, before, min);
    if (n == 0) return err_set(e, "--min-count %ld: none of the %zu selected rows has that many", min, before);
    return EMBX_OK;
}

void selection_free(struct selection *sel)
{
    if (!sel) return;
    free(sel->rows);
    free(sel->group);
    free(sel->highlight);
    for (int g = 0; g < sel->ngroups; g++) free(sel->group_names[g]);
    free(sel->group_names);
    sel->rows = NULL; sel->group = NULL; sel->highlight = NULL; sel->group_names = NULL;
    sel->n = 0; sel->ngroups = 0;
}
