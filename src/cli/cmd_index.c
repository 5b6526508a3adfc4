/* cmd_index: `index build|info|drop` and the approximate path of nn and
 * analogy. The index lives in the session and in a file beside the table's
 * cache entry (cache_sidecar_path), so it is built once per table. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cache.h"
#include "cmd_index.h"
#include "commands.h"
#include "hnsw.h"
#include "output.h"
#include "progress.h"

/* The table's index file, or EMBX_ERR (why in e) when it has none: a table
 * that did not come from a file. */
static int index_path(const struct session *s, char *buf, size_t len, embx_err *e)
{
    if (!s->table->source) return err_set(e, "the table was not loaded from a file");
    return cache_sidecar_path(s->table->source, &s->table_load.read, ".hnsw", buf, len, e);
}

/* Loads the index file once per table. EMBX_OK with s->index set, or
 * EMBX_ERR: none (e empty) or refused (e says why; the file is removed,
 * as it can only be damaged or stale: its name is this table's key). */
static int index_lookup(struct session *s, embx_err *e)
{
    err_clear(e);
    if (s->index) return EMBX_OK;
    if (s->index_looked) return EMBX_ERR;
    s->index_looked = true;
    char path[PATH_MAX];
    embx_err pe;
    if (index_path(s, path, sizeof path, &pe) || access(path, F_OK) != 0) return EMBX_ERR;
    if (hnsw_load(path, s->table, &s->index, e) == EMBX_OK) return EMBX_OK;
    unlink(path);
    err_prefix(e, "index file refused and removed (run 'index build')");
    return EMBX_ERR;
}

int index_wanted(struct session *s, const struct args *a, bool *use, embx_err *e)
{
    *use = false;
    bool force = args_has(a, "approx");
    if (force && args_has(a, "exact")) return err_set(e, "--approx and --exact exclude each other");
    if (args_has(a, "exact") || (!force && s->approx == APPROX_OFF)) return EMBX_OK;
    bool must = force || s->approx == APPROX_ON;
    if (!must && s->table->n < APPROX_AUTO_ROWS) return EMBX_OK;
    if (args_str(a, "restrict", 0) || args_has(a, "fast")) {
        if (force) return err_set(e, "--approx cannot be combined with --restrict or --fast");
        return EMBX_OK;    /* those ask for the exact scan */
    }
    embx_err le;
    if (index_lookup(s, &le) == EMBX_OK) {
        *use = true;
        if (!force && !s->index_noted)
            session_note(s, "answers come from the approximate index (set approx off, or --exact, to scan every row)");
        s->index_noted = !force || s->index_noted;
        return EMBX_OK;
    }
    if (must) {
        if (le.msg[0]) return err_set(e, "%s", le.msg);
        return err_set(e, "no index for this table (run 'index build' first%s)",
                       force ? "" : ", or 'set approx auto'");
    }
    if (le.msg[0]) session_note(s, "%s", le.msg);
    return EMBX_OK;
}

int index_query(struct session *s, const float *q, size_t k, size_t ef, const size_t *ex, size_t nex,
                struct knn_hit *hits, size_t *nhits, embx_err *e)
{
    struct knn_hit *cand = malloc(sizeof *cand * k);
    size_t *rows = malloc(sizeof *rows * (k ? k : 1)), nc = 0;
    int rc = EMBX_ERR;
    if (!cand || !rows) { err_set(e, "out of memory"); goto done; }
    if (hnsw_search(s->index, s->table, q, k, ef, ex, nex, cand, &nc, e)) goto done;
    for (size_t i = 0; i < nc; i++) rows[i] = cand[i].row;
    /* the same scores and tie order as the exact scan, among the rows found */
    rc = knn_query_rows(s->table, q, rows, nc, k, 1, hits, nhits, e);
done:
    free(cand);
    free(rows);
    return rc;
}

static int run_build(struct session *s, const struct args *a, embx_err *e)
{
    struct hnsw_params p;
    hnsw_params_default(&p);
    long m, efc, seed;
    if (args_long(a, "m", HNSW_DEFAULT_M, 2, 128, &m, e) ||
        args_long(a, "ef-construction", HNSW_DEFAULT_EF_CONSTRUCTION, 1, 100000, &efc, e) ||
        args_long(a, "seed", HNSW_DEFAULT_SEED, 0, LONG_MAX, &seed, e))
        return EMBX_ERR;
    p.m = (int)m;
    p.ef_construction = (int)efc;
    p.seed = (uint64_t)seed;
    p.threads = session_threads(s);
    progress pr;
    struct hnsw *h = NULL;
    double t0 = progress_now();
    int rc = hnsw_build(s->table, &p, &pr, &h, e);
    if (rc != EMBX_OK) return rc;       /* the old index, if any, stays */
    double dt = progress_now() - t0;
    hnsw_free(s->index);
    s->index = h;
    s->index_looked = true;
    struct hnsw_info in;
    hnsw_get_info(h, &in);
    char path[PATH_MAX], where[PATH_MAX + 64];
    embx_err pe;
    if (index_path(s, path, sizeof path, &pe) == EMBX_OK && hnsw_save(h, path, &pe) == EMBX_OK)
        snprintf(where, sizeof where, "saved to %s", path);
    else
        snprintf(where, sizeof where, "kept for this session only (%s)", pe.msg);
    session_note(s, "index: %zu rows, M %d, ef-construction %d, %d threads, %.1f MB, built in %.2f s; %s",
                 in.nodes, in.m, in.ef_construction, p.threads, in.memory / 1e6, dt, where);
    return EMBX_OK;
}

