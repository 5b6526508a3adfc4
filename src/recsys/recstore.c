/* recstore: the trained table, its sidecar, and recommendation from them. */
#include "recstore.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "atomic_file.h"
#include "rowmeta.h"
#include "topk.h"

/* The recommender's row metadata: title and first genre (items with
 * metadata), interactions per row, and whether a row is an item or a user
 * -- the same columns whether the table was just trained or read back with
 * its sidecar. kind[r]: 1 item, 2 user, 0 neither. */
static int recsys_meta(size_t n, const uint8_t *kind, char *const *titles, char *const *genres,
                       const long *counts, struct rowmeta **out, embx_err *e)
{
    struct rowmeta *m = rowmeta_new(n);
    size_t ct = 0, cg = 0, cc = 0, ck = 0;
    int rc = m ? EMBX_OK : err_set(e, "out of memory");
    bool any_title = false;
    for (size_t r = 0; titles && r < n; r++) any_title |= titles[r] != NULL || (genres && genres[r]);
    if (rc == EMBX_OK && any_title) {
        if ((rc = rowmeta_add_col(m, "title", &ct, e)) == EMBX_OK) rc = rowmeta_add_col(m, "genre", &cg, e);
    }
    if (rc == EMBX_OK && counts) rc = rowmeta_add_col(m, "count", &cc, e);
    if (rc == EMBX_OK) rc = rowmeta_add_col(m, "kind", &ck, e);
    for (size_t r = 0; rc == EMBX_OK && r < n; r++) {
        if (any_title && (rc = rowmeta_set(m, ct, r, titles[r], e)) == EMBX_OK && genres && genres[r]) {
            char g[256];
            snprintf(g, sizeof g, "%.*s", (int)strcspn(genres[r], "|"), genres[r]);
            rc = rowmeta_set(m, cg, r, g, e);
        }
        if (rc == EMBX_OK && counts && counts[r] >= 0) {
            char c[32];
            snprintf(c, sizeof c, "%ld", counts[r]);
            rc = rowmeta_set(m, cc, r, c, e);
        }
        if (rc == EMBX_OK) rc = rowmeta_set(m, ck, r, kind[r] == 1 ? "item" : kind[r] == 2 ? "user" : NULL, e);
    }
    if (rc == EMBX_OK) rc = rowmeta_finish(m, e);
    if (rc) { rowmeta_free(m); return rc; }
    *out = m;
    return EMBX_OK;
}

/* A row's value in the metadata column col, or NULL. */
static const char *meta_value(const embx_table *t, const char *col, size_t row)
{
    long c = rowmeta_col(t->meta, col);
    return c >= 0 && t->meta->cols[c].val[row] ? t->meta->cols[c].val[row] : NULL;
}

/* Item order of the table: most interacted first, ties by first appearance. */
struct counted_item { size_t count; uint32_t item; };

static int cmp_counted_item(const void *a, const void *b)
{
    const struct counted_item *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return (x->item > y->item) - (x->item < y->item);
}

