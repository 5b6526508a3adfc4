/* trainrows: CSV rows -> "column=value" sentences -> the word trainer. */
#include "trainrows.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "corpus.h"
#include "interactions.h"
#include "rowcsv.h"
#include "train.h"

void trainrows_opts_default(struct trainrows_opts *o)
{
    memset(o, 0, sizeof *o);
    o->target_weight = 3;
    o->buckets = 10;
    o->dim = 32;
    o->epochs = 10;
    o->negative = 5;
    o->threads = 1;
    o->seed = 1;
}

struct cells {
    size_t ncols;
    char **names;
    char ***col;            /* col[c][row], owned strings */
    size_t nrows, cap;
    struct trainrows_notes *notes;
};

static int on_record(void *ctx, char **f, size_t n, size_t line, embx_err *e)
{
    struct cells *c = ctx;
    (void)line;
    if (!c->names) {
        c->ncols = n;
        c->names = calloc(n, sizeof *c->names);
        c->col = calloc(n, sizeof *c->col);
        if (!c->names || !c->col) return err_set(e, "out of memory");
        for (size_t i = 0; i < n; i++) {
            /* a repeated header name gets ".2", ".3", ... so rows stay apart */
            int k = 1;
            for (size_t j = 0; j < i; j++) k += strcmp(f[i], f[j]) == 0;
            char buf[512];
            const char *base = *f[i] ? f[i] : "column";
            if (k > 1) snprintf(buf, sizeof buf, "%s.%d", base, k);
            else snprintf(buf, sizeof buf, "%s", base);
            if (k > 1 && c->notes->renamed++ == 0)
                snprintf(c->notes->renamed_first, sizeof c->notes->renamed_first, "%.60s -> %.60s", f[i], buf);
            if (!(c->names[i] = strdup(buf))) return err_set(e, "out of memory");
        }
        return EMBX_OK;
    }
    if (c->nrows == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        for (size_t i = 0; i < c->ncols; i++) {
            char **v = realloc(c->col[i], cap * sizeof *v);
            if (!v) return err_set(e, "out of memory");
            c->col[i] = v;
        }
        c->cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        /* blanks and line breaks would split the token in a text table */
        for (char *p = f[i]; *p; p++) if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') *p = '_';
        if (!(c->col[i][c->nrows] = strdup(f[i]))) return err_set(e, "out of memory");
    }
    c->nrows++;
    return EMBX_OK;
}

static void cells_free(struct cells *c)
{
    for (size_t i = 0; i < c->ncols; i++) {
        if (c->col && c->col[i]) for (size_t r = 0; r < c->nrows; r++) free(c->col[i][r]);
        if (c->col) free(c->col[i]);
        if (c->names) free(c->names[i]);
    }
    free(c->col);
    free(c->names);
}

static bool missing(const char *v)
{
    static const char *const na[] = {"", "NA", "N/A", "NaN", "null", "?", NULL};
    for (const char *const *m = na; *m; m++) if (strcasecmp(v, *m) == 0) return true;
    return false;
}