static int run_info(struct session *s, const struct args *a, embx_err *e)
{
    (void)a;
    embx_err le;
    char path[PATH_MAX];
    bool has_path = index_path(s, path, sizeof path, e) == EMBX_OK;
    if (index_lookup(s, &le) != EMBX_OK) {
        if (le.msg[0]) return err_set(e, "%s", le.msg);
        printf("no index for this table (run 'index build')\n");
        return EMBX_OK;
    }
    struct hnsw_info in;
    hnsw_get_info(s->index, &in);
    outtab o;
    outtab_init(&o, 2);
    outtab_addf(&o, "rows\t%zu of %zu (zero rows are left out)", in.nodes, in.n);
    outtab_addf(&o, "M\t%d (%d links at level 0)", in.m, 2 * in.m);
    outtab_addf(&o, "ef-construction\t%d", in.ef_construction);
    outtab_addf(&o, "ef (search)\t%d (nn --ef N)", HNSW_DEFAULT_EF_SEARCH);
    outtab_addf(&o, "levels\t%d", in.levels);
    outtab_addf(&o, "memory\t%.1f MB", in.memory / 1e6);
    outtab_addf(&o, "file\t%s", has_path && access(path, F_OK) == 0 ? path : "(none: this session only)");
    outtab_addf(&o, "used by nn\t%s", s->approx == APPROX_ON ? "always (set approx on)"
                : s->approx == APPROX_OFF ? "with --approx (set approx off)"
                : s->table->n >= APPROX_AUTO_ROWS ? "by default (set approx auto, a big table)"
                : "with --approx (set approx auto: exact below 100000 rows)");
    outtab_print(s, &o, stdout);
    return EMBX_OK;
}

static int run_drop(struct session *s, const struct args *a, embx_err *e)
{
    (void)a;
    char path[PATH_MAX];
    bool had = s->index != NULL, removed = false;
    hnsw_free(s->index);
    s->index = NULL;
    s->index_looked = true;   /* dropped: not reloaded until built again */
    if (index_path(s, path, sizeof path, e) == EMBX_OK) {
        if (unlink(path) == 0) removed = true;
        else if (errno != ENOENT) return err_set(e, "cannot remove %s: %s", path, strerror(errno));
    }
    err_clear(e);
    if (removed) session_note(s, "index: removed %s", path);
    else if (had) session_note(s, "index: dropped (it had no file)");
    else session_note(s, "index: there was none");
    return EMBX_OK;
}

static int run_index(struct session *s, const struct args *a, embx_err *e)
{
    const char *what = args_word(a, 0);
    bool building = strcmp(what, "build") == 0;
    if (!building && a->nseen)
        return err_set(e, "the options are for 'index build' only");
    if (building) return run_build(s, a, e);
    if (strcmp(what, "info") == 0) return run_info(s, a, e);
    if (strcmp(what, "drop") == 0) return run_drop(s, a, e);
    return err_set(e, "unknown action '%.*s%s' (build, info or drop)", ERR_WORD(what));
}

static const struct optspec index_opts[] = {
    {"m", 0, 1, "M", "links per row (2 x M at the bottom level; default 16)"},
    {"ef-construction", 0, 1, "N", "candidates while inserting (default 200)"},
    {"seed", 0, 1, "S", "seed of the level draw (default 1)"},
    {0},
};

static const struct complete_spec index_actions = {
    .choices = (const struct complete_choice[]){{"build", NULL}, {"info", NULL}, {"drop", NULL}, {NULL, NULL}},
};

const struct command cmds_index[] = {
    {
        .name = "index",
        .args = "build|info|drop",
        .help = "approximate nearest-neighbour index of the table (HNSW), for nn --approx",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_TABLE,
        .complete_first = &index_actions,
        .opts = index_opts,
        .run = run_index,
        .details =
            "build: builds the index on all threads (progress on stderr; Ctrl-C stops it and\n"
            "keeps the previous one) and stores it beside the table's cache entry, so the\n"
            "next session finds it. info: its size and settings. drop: removes it.\n"
            "nn --approx (and analogy --approx) then walk the graph instead of scanning\n"
            "every row: the answers are scored exactly, but a true neighbour can be\n"
            "missed (recall@10 about 0.99 at the default ef). 'set approx auto' (the\n"
            "default) uses the index without --approx on tables of 100000 rows or more;\n"
            "'set approx on' always, 'off' never; nn --exact scans whatever the setting.",
    },
    {0},
};