static uint32_t *item_order(const struct interactions *x)
{
    size_t ni = x->items.n;
    struct counted_item *c = calloc(ni, sizeof *c);
    uint32_t *order = malloc(ni * sizeof *order);
    if (!c || !order) { free(c); free(order); return NULL; }
    for (size_t i = 0; i < ni; i++) c[i].item = (uint32_t)i;
    for (size_t k = 0; k < x->n; k++) c[x->item[k]].count++;
    qsort(c, ni, sizeof *c, cmp_counted_item);
    for (size_t i = 0; i < ni; i++) order[i] = c[i].item;
    free(c);
    return order;
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (!s) return NULL;
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

int recsys_build_table(const struct interactions *x, const struct recsys_model *m,
                       const struct item_meta *meta, const char *user_prefix,
                       const char *item_prefix, embx_table **out,
                       size_t *unmatched, size_t *missing, embx_err *e)
{
    size_t ni = x->items.n, nu = x->users.n, n = ni + nu, d = m->dim;
    size_t lu = strlen(user_prefix), li = strlen(item_prefix), len = 0;
    for (size_t i = 0; i < ni; i++) len += li + strlen(x->items.ids[i]) + 1;
    for (size_t u = 0; u < nu; u++) len += lu + strlen(x->users.ids[u]) + 1;
    uint32_t *order = item_order(x);
    char *blob = malloc(len);
    embx_table *t = table_create(n, d, e);
    if (!order || !blob || !t) {
        free(order); free(blob); table_free(t);
        return t ? err_set(e, "out of memory building the %zu-row table", n) : EMBX_ERR;
    }
    char *w = blob;
    for (size_t r = 0; r < ni; r++) {
        memcpy(table_row(t, r), m->Q + (size_t)order[r] * d, d * sizeof(float));
        w += sprintf(w, "%s%s", item_prefix, x->items.ids[order[r]]) + 1;
    }
    for (size_t u = 0; u < nu; u++) {
        memcpy(table_row(t, ni + u), m->P + u * d, d * sizeof(float));
        w += sprintf(w, "%s%s", user_prefix, x->users.ids[u]) + 1;
    }
    t->n = n;
    int rc = table_set_vocab(t, blob, len, true, e);
    if (rc) { free(blob); free(order); table_free(t); return rc; }
    *unmatched = *missing = 0;
    {
        uint32_t *ci = interactions_item_counts(x);
        t->counts = malloc(n * sizeof *t->counts);
        t->bias = recsys_kind_has_bias(m->kind) ? malloc(n * sizeof *t->bias) : NULL;
        if (!ci || !t->counts || (recsys_kind_has_bias(m->kind) && !t->bias)) {
            free(ci); free(order); table_free(t);
            return err_set(e, "out of memory");
        }
        for (size_t r = 0; r < ni; r++) t->counts[r] = ci[order[r]];
        for (size_t u = 0; u < nu; u++) t->counts[ni + u] = 0;
        for (size_t k = 0; k < x->n; k++) t->counts[ni + x->user[k]]++;
        if (t->bias) {
            for (size_t r = 0; r < ni; r++) t->bias[r] = m->bi[order[r]];
            for (size_t u = 0; u < nu; u++) t->bias[ni + u] = m->bu[u];
        }
        free(ci);
    }
    {
        char **titles = meta ? calloc(n, sizeof *titles) : NULL, **genres = meta ? calloc(n, sizeof *genres) : NULL;
        uint8_t *kind = malloc(n);
        rc = kind && (!meta || (titles && genres)) ? EMBX_OK : err_set(e, "out of memory");
        for (size_t r = 0; rc == EMBX_OK && r < n; r++) kind[r] = r < ni ? 1 : 2;
        for (size_t r = 0; rc == EMBX_OK && meta && r < ni; r++) {
            long k = id_set_find(&meta->ids, x->items.ids[order[r]]);
            if (k < 0) { (*missing)++; continue; }
            titles[r] = meta->titles[k];
            genres[r] = *meta->genres[k] ? meta->genres[k] : NULL;
        }
        for (size_t k = 0; rc == EMBX_OK && meta && k < meta->ids.n; k++)
            if (id_set_find(&x->items, meta->ids.ids[k]) < 0) (*unmatched)++;
        if (rc == EMBX_OK) rc = recsys_meta(n, kind, titles, genres, t->counts, &t->meta, e);
        free(titles); free(genres); free(kind);
        if (rc) { free(order); table_free(t); return rc; }
    }
    free(order);
    snprintf(t->format, sizeof t->format, "word2vec");
    rc = table_finish(t, NULL, e);
    if (rc) { table_free(t); return rc; }
    *out = t;
    return EMBX_OK;
}

char *recsys_sidecar_path(const char *table_path)
{
    return join(table_path, ".recsys.tsv");
}

/* Writes s with tabs and line breaks turned into blanks (they would split fields). */
static void put_field(FILE *fp, const char *s)
{
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

int recsys_write_sidecar(const struct interactions *x, const struct recsys_model *m, const struct item_meta *meta,
                         const char *user_prefix, const char *item_prefix,
                         const char *table_path, embx_err *e)
{
    char *path = recsys_sidecar_path(table_path);
    uint32_t *order = item_order(x);
    size_t nu = x->users.n;
    size_t *start = calloc(nu + 1, sizeof *start), *pos = malloc((nu + 1) * sizeof *pos);
    uint32_t *items = malloc((x->n + 1) * sizeof *items), *ci = interactions_item_counts(x);
    if (!path || !order || !start || !pos || !items || !ci) {
        free(path); free(order); free(start); free(pos); free(items); free(ci);
        return err_set(e, "out of memory writing the sidecar");
    }
    /* every item the user interacted with, held-out ones included: recommend
     * must never offer what the user has already rated */
    for (size_t k = 0; k < x->n; k++) start[x->user[k] + 1]++;
    for (size_t u = 0; u < nu; u++) start[u + 1] += start[u];
    memcpy(pos, start, nu * sizeof *pos);
    for (size_t k = 0; k < x->n; k++) items[pos[x->user[k]]++] = x->item[k];

    atomic_file af;
    int rc = atomic_open(&af, path, e);
    if (rc == EMBX_OK) {
        FILE *fp = af.fp;
        const char *base = strrchr(table_path, '/');
        fprintf(fp, "# embx recommender sidecar of %s (biases, titles, genres, the items each user interacted with)\n",
                base ? base + 1 : table_path);
        fprintf(fp, "version\t1\nmodel\t%s\nglobal_mean\t%.9g\n", recsys_kind_name(m->kind), m->mu);
        if (m->kind == RECSYS_MF && x->rating)
            fprintf(fp, "rating_scale\t%.9g\t%.9g\n", x->min_rating, x->max_rating);
        fprintf(fp, "user_prefix\t");
        put_field(fp, user_prefix);
        fprintf(fp, "\nitem_prefix\t");
        put_field(fp, item_prefix);
        fputc('\n', fp);
        for (size_t r = 0; r < x->items.n; r++) {
            uint32_t i = order[r];
            fprintf(fp, "item\t%s%s\t%.9g\t", item_prefix, x->items.ids[i], m->bi[i]);
            long k = meta ? id_set_find(&meta->ids, x->items.ids[i]) : -1;
            if (k >= 0) {
                put_field(fp, meta->titles[k]);
                fputc('\t', fp);
                put_field(fp, meta->genres[k]);
            } else {
                fputc('\t', fp);
            }
            fprintf(fp, "\t%u\n", ci[i]);
        }
        for (size_t u = 0; u < nu; u++) {
            fprintf(fp, "user\t%s%s\t%.9g\t", user_prefix, x->users.ids[u], m->bu[u]);
            for (size_t k = start[u]; k < start[u + 1]; k++)
                fprintf(fp, "%s%s%s", k > start[u] ? " " : "", item_prefix, x->items.ids[items[k]]);
            fputc('\n', fp);
        }
        rc = atomic_commit(&af, e);
    }
    free(path); free(order); free(start); free(pos); free(items); free(ci);
    return rc;
}

/* ---- reading the sidecar against a table ---- */

enum row_kind { ROW_OTHER = 0, ROW_ITEM = 1, ROW_USER = 2 };

struct side {
    enum recsys_kind kind;
    double mu;
    bool have_scale;              /* predictions are clipped to [lo, hi] */
    double lo, hi;
    char user_prefix[128];
    size_t n;                     /* table rows */
    uint8_t *row_kind;            /* n */
    float *bias;                  /* n */
    long *count;                  /* n: interactions of a row, -1 unknown */
    char **labels, **groups;      /* n each, owned until handed to a table */
    size_t *seen_start;           /* n + 1: item rows each user row interacted with */
    uint32_t *seen;
};

static void side_free(struct side *s)
{
    if (s->labels) for (size_t i = 0; i < s->n; i++) free(s->labels[i]);
    if (s->groups) for (size_t i = 0; i < s->n; i++) free(s->groups[i]);
    free(s->labels); free(s->groups); free(s->row_kind); free(s->bias); free(s->count);
    free(s->seen_start); free(s->seen);
    memset(s, 0, sizeof *s);
}

/* Splits line at tabs in place into at most max fields. */
static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') { *p = '\0'; f[n++] = p + 1; }
    return n;
}

static int side_load(const embx_table *t, const char *path, struct side *s, embx_err *e)
{
    memset(s, 0, sizeof *s);
    snprintf(s->user_prefix, sizeof s->user_prefix, "user:");
    FILE *fp = fopen(path, "r");
    if (!fp) return err_set(e, "cannot open %s: %s", path, strerror(errno));
    s->n = t->n;
    s->row_kind = calloc(t->n + 1, 1);
    s->bias = calloc(t->n + 1, sizeof *s->bias);
    s->count = malloc((t->n + 1) * sizeof *s->count);
    if (s->count)
        for (size_t r = 0; r < t->n; r++) s->count[r] = -1;
    s->labels = calloc(t->n + 1, sizeof *s->labels);
    s->groups = calloc(t->n + 1, sizeof *s->groups);
    s->seen_start = calloc(t->n + 2, sizeof *s->seen_start);
    uint32_t *pairs = NULL;       /* (user row, item row) pairs, then CSR */
    size_t npairs = 0, cap = 0, lineno = 0, lcap = 0;
    char *line = NULL;
    ssize_t len;
    int rc = EMBX_OK;
    bool versioned = false;
    if (!s->row_kind || !s->bias || !s->count || !s->labels || !s->groups || !s->seen_start)
        rc = err_set(e, "out of memory reading %s", path);
    while (rc == EMBX_OK && (len = getline(&line, &lcap, fp)) >= 0) {
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (!*line || *line == '#') continue;
        char *f[6];
        size_t nf = split_tabs(line, f, 6);
        char *end = NULL;
        if (!strcmp(f[0], "version")) {
            if (nf < 2 || strcmp(f[1], "1"))
                rc = err_set(e, "%s:%zu: unsupported sidecar version '%s' (this embx reads 1)", path, lineno,
                             nf < 2 ? "" : f[1]);
            versioned = true;
        } else if (!strcmp(f[0], "model") && nf >= 2) {
            if (!recsys_kind_parse(f[1], &s->kind))
                rc = err_set(e, "%s:%zu: model '%s' is none of mf, bpr, ials, item2vec", path, lineno, f[1]);
        } else if (!strcmp(f[0], "rating_scale") && nf >= 3) {
            char *end2 = NULL;
            s->lo = strtod(f[1], &end);
            s->hi = strtod(f[2], &end2);
            if (end == f[1] || *end || end2 == f[2] || *end2 || !isfinite(s->lo) || !isfinite(s->hi) || s->lo > s->hi)
                rc = err_set(e, "%s:%zu: rating_scale '%s %s' is not two numbers MIN MAX", path, lineno, f[1], f[2]);
            s->have_scale = true;
        } else if (!strcmp(f[0], "user_prefix")) {
            snprintf(s->user_prefix, sizeof s->user_prefix, "%s", nf >= 2 ? f[1] : "");
        } else if (!strcmp(f[0], "global_mean") && nf >= 2) {
            s->mu = strtod(f[1], &end);
            if (end == f[1] || *end || !isfinite(s->mu))
                rc = err_set(e, "%s:%zu: global_mean '%s' is not a number", path, lineno, f[1]);
        } else if (!strcmp(f[0], "item") || !strcmp(f[0], "user")) {
            if (nf < 3) { rc = err_set(e, "%s:%zu: expected %s<TAB>WORD<TAB>BIAS...", path, lineno, f[0]); break; }
            double b = strtod(f[2], &end);
            if (end == f[2] || *end || !isfinite(b)) {
                rc = err_set(e, "%s:%zu: bias '%s' is not a number", path, lineno, f[2]);
                break;
            }
            long r = table_find(t, f[1]);
            if (r < 0) continue;          /* a row the table does not hold (--limit) */
            bool item = f[0][0] == 'i';
            s->row_kind[r] = item ? ROW_ITEM : ROW_USER;
            s->bias[r] = (float)b;
            if (item) {
                if (nf >= 4 && *f[3]) { free(s->labels[r]); s->labels[r] = strdup(f[3]); }
                if (nf >= 5 && *f[4]) {
                    free(s->groups[r]);
                    s->groups[r] = strndup(f[4], strcspn(f[4], "|"));
                }
                if (nf >= 6) {
                    long c = strtol(f[5], &end, 10);
                    if (end == f[5] || *end || c < 0) {
                        rc = err_set(e, "%s:%zu: interaction count '%s' is not a whole number", path, lineno, f[5]);
                        break;
                    }
                    s->count[r] = c;
                }
                continue;
            }
            s->count[r] = 0;
            if (nf < 4) continue;
            for (char *tok = strtok(f[3], " "); tok; tok = strtok(NULL, " ")) {
                s->count[r]++;
                long ir = table_find(t, tok);
                if (ir < 0) continue;
                if (npairs + 1 > cap) {
                    cap = cap ? cap * 2 : 4096;
                    uint32_t *np = realloc(pairs, cap * 2 * sizeof *np);
                    if (!np) { rc = err_set(e, "out of memory reading %s", path); break; }
                    pairs = np;
                }
                pairs[2 * npairs] = (uint32_t)r;
                pairs[2 * npairs + 1] = (uint32_t)ir;
                npairs++;
            }
        }
    }
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "%s: read error", path);
    if (rc == EMBX_OK && !versioned)
        rc = err_set(e, "%s is not an embx recommender sidecar (no 'version' line)", path);
    free(line);
    fclose(fp);
    if (rc == EMBX_OK) {
        s->seen = malloc((npairs + 1) * sizeof *s->seen);
        size_t *pos = malloc((t->n + 1) * sizeof *pos);
        if (!s->seen || !pos) rc = err_set(e, "out of memory reading %s", path);
        else {
            for (size_t k = 0; k < npairs; k++) s->seen_start[pairs[2 * k] + 1]++;
            for (size_t r = 0; r < t->n; r++) s->seen_start[r + 1] += s->seen_start[r];
            memcpy(pos, s->seen_start, t->n * sizeof *pos);
            for (size_t k = 0; k < npairs; k++) s->seen[pos[pairs[2 * k]]++] = pairs[2 * k + 1];
        }
        free(pos);
    }
    free(pairs);
    if (rc != EMBX_OK) side_free(s);
    return rc;
}

