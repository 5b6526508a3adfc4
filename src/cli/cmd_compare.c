/* cmd_compare: compare two tables, list neighbours side by side, probe a
 * direction, cluster a selection. Handlers parse, call the pure modules
 * (compare, axis, kmeans) and print through outtab. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "commands.h"
#include "cmd_compare.h"
#include "output.h"
#include "load.h"
#include "registry.h"
#include "knn.h"
#include "compare.h"
#include "axis.h"
#include "expr.h"
#include "cluster.h"
#include "selargs.h"
#include "projection.h"
#include "progress.h"
#include "strutil.h"

/* Numbers: 4 decimals on a terminal, 6 in TSV (the output convention). */
static const char *num(const struct session *s, char *buf, size_t len, double v)
{
    return out_number(s, buf, len, v, 4);
}

/* ---- compare ---------------------------------------------------------- */

#define COMPARE_DEFAULT_RESTRICT 10000

static const struct optspec compare_optspec[] = {
    {"restrict", 0, 1, "N", "compare the shared words among the first N rows (default 10000, 0 = all)"},
    {"k", 'k', 1, "K", "neighbours per word for the overlap (default: the session's k)"},
    {"top", 0, 1, "M", "movers listed at each end (default 10)"},
    {"format", 0, 1, "F", "format of FILE (default: from its content)"},
    {"no-cache", 0, 0, NULL, "read FILE without the cache"},
    {0}
};

/* One ranked list of movers. Terminal: a heading and rank/word/cosine/overlap
 * columns. TSV: list name, word, cosine, overlap on every line. */
static void print_movers(const struct session *s, const char *name, const char *heading,
                         const embx_table *a, const struct compare_result *r,
                         const size_t *order, size_t top, bool reverse)
{
    size_t n = r->used < top ? r->used : top;
    if (n == 0 || !order) return;
    bool pretty = out_pretty(s);
    outtab t;
    outtab_init(&t, 4);
    t.right[0] = pretty;
    t.right[2] = t.right[3] = true;
    if (pretty) printf("\n%s\n", heading);
    for (size_t i = 0; i < n; i++) {
        const struct compare_word *w = &r->words[order[reverse ? r->used - 1 - i : i]];
        char rank[32], c[32], o[32];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        const char *cells[4] = {pretty ? rank : name, a->words[w->row_a],
                                num(s, c, sizeof c, w->cosine), num(s, o, sizeof o, w->overlap)};
        outtab_add(&t, cells);
    }
    outtab_print(s, &t, stdout);
    outtab_free(&t);
}

static void print_compare(const struct session *s, const embx_table *a, const struct compare_result *r,
                          size_t top)
{
    char v[64], m[64];
    outtab t;
    outtab_init(&t, 2);
    t.right[1] = true;
    outtab_addf(&t, "shared words\t%zu", r->shared);
    outtab_addf(&t, "only in the current table\t%zu", r->only_a);
    outtab_addf(&t, "only in the second table\t%zu", r->only_b);
    outtab_addf(&t, "words compared\t%zu", r->used);
    if (r->aligned) {
        outtab_addf(&t, "mean aligned cosine\t%s", num(s, v, sizeof v, r->mean_cosine));
        outtab_addf(&t, "median aligned cosine\t%s", num(s, m, sizeof m, r->median_cosine));
    }
    if (r->k > 0) outtab_addf(&t, "mean neighbour overlap (k=%zu)\t%s", r->k, num(s, v, sizeof v, r->mean_overlap));
    outtab_print(s, &t, stdout);
    outtab_free(&t);
    print_movers(s, "most-moved-cosine", "moved most (lowest aligned cosine):", a, r, r->by_cosine, top, false);
    print_movers(s, "least-moved-cosine", "moved least (highest aligned cosine):", a, r, r->by_cosine, top, true);
    print_movers(s, "most-moved-overlap", "moved most (fewest shared neighbours):", a, r, r->by_overlap, top, false);
    print_movers(s, "least-moved-overlap", "moved least (most shared neighbours):", a, r, r->by_overlap, top, true);
}