static bool number(const char *v, double *x)
{
    char *end;
    *x = strtod(v, &end);
    return end != v && *end == '\0' && isfinite(*x);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Bucket labels "lo..hi" of a numeric column into lab[row] (NULL when
 * missing): quantile buckets over the sorted values, equal values together. */
static int bucket_column(char **vals, size_t nrows, int B, char **lab)
{
    double *x = malloc((nrows + 1) * sizeof *x), *s = malloc((nrows + 1) * sizeof *s);
    int *bk = malloc((nrows + 1) * sizeof *bk);
    double lo[256], hi[256];
    if (!x || !s || !bk) { free(x); free(s); free(bk); return -1; }
    size_t n = 0;
    for (size_t r = 0; r < nrows; r++)
        if (!missing(vals[r]) && number(vals[r], &x[r])) s[n++] = x[r];
    qsort(s, n, sizeof *s, cmp_double);
    for (int b = 0; b < B; b++) { lo[b] = INFINITY; hi[b] = -INFINITY; }
    for (size_t r = 0; r < nrows; r++) {
        bk[r] = -1;
        if (missing(vals[r])) continue;
        size_t a = 0, z = n;               /* first position of x[r] in s */
        while (a < z) { size_t m = (a + z) / 2; if (s[m] < x[r]) a = m + 1; else z = m; }
        int b = (int)(a * (size_t)B / (n ? n : 1));
        if (b >= B) b = B - 1;
        bk[r] = b;
        if (x[r] < lo[b]) lo[b] = x[r];
        if (x[r] > hi[b]) hi[b] = x[r];
    }
    int rc = 0;
    for (size_t r = 0; r < nrows && !rc; r++) {
        lab[r] = NULL;
        if (bk[r] < 0) continue;
        char buf[96];
        if (lo[bk[r]] == hi[bk[r]]) snprintf(buf, sizeof buf, "%g", lo[bk[r]]);
        else snprintf(buf, sizeof buf, "%g..%g", lo[bk[r]], hi[bk[r]]);
        if (!(lab[r] = strdup(buf))) rc = -1;
    }
    free(x); free(s); free(bk);
    return rc;
}

struct counted { uint64_t n; uint32_t id; };

static int cmp_counted(const void *a, const void *b)
{
    const struct counted *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

int trainrows_run(const char *path, const struct trainrows_opts *o, embx_table **out,
                  struct trainrows_notes *notes, progress *p, embx_err *e)
{
    memset(notes, 0, sizeof *notes);
    *out = NULL;
    struct cells c = {.notes = notes};
    int rc = rowcsv_read(path, on_record, &c, e);
    if (rc) { cells_free(&c); return rc; }
    notes->rows = c.nrows;
    if (c.nrows == 0) { cells_free(&c); return err_set(e, "%s has a header but no rows", path); }
    size_t nc = c.ncols;
    /* which columns: all, or the named ones; the target always */
    uint8_t *use = calloc(nc, 1), *named = calloc(nc, 1);
    char ***lab = calloc(nc, sizeof *lab);       /* bucket labels of numeric columns */
    struct id_set tok = {0};
    uint64_t *count = NULL;
    uint32_t *ids = NULL;
    size_t nids = 0, target = SIZE_MAX;
    if (!use || !named || !lab) { rc = err_set(e, "out of memory"); goto done; }
    for (size_t k = 0; k < (o->columns ? o->ncolumns : 0) && rc == EMBX_OK; k++) {
        size_t i = 0;
        while (i < nc && strcmp(c.names[i], o->columns[k])) i++;
        if (i == nc) rc = err_set(e, "--columns: %s has no column '%s' (it has %s%s%s%s)", path, o->columns[k],
                                  c.names[0], nc > 1 ? ", " : "", nc > 1 ? c.names[1] : "", nc > 2 ? ", ..." : "");
        else use[i] = named[i] = 1;
    }
    if (rc) goto done;
    if (!o->columns) memset(use, 1, nc);
    if (o->target) {
        for (target = 0; target < nc && strcmp(c.names[target], o->target); target++) {}
        if (target == nc) { rc = err_set(e, "--target: %s has no column '%s'", path, o->target); goto done; }
        use[target] = named[target] = 1;
    }
    size_t maxd = o->max_distinct ? o->max_distinct : (c.nrows / 2 > 1000 ? c.nrows / 2 : 1000);
    for (size_t i = 0; i < nc && rc == EMBX_OK; i++) {
        if (!use[i]) continue;
        struct id_set d = {0};
        bool numeric = true, integral = true;
        size_t have = 0;
        for (size_t r = 0; r < c.nrows; r++) {
            const char *v = c.col[i][r];
            if (missing(v)) continue;
            double x;
            have++;
            numeric &= number(v, &x);
            integral &= numeric && x == floor(x);
            if (id_set_add(&d, v, strlen(v)) < 0) { rc = err_set(e, "out of memory"); break; }
        }
        size_t distinct = d.n;
        id_set_free(&d);
        if (rc) break;
        /* whole numbers all different are row numbers or IDs, not a quantity */
        bool id_like = (distinct > maxd || (numeric && integral && distinct == have && have > 100)) && !named[i];
        if (have == 0 && i != target) {
            /* nothing but empty or NA cells: nothing to embed */
            use[i] = 0;
            size_t l = strlen(notes->empty_names);
            snprintf(notes->empty_names + l, sizeof notes->empty_names - l, "%s%s", notes->empty++ ? ", " : "",
                     c.names[i]);
        } else if (id_like) {
            /* an ID: every value once, nothing to learn from co-occurrence */
            use[i] = 0;
            size_t l = strlen(notes->skipped_names);
            snprintf(notes->skipped_names + l, sizeof notes->skipped_names - l, "%s%s (%zu distinct)",
                     notes->skipped++ ? ", " : "", c.names[i], distinct);
        } else if (o->buckets > 0 && numeric && have && distinct > (size_t)o->buckets && i != target) {
            lab[i] = calloc(c.nrows, sizeof **lab);
            if (!lab[i] || bucket_column(c.col[i], c.nrows, o->buckets > 256 ? 256 : o->buckets, lab[i])) {
                rc = err_set(e, "out of memory");
                break;
            }
            notes->bucketed++;
        }
    }
    if (rc) goto done;
    /* tokens and sentences */
    size_t ncols_used = 0;
    for (size_t i = 0; i < nc; i++) ncols_used += use[i];
    size_t maxn = c.nrows * (ncols_used + 1) + (target != SIZE_MAX ? c.nrows * ncols_used * 3 * (size_t)o->target_weight : 0);
    ids = malloc((maxn + 1) * sizeof *ids);
    if (!ids) { rc = err_set(e, "out of memory for %zu tokens", maxn); goto done; }
    uint32_t *row = malloc((nc + 1) * sizeof *row);
    if (!row) { rc = err_set(e, "out of memory"); goto done; }
    for (size_t r = 0; r < c.nrows && rc == EMBX_OK; r++) {
        size_t m = 0;
        long tt = -1;
        for (size_t i = 0; i < nc; i++) {
            if (!use[i]) continue;
            const char *v = lab[i] ? lab[i][r] : (missing(c.col[i][r]) ? NULL : c.col[i][r]);
            if (!v) { notes->missing++; continue; }
            char buf[1024];
            int len = snprintf(buf, sizeof buf, "%s=%s", c.names[i], v);
            if (len >= (int)sizeof buf) len = sizeof buf - 1;
            long id = id_set_add(&tok, buf, (size_t)len);
            if (id < 0) { rc = err_set(e, "out of memory"); break; }
            if (i == target) tt = id;
            row[m++] = (uint32_t)id;
        }
        for (size_t j = 0; j < m; j++) ids[nids++] = row[j];
        ids[nids++] = CORPUS_EOS;
        if (tt >= 0)
            for (size_t j = 0; j < m; j++) {
                if (row[j] == (uint32_t)tt) continue;
                for (int w = 0; w < o->target_weight; w++) {
                    ids[nids++] = row[j];
                    ids[nids++] = (uint32_t)tt;
                    ids[nids++] = CORPUS_EOS;
                }
            }
    }
    free(row);
    if (rc) goto done;
    if (tok.n < 2) { rc = err_set(e, "%s: fewer than two distinct values to embed", path); goto done; }
    /* rows most frequent first, as corpus does */
    size_t nt = tok.n;
    struct counted *cs = calloc(nt, sizeof *cs);
    uint32_t *remap = malloc(nt * sizeof *remap);
    count = malloc(nt * sizeof *count);
    if (!cs || !remap || !count) { free(cs); free(remap); rc = err_set(e, "out of memory"); goto done; }
    for (size_t t = 0; t < nt; t++) cs[t].id = (uint32_t)t;
    for (size_t k = 0; k < nids; k++) if (ids[k] != CORPUS_EOS) cs[ids[k]].n++;
    qsort(cs, nt, sizeof *cs, cmp_counted);
    for (size_t t = 0; t < nt; t++) { remap[cs[t].id] = (uint32_t)t; count[t] = cs[t].n; }
    for (size_t k = 0; k < nids; k++) if (ids[k] != CORPUS_EOS) ids[k] = remap[ids[k]];
    corpus cp;
    memset(&cp, 0, sizeof cp);
    cp.nwords = nt;
    cp.counts = count;
    cp.ids = ids;
    cp.nids = nids;
    for (size_t t = 0; t < nt; t++) { cp.nkept += count[t]; if (count[t] > cp.max_count) cp.max_count = count[t]; }
    cp.ntokens = cp.nkept;
    cp.ndistinct = nt;
    embx_table *tb = table_create(nt, o->dim, e);
    size_t blen = 0;
    for (size_t t = 0; t < nt; t++) blen += strlen(tok.ids[cs[t].id]) + 1;
    char *blob = malloc(blen + 1);
    if (!tb || !blob) {
        free(cs); free(remap); free(blob); table_free(tb);
        rc = tb ? err_set(e, "out of memory") : EMBX_ERR;
        goto done;
    }
    tb->n = nt;
    /* One vector per value (tied): the score of a pair is the dot product of
     * their rows, so values that occur together (a city and its country) are
     * near. Separate input vectors would put a value near the values that
     * share its company instead (Paris near Lyon, but not near France: the
     * word2vec geometry), and input + output mixes both with the noise
     * columns every value shares. No subsampling: a row's values are few. */
    struct train_opts to = {
        .model = TRAIN_SKIPGRAM, .dim = o->dim, .window = (int)(ncols_used > 1 ? ncols_used : 1),
        .negative = o->negative, .epochs = o->epochs, .threads = o->threads, .sample = 0,
        .alpha = train_default_alpha(TRAIN_SKIPGRAM), .seed = o->seed, .full_window = true, .tied = true,
        .neg_group = 10,   /* fresh negatives every 10 values of a wide row, as item2vec */
    };
    struct train_stats st;
    rc = train_run(&cp, &to, tb->vecs, p, &st, e);
    char *w = blob;
    for (size_t t = 0; t < nt; t++) {
        size_t l = strlen(tok.ids[cs[t].id]);
        memcpy(w, tok.ids[cs[t].id], l + 1);
        w += l + 1;
    }
    if (rc == EMBX_OK) rc = table_set_vocab(tb, blob, blen, true, e);
    else free(blob);
    if (rc == EMBX_OK) {
        tb->counts = malloc(nt * sizeof *tb->counts);
        if (!tb->counts) rc = err_set(e, "out of memory");
        for (size_t t = 0; rc == EMBX_OK && t < nt; t++) tb->counts[t] = 0;
    }
    if (rc == EMBX_OK) {
        /* occurrences in the rows (the extra target sentences not counted) */
        for (size_t r = 0; r < c.nrows; r++)
            for (size_t i = 0; i < nc; i++) {
                if (!use[i]) continue;
                const char *v = lab[i] ? lab[i][r] : (missing(c.col[i][r]) ? NULL : c.col[i][r]);
                if (!v) continue;
                char buf[1024];
                int len = snprintf(buf, sizeof buf, "%s=%s", c.names[i], v);
                if (len >= (int)sizeof buf) len = sizeof buf - 1;
                buf[len] = '\0';
                long id = id_set_find(&tok, buf);
                if (id >= 0) tb->counts[remap[id]]++;
            }
        snprintf(tb->format, sizeof tb->format, "word2vec");
        rc = table_finish(tb, NULL, e);
    }
    free(cs);
    free(remap);
    if (rc) table_free(tb);
    else *out = tb;
done:
    if (lab) for (size_t i = 0; i < nc; i++) {
        if (lab[i]) for (size_t r = 0; r < c.nrows; r++) free(lab[i][r]);
        free(lab[i]);
    }
    free(lab); free(use); free(named); free(ids); free(count);
    id_set_free(&tok);
    cells_free(&c);
    return rc;
}