int recsys_attach_sidecar(embx_table *t, const char *table_path, embx_err *e)
{
    char *path = recsys_sidecar_path(table_path);
    if (!path) return err_set(e, "out of memory");
    struct stat st;
    if (stat(path, &st) != 0) { free(path); return EMBX_OK; }
    struct side s;
    int rc = side_load(t, path, &s, e);
    free(path);
    if (rc) return rc;
    bool any_label = false;
    for (size_t i = 0; i < t->n; i++) any_label |= s.labels[i] != NULL || s.groups[i] != NULL;
    struct rowmeta *m = NULL;
    if ((rc = recsys_meta(t->n, s.row_kind, any_label ? s.labels : NULL, s.groups, s.count, &m, e))) {
        side_free(&s);
        return rc;
    }
    snprintf(m->source, sizeof m->source, "%s", table_path);
    rowmeta_free(t->meta);
    t->meta = m;
    bool any_count = false;
    for (size_t i = 0; i < t->n; i++) any_count |= s.count[i] >= 0;
    if (any_count) {
        free(t->counts);
        t->counts = s.count;
        s.count = NULL;
    }
    if (recsys_kind_has_bias(s.kind)) {
        free(t->bias);
        t->bias = s.bias;
        s.bias = NULL;
    }
    side_free(&s);
    return EMBX_OK;
}