static int run_compare(struct session *s, const struct args *a, embx_err *e)
{
    long restrict_n, top;
    size_t k;
    /* the overlap keeps k neighbours of every shared word: 1000 bounds its memory and time */
    if (args_long(a, "restrict", COMPARE_DEFAULT_RESTRICT, 0, (long)1 << 40, &restrict_n, e) ||
        session_read_k(s, a, 1000, "neighbours the overlap keeps per word", &k, e) ||
        args_long(a, "top", 10, 0, 1000000, &top, e))
        return EMBX_ERR;
    const char *path = args_word(a, 0);
    struct load_opts lo;
    memset(&lo, 0, sizeof lo);
    lo.no_cache = args_has(a, "no-cache");
    lo.read.quiet = s->quiet;
    lo.read.threads = s->threads;
    const char *fmt = args_str(a, "format", 0);
    if (fmt && format_parse(fmt, &lo.read.format) != 0)
    {
        char names[512];
        return err_set(e, "--format %.*s%s: unknown format (%s)", ERR_WORD(fmt), format_names(names, sizeof names, false));
    }

    embx_table *other = NULL;
    struct read_report rep;
    int rc = cmd_read_table(s, path, &lo, &other, &rep, e);
    if (rc != EMBX_OK) return rc;   /* the current table stays as it was */

    struct compare_opts co = {.restrict_n = (size_t)restrict_n, .k = (size_t)k, .threads = s->threads};
    struct compare_result r;
    progress p;
    progress_start(&p, "compare", 3);
    double t0 = progress_now();
    rc = compare_tables(s->table, other, &co, &r, &p, e);
    progress_finish(&p);
    if (rc != EMBX_OK) {
        table_free(other);
        return rc;
    }
    double secs = progress_now() - t0;
    if (r.note[0]) session_note(s, "%s", r.note);
    print_compare(s, s->table, &r, (size_t)top);
    session_note(s, "compared %zu words in %.2f s; `both WORD` lists a word's neighbours in the two tables",
                 r.used, secs);
    compare_result_free(&r);
    table_free(s->other);
    s->other = other;
    return EMBX_OK;
}

/* ---- both ------------------------------------------------------------- */

static int neighbours_of(const embx_table *t, size_t row, size_t k, int threads, struct knn_hit *hits,
                         size_t *nhits, embx_err *e)
{
    return knn_query(t, table_row(t, row), k, 0, &row, 1, threads, hits, nhits, e);
}

static bool in_hits(const embx_table *t, const struct knn_hit *h, size_t n, const char *word)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t->words[h[i].row], word) == 0) return true;
    return false;
}

int compare_print_both(struct session *s, const char *word, size_t k, embx_err *e)
{
    const embx_table *a = s->table, *b = s->other;
    if (!a) return err_set(e, "no table loaded (load FILE first)");
    if (!b) return err_set(e, "no second table: run `compare FILE` first");
    long ra = table_find(a, word), rb = table_find(b, word);
    if (ra < 0 && rb < 0) return err_set(e, "'%s' is in neither table", word);
    if (ra < 0) { table_err_unknown(a, word, e); err_prefix(e, "current table"); return EMBX_ERR; }
    if (rb < 0) { table_err_unknown(b, word, e); err_prefix(e, "second table"); return EMBX_ERR; }
    if (k == 0) k = 1;
    struct knn_hit *ha = malloc(sizeof *ha * k), *hb = malloc(sizeof *hb * k);
    size_t na = 0, nb = 0;
    int rc = EMBX_ERR;
    if (!ha || !hb) { err_set(e, "out of memory"); goto out; }
    if ((rc = neighbours_of(a, (size_t)ra, k, session_threads(s), ha, &na, e)) != EMBX_OK) goto out;
    if ((rc = neighbours_of(b, (size_t)rb, k, session_threads(s), hb, &nb, e)) != EMBX_OK) goto out;
    outtab t;
    outtab_init(&t, 7);
    t.right[0] = t.right[2] = t.right[5] = true;
    if (out_pretty(s))
        printf("neighbours of %s: current table (%s) | second table (%s); * = in one list only\n",
               word, a->source ? a->source : "-", b->source ? b->source : "-");
    for (size_t i = 0; i < (na > nb ? na : nb); i++) {
        char rank[32], sa[32] = "", sb[32] = "";
        snprintf(rank, sizeof rank, "%zu", i + 1);
        const char *wa = i < na ? a->words[ha[i].row] : "", *wb = i < nb ? b->words[hb[i].row] : "";
        if (i < na) num(s, sa, sizeof sa, ha[i].score);
        if (i < nb) num(s, sb, sizeof sb, hb[i].score);
        const char *cells[7] = {rank, wa, sa, i < na && !in_hits(b, hb, nb, wa) ? "*" : "",
                                wb, sb, i < nb && !in_hits(a, ha, na, wb) ? "*" : ""};
        outtab_add(&t, cells);
    }
    outtab_print(s, &t, stdout);
    outtab_free(&t);
    rc = EMBX_OK;
out:
    free(hb);
    free(ha);
    return rc;
}