/* ---- recommend ---- */

/* The sidecar as last read for this table, kept with the table (its
 * derived slot) while the sidecar file is the same: a user asks for many
 * users in turn. Freed with the table. */
struct side_cache {
    struct table_derived base;
    size_t n;
    char *path;
    struct stat st;
    struct side side;
};

static void side_cache_free(struct table_derived *d)
{
    struct side_cache *c = (struct side_cache *)d;
    side_free(&c->side);
    free(c->path);
    free(c);
}

static const struct side *cached_side(const embx_table *t, const char *path, const struct stat *st, embx_err *e)
{
    /* the cache is derived from the table, not part of its content: the
     * table object itself is never const (tables are allocated) */
    embx_table *mt = (embx_table *)t;
    struct side_cache *c = mt->derived && mt->derived->free == side_cache_free ? (struct side_cache *)mt->derived
                                                                               : NULL;
    if (c && c->n == t->n && !strcmp(c->path, path) && c->st.st_mtime == st->st_mtime &&
        c->st.st_size == st->st_size && c->st.st_ino == st->st_ino)
        return &c->side;
    if (mt->derived) { mt->derived->free(mt->derived); mt->derived = NULL; }
    c = calloc(1, sizeof *c);
    if (!c) { err_set(e, "out of memory"); return NULL; }
    c->base.free = side_cache_free;
    if (side_load(t, path, &c->side, e)) { free(c); return NULL; }
    if (!(c->path = strdup(path))) { side_cache_free(&c->base); err_set(e, "out of memory"); return NULL; }
    c->n = t->n;
    c->st = *st;
    mt->derived = &c->base;
    return &c->side;
}

static bool has_prefix(const char *w, const char *p) { return strncmp(w, p, strlen(p)) == 0; }

int recsys_recommend(const embx_table *t, const char *user, size_t k, long min_count,
                     struct recsys_hit *hits, size_t *nhits,
                     struct recsys_rec_info *info, embx_err *e)
{
    memset(info, 0, sizeof *info);
    *nhits = 0;
    const struct side *s = NULL;
    if (t->source) {
        char *path = recsys_sidecar_path(t->source);
        if (!path) return err_set(e, "out of memory");
        snprintf(info->sidecar, sizeof info->sidecar, "%s", path);
        struct stat st;
        if (stat(path, &st) == 0) s = cached_side(t, path, &st, e);
        free(path);
        if (stat(info->sidecar, &st) == 0 && !s) return EMBX_ERR;
    }
    info->have_sidecar = s != NULL;
    const char *uprefix = s ? s->user_prefix : "user:";
    long ur = table_find(t, user);
    if (ur < 0 && *uprefix && !has_prefix(user, uprefix)) {
        char *w = join(uprefix, user);
        if (!w) return err_set(e, "out of memory");
        ur = table_find(t, w);
        /* name the row looked for: the user's id with the prefix */
        if (ur < 0) {
            table_err_unknown(t, w, e);
            free(w);
            return EMBX_ERR;
        }
        free(w);
    }
    if (ur < 0) return table_err_unknown(t, user, e);
    bool is_user = s ? s->row_kind[ur] == ROW_USER : has_prefix(t->words[ur], uprefix);
    if (!is_user)
        return err_set(e, "'%s' is %s, not a user: give a user id or a row starting with '%s'", t->words[ur],
                       (s ? s->row_kind[ur] == ROW_ITEM : has_prefix(t->words[ur], "item:")) ? "an item"
                       : "not a row of the recommender", uprefix);
    info->user_row = (size_t)ur;