static const struct optspec both_optspec[] = {
    {"k", 'k', 1, "N", "neighbours in each table (default: the session's k)"},
    {0}
};

static int run_both(struct session *s, const struct args *a, embx_err *e)
{
    size_t k;
    if (session_read_k(s, a, s->table->n, "rows of the table", &k, e)) return EMBX_ERR;
    return compare_print_both(s, args_word(a, 0), k, e);
}

/* ---- axis ------------------------------------------------------------- */

static const struct optspec axis_optspec[] = {
    {"words", 0, 1, "\"W1 W2 ...\"", "the words to project (blank- or comma-separated)"},
    {"ends", 0, 1, "M", "show only the M words at each end (default: all up to 50, else 10)"},
    SELECTION_OPTSPECS,
    {0}
};

/* The --words list (and any further positional words) as a selection;
 * missing words are listed in the note, none found is an error. */
static int words_selection(const embx_table *t, const struct args *a, size_t first,
                           struct selection *sel, embx_err *e)
{
    memset(sel, 0, sizeof *sel);
    char *list = strdup(args_str(a, "words", 0));
    if (!list) return err_set(e, "out of memory");
    sel->rows = malloc(sizeof(size_t) * (a->npos + strlen(list) / 2 + 2));
    if (!sel->rows) { free(list); return err_set(e, "out of memory"); }
    char missing[400] = "";
    char *save = NULL, *tok = strtok_r(list, " ,\t", &save);
    size_t pi = first;
    for (;;) {
        const char *w = tok ? tok : pi < a->npos ? args_word(a, pi++) : NULL;
        if (!w) break;
        long row = table_find(t, w);
        if (row >= 0) {
            sel->rows[sel->n++] = (size_t)row;
        } else {
            size_t len = strlen(missing);
            if (sel->nmissing++ < 20)
                snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "", w);
        }
        if (tok) tok = strtok_r(NULL, " ,\t", &save);
    }
    free(list);
    if (sel->nmissing)
        snprintf(sel->note, sizeof sel->note, "not in the table: %s%s", missing,
                 sel->nmissing > 20 ? ", ..." : "");
    if (sel->n == 0) {
        int rc = sel->nmissing ? err_set(e, "%s", sel->note) : err_set(e, "--words lists no word");
        selection_free(sel);
        return rc;
    }
    snprintf(sel->desc, sizeof sel->desc, "%zu words", sel->n);
    return EMBX_OK;
}