    size_t d = t->dim, nc = 0;
    /* the k best by score, ties to the lower row (base/topk.h) */
    struct knn_hit *best = malloc((k ? k : 1) * sizeof *best);
    uint8_t *skip = calloc(t->n + 1, 1);
    if (!best || !skip) { free(best); free(skip); return err_set(e, "out of memory"); }
    struct topk tk;
    topk_init(&tk, best, k);
    if (s)
        for (size_t q = s->seen_start[ur]; q < s->seen_start[ur + 1]; q++)
            if (!skip[s->seen[q]]) { skip[s->seen[q]] = 1; info->excluded++; }
    const float *p = table_row(t, (size_t)ur);
    for (size_t r = 0; r < t->n; r++) {
        bool item = s ? s->row_kind[r] == ROW_ITEM : has_prefix(t->words[r], "item:");
        if (!item || skip[r]) continue;
        if (min_count > 0) {
            long c = s ? s->count[r] : t->counts ? t->counts[r] : -1;
            if (c < min_count) continue;
        }
        const float *q = table_row(t, r);
        double score = 0;
        for (size_t c = 0; c < d; c++) score += (double)p[c] * q[c];
        if (s) score += s->bias[r] + (s->kind == RECSYS_MF ? s->mu + s->bias[ur] : 0.0);
        if (topk_wants(&tk, (float)score, r)) topk_push(&tk, r, (float)score);
        nc++;
    }
    free(skip);
    if (nc == 0) {
        free(best);
        return err_set(e, "no items to recommend to %s (the table has no item rows%s)", t->words[ur],
                       s ? " the user has not seen" : " starting with 'item:'");
    }
    topk_sort(&tk);
    *nhits = tk.n;
    for (size_t i = 0; i < *nhits; i++) {
        size_t r = hits[i].row = best[i].row;
        hits[i].score = best[i].score;
        /* ranked by the model's score; a predicted rating is shown within
         * the scale the model was trained on (issue 18) */
        if (s && s->have_scale) {
            if (hits[i].score > s->hi) { hits[i].score = (float)s->hi; info->clipped++; }
            else if (hits[i].score < s->lo) { hits[i].score = (float)s->lo; info->clipped++; }
        }
        hits[i].label = meta_value(t, "title", r) ? meta_value(t, "title", r) : s ? s->labels[r] : NULL;
        hits[i].group = meta_value(t, "genre", r) ? meta_value(t, "genre", r) : s ? s->groups[r] : NULL;
    }
    free(best);
    return EMBX_OK;
}

int recsys_dot_top(const embx_table *t, const float *q, const size_t *rows, size_t nrows, size_t k,
                   struct recsys_hit *hits, size_t *nhits, embx_err *e)
{
    struct knn_hit *best = malloc((k ? k : 1) * sizeof *best);
    if (!best) return err_set(e, "out of memory");
    struct topk tk;
    topk_init(&tk, best, k);
    size_t d = t->dim;
    for (size_t i = 0; i < nrows; i++) {
        const float *v = table_row(t, rows[i]);
        double s = t->bias ? t->bias[rows[i]] : 0.0;
        for (size_t c = 0; c < d; c++) s += (double)q[c] * v[c];
        if (topk_wants(&tk, (float)s, rows[i])) topk_push(&tk, rows[i], (float)s);
    }
    topk_sort(&tk);
    *nhits = tk.n;
    for (size_t i = 0; i < *nhits; i++) {
        hits[i].row = best[i].row;
        hits[i].score = best[i].score;
        hits[i].label = meta_value(t, "title", best[i].row);
        hits[i].group = meta_value(t, "genre", best[i].row);
    }
    free(best);
    return EMBX_OK;
}