static int run_axis(struct session *s, const struct args *a, embx_err *e)
{
    const embx_table *t = s->table;
    const char *from = NULL, *to = args_word(a, 0);
    size_t first = 1;
    if (!expr_string_has_operator(to)) {
        if (a->npos < 2)
            return err_set(e, "give two words A B (the direction B - A) or one expression "
                           "like \"he + him - she - her\"");
        from = to;
        to = args_word(a, 1);
        first = 2;
    }
    long ends;
    if (args_long(a, "ends", 0, 0, 1000000, &ends, e)) return EMBX_ERR;
    float *dir = malloc(sizeof(float) * t->dim);
    if (!dir) return err_set(e, "out of memory");
    int rc = axis_direction(t, from, to, dir, e);
    if (rc != EMBX_OK) { free(dir); return rc; }

    struct selection sel;
    bool explicit_words = args_has(a, "words") || a->npos > first;
    rc = args_has(a, "words") ? words_selection(t, a, first, &sel, e)
                              : selection_from_args(t, a, first, 10000, session_threads(s), &sel, e);
    if (rc != EMBX_OK) { free(dir); return rc; }
    if (sel.note[0]) session_note(s, "%s", sel.note);

    struct axis_score *sc = malloc(sizeof *sc * (sel.n ? sel.n : 1));
    if (!sc) { selection_free(&sel); free(dir); return err_set(e, "out of memory"); }
    axis_project(t, dir, sel.rows, sel.n, sc);
    size_t show = ends > 0 ? (size_t)ends : explicit_words || sel.n <= 50 ? sel.n : 10;
    bool cut = 2 * show < sel.n;
    if (cut)
        session_note(s, "%s: the %zu words at each end of %zu (--ends M to change)", sel.desc, show, sel.n);
    session_note(s, "positive: towards %s; negative: towards %s", to, from ? from : "the opposite");
    outtab o;
    outtab_init(&o, 2);
    o.right[1] = true;
    for (size_t i = 0; i < sel.n; i++) {
        if (cut && i == show) {
            if (out_pretty(s)) outtab_addf(&o, "...\t");
            i = sel.n - show;
        }
        char v[32];
        const char *cells[2] = {t->words[sc[i].row], num(s, v, sizeof v, sc[i].proj)};
        outtab_add(&o, cells);
    }
    outtab_print(s, &o, stdout);
    outtab_free(&o);
    free(sc);
    selection_free(&sel);
    free(dir);
    return EMBX_OK;
}

/* ---- cluster ---------------------------------------------------------- */

static const struct optspec cluster_optspec[] = {
    {"show", 0, 1, "N", "central words listed per cluster (default 8)"},
    {"euclidean", 0, 0, NULL, "cluster the raw vectors instead of the normalized rows"},
    {"iter", 0, 1, "N", "at most N Lloyd iterations (default 100)"},
    SELECTION_OPTSPECS,
    {0}
};

/* Colours the current projection by cluster when every point of it was
 * clustered (same rows), so the viewer's colour-by-group shows the result. */
static void store_groups(struct session *s, const struct selection *sel, const int *assign, int k)
{
    struct projection *p = s->proj;
    if (!p || p->n == 0) return;
    int *of_row = malloc(sizeof(int) * s->table->n);
    int *group = malloc(sizeof(int) * p->n);
    char **names = calloc((size_t)k, sizeof(char *));
    bool ok = of_row && group && names;
    if (ok) {
        for (size_t i = 0; i < s->table->n; i++) of_row[i] = -1;
        for (size_t i = 0; i < sel->n; i++) of_row[sel->rows[i]] = assign[i];
        for (size_t i = 0; ok && i < p->n; i++) {
            long r = p->rows[i];
            ok = r >= 0 && (size_t)r < s->table->n && of_row[r] >= 0;
            if (ok) group[i] = of_row[r];
        }
    }
    for (int g = 0; ok && g < k; g++) {
        char buf[32];
        snprintf(buf, sizeof buf, "cluster %d", g + 1);
        ok = (names[g] = strdup(buf)) != NULL;
    }
    if (!ok) {
        if (names) for (int g = 0; g < k; g++) free(names[g]);
        free(names);
        free(group);
        free(of_row);
        session_note(s, "the last plot shows other words: plot the same selection to colour it by cluster");
        return;
    }
    free(p->group);
    if (p->group_names) for (int g = 0; g < p->ngroups; g++) free(p->group_names[g]);
    free(p->group_names);
    p->group = group;
    p->group_names = names;
    p->ngroups = k;
    free(of_row);
    session_note(s, "the last plot is now coloured by cluster");
}

static int run_cluster(struct session *s, const struct args *a, embx_err *e)
{
    const embx_table *t = s->table;
    long k, show, iter, seed;
    if (!str_parse_long(args_word(a, 0), &k) || k < 1)
        return err_set(e, "K must be a whole number of clusters of at least 1 (got '%s')", args_word(a, 0));
    if (args_long(a, "show", 8, 1, 1000000, &show, e) || args_long(a, "iter", 100, 1, 1000000, &iter, e) ||
        args_long(a, "seed", 1, 0, (long)(~0UL >> 1), &seed, e))
        return EMBX_ERR;
    struct selection sel;
    int rc = selection_from_args(t, a, 1, 1000, session_threads(s), &sel, e);
    if (rc != EMBX_OK) return rc;
    if (sel.note[0]) session_note(s, "%s", sel.note);
    if ((size_t)k > sel.n) {
        rc = err_set(e, "K = %ld is larger than the selection (%s: %zu words); choose K <= %zu",
                     k, sel.desc, sel.n, sel.n);
        selection_free(&sel);
        return rc;
    }
    struct cluster_result cr;
    struct cluster_member *mem = malloc(sizeof *mem * sel.n);
    if (!mem) { selection_free(&sel); return err_set(e, "out of memory"); }
    rc = cluster_rows(t, sel.rows, sel.n, (int)k, (uint64_t)seed, !args_has(a, "euclidean"), (int)iter, &cr, e);
    if (rc != EMBX_OK) goto out;
    session_note(s, "k-means (%s) of %s into %ld clusters, seed %ld", args_has(a, "euclidean") ?
                 "euclidean" : "cosine", sel.desc, k, seed);
    outtab o;
    outtab_init(&o, 3);
    o.right[0] = o.right[1] = true;
    for (long c = 0; c < k; c++) {
        size_t m = cluster_members(t, sel.rows, &cr, (int)c, mem);
        char words[2048] = "", id[32], sz[32];
        for (size_t i = 0; i < m && i < (size_t)show; i++) {
            char w[256];
            str_escape(t->words[mem[i].row], w, sizeof w);
            size_t len = strlen(words);
            snprintf(words + len, sizeof words - len, "%s%s", i ? " " : "", w);
        }
        snprintf(id, sizeof id, "%ld", c + 1);
        snprintf(sz, sizeof sz, "%zu", m);
        const char *cells[3] = {id, sz, words};
        outtab_add(&o, cells);
    }
    outtab_print(s, &o, stdout);
    outtab_free(&o);
    store_groups(s, &sel, cr.assign, (int)k);
    cluster_free(&cr);
out:
    free(mem);
    selection_free(&sel);
    return rc;
}

const struct command cmds_compare[] = {
    {
        .name = "compare",
        .args = "FILE",
        .help = "compare a second table with the loaded one: alignment, neighbour overlap, movers",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_FILES,
        .opts = compare_optspec,
        .run = run_compare,
        .details =
            "Loads FILE (any format) as the second table and aligns it onto the loaded one with\n"
            "orthogonal Procrustes over the shared words among the first N rows (--restrict,\n"
            "default 10000). Prints the vocabulary overlap, the mean and median cosine of each word\n"
            "with its aligned counterpart, the mean overlap of the K nearest neighbours\n"
            "(|shared| / K, neighbours drawn from the shared words) and the words that moved most\n"
            "and least by each measure. Tables of different dimension get the overlap only.\n"
            "If FILE cannot be read, the loaded table is kept and the second one is unchanged.",
    },
    {
        .name = "both",
        .args = "WORD",
        .help = "WORD's neighbours in the loaded and the second table, side by side",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .opts = both_optspec,
        .run = run_both,
        .details =
            "Needs a second table from `compare FILE`. A '*' marks a neighbour found in one list only.",
    },
    {
        .name = "axis",
        .args = "A B [WORDS...]",
        .help = "project words on the direction B - A (or \"he + him - she - her\"), sorted",
        .min_args = 1, .max_args = -1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .opts = axis_optspec,
        .run = run_axis,
        .details =
            "The direction is B - A over unit word vectors; A and B may be sums such as\n"
            "\"she + her\". A single quoted expression with + or - is a whole direction.\n"
            "Each selected word's value is the cosine between it and the direction:\n"
            "positive leans towards B, negative towards A. Example: axis she he --words nurse engineer",
    },
    {
        .name = "cluster",
        .args = "K [WORDS...]",
        .help = "k-means of the selected words into K clusters (cosine), with each cluster's central words",
        .min_args = 1, .max_args = -1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .opts = cluster_optspec,
        .run = run_cluster,
        .details =
            "k-means++ seeding and Lloyd iterations on the normalized rows (--euclidean: raw rows),\n"
            "reproducible for a given --seed. Default selection: the 1000 first rows. When the last\n"
            "plot shows the same words, its points are coloured by cluster.",
    },
    {0},
};
