/* cmd_plot: the projection commands (rows of the command table and their
 * handlers): plot pca|tsne|umap|axes, load-proj, save-proj, export-projector. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <limits.h>
#include <unistd.h>
#include "commands.h"
#include "selargs.h"
#include "projection.h"
#include "plotview.h"
#include "pca.h"
#include "tsne.h"
#include "umap.h"
#include "knngraph.h"
#include "knngraph_file.h"
#include "cache.h"
#include "faith.h"
#include "progress.h"
#include "projfile.h"
#include "projector.h"
#include "axis.h"
#include "cmd_compare.h"
#include "rowmeta.h"
#include "colorby.h"

/* Selection used when a plot names no rows. */
#define PLOT_DEFAULT_TOP 500

/* Copies the selected rows into a dense n x dim matrix. */
static float *gather_rows(const embx_table *t, const struct selection *sel, embx_err *e)
{
    float *X = malloc(sizeof(float) * sel->n * t->dim);
    if (!X) { err_set(e, "out of memory for %zu x %zu values", sel->n, t->dim); return NULL; }
    for (size_t i = 0; i < sel->n; i++)
        memcpy(X + i * t->dim, table_row(t, sel->rows[i]), sizeof(float) * t->dim);
    return X;
}

/* A projection of the selection's rows, labelled with their words. */
static struct projection *projection_of(const embx_table *t, struct selection *sel, embx_err *e)
{
    struct projection *p = projection_new(sel->n);
    if (!p) { err_set(e, "out of memory for the projection"); return NULL; }
    for (size_t i = 0; i < sel->n; i++) {
        p->rows[i] = (long)sel->rows[i];
        const char *title = rowmeta_title(t->meta, sel->rows[i]);
        const char *label = title ? title : t->words[sel->rows[i]];
        p->labels[i] = strdup(label);
        if (!p->labels[i]) { projection_free(p); err_set(e, "out of memory for the labels"); return NULL; }
    }
    /* The selection's groups and highlights move into the projection. */
    p->group = sel->group; sel->group = NULL;
    p->group_names = sel->group_names; sel->group_names = NULL;
    p->ngroups = sel->ngroups; sel->ngroups = 0;
    p->highlight = sel->highlight; sel->highlight = NULL;
    return p;
}

/* plot --color-by COL: the points' groups from a metadata column. */
static int color_by(const struct session *s, const struct args *a, struct projection *p, embx_err *e)
{
    const char *col = args_str(a, "color-by", 0);
    if (!col) return EMBX_OK;
    const struct rowmeta *m = s->table->meta;
    long c = rowmeta_col(m, col);
    if (!m) return err_set(e, "--color-by %s: the table has no metadata (attach some with --meta FILE)", col);
    if (c < 0) {
        char cols[512];
        rowmeta_col_list(m, cols, sizeof cols);
        return err_set(e, "--color-by %s: no such column (the columns: %s)", col, cols);
    }
    return colorby_apply(m, (size_t)c, p, e);
}

static void set_projection(struct session *s, struct projection *p)
{
    projection_free(s->proj);
    s->proj = p;
}

/* t-SNE above this many points takes its neighbours from the shared graph
 * (NN-descent above KNNGRAPH_EXACT_MAX) instead of an exact search. */
#define TSNE_GRAPH_MIN 10000

/* True when the selection is every row of the table in order: its graph
 * is kept in the cache beside the table's copy. */
static bool whole_table(const embx_table *t, const struct selection *sel)
{
    if (sel->n != t->n) return false;
    for (size_t i = 0; i < sel->n; i++)
        if (sel->rows[i] != i) return false;
    return true;
}

/* The cache file of the whole table's graph built with o, or EMBX_ERR when
 * there is none: the table has no source file or the cache is off. */
static int graph_cache_path(const struct session *s, const struct knngraph_opts *o,
                            char *buf, size_t len, embx_err *e)
{
    const embx_table *t = s->table;
    if (!t->source || s->table_load.no_cache) return err_set(e, "no cache");
    char ext[96];
    if (knngraph_file_suffix(o, t->n, ext, sizeof ext)) return err_set(e, "no cache");
    return cache_sidecar_path(t->source, &s->table_load.read, ext, buf, len, e);
}

static void note_graph(const struct session *s, const struct knngraph *g, const char *how)
{
    if (g->approximate)
        session_note(s, "neighbour graph: %zu per point, approximate (NN-descent, %d rounds), recall %.3f against exact search on %zu sampled points (%s)",
                     g->k, g->rounds, g->recall, g->recall_points, how);
    else
        session_note(s, "neighbour graph: %zu per point, exact (%s)", g->k, how);
}

/* The session's neighbour graph of the selected rows with at least k
 * neighbours: kept from an earlier map of the same rows, read from the
 * cache (the whole table), or built now (and cached for the whole table). */
static int shared_graph(struct session *s, const struct selection *sel, const float *X,
                        enum knngraph_metric metric, size_t k, const struct knngraph **out, embx_err *e)
{
    struct knngraph **slot = &s->graph[metric];
    if (knngraph_fits(*slot, s->table, sel->rows, sel->n, metric, k)) {
        session_note(s, "neighbour graph: kept from the last map of these %zu points (%zu per point)",
                     sel->n, (*slot)->k);
        *out = *slot;
        return EMBX_OK;
    }
    struct knngraph_opts o;
    knngraph_opts_init(&o);
    o.k = k;
    o.metric = metric;
    o.threads = session_threads(s);
    progress pg;
    o.prog = &pg;
    char path[PATH_MAX];
    embx_err ce;
    bool cached = whole_table(s->table, sel) && graph_cache_path(s, &o, path, sizeof path, &ce) == EMBX_OK;
    uint64_t hash = cached ? knngraph_data_hash(X, sel->n, s->table->dim) : 0;
    struct knngraph *g = NULL;
    if (cached && access(path, F_OK) == 0) {
        if (knngraph_load(path, &o, sel->n, hash, &g, &ce) == EMBX_OK) {
            note_graph(s, g, "read from the cache");
        } else {
            unlink(path);
            session_note(s, "neighbour graph: the cached copy was refused (%s); rebuilt", ce.msg);
        }
    }
    if (!g) {
        int rc = knngraph_build(X, sel->n, s->table->dim, &o, &g, e);
        if (rc != EMBX_OK) return rc;
        char how[64];
        snprintf(how, sizeof how, "%.1f s", g->seconds);
        if (cached && knngraph_save(g, &o, hash, path, &ce) != EMBX_OK)
            session_note(s, "neighbour graph: not cached (%s)", ce.msg);
        else if (cached)
            snprintf(how, sizeof how, "%.1f s, cached for later sessions", g->seconds);
        note_graph(s, g, how);
    }
    if (knngraph_set_key(g, s->table, sel->rows, e) != EMBX_OK) { knngraph_free(g); return EMBX_ERR; }
    knngraph_free(*slot);
    *slot = g;
    *out = g;
    return EMBX_OK;
}

/* Prints how far to trust the map p: trustworthiness and 10-NN preservation
 * of its table rows (on a sample of at most 5,000 points). */
static void note_faith(struct session *s, struct projection *p, bool cosine)
{
    const embx_table *t = s->table;
    if (!t || !p) return;
    size_t m = 0;
    size_t *rows = malloc(sizeof(size_t) * (p->n ? p->n : 1));
    double *Y = malloc(sizeof(double) * 2 * (p->n ? p->n : 1));
    if (!rows || !Y) { free(rows); free(Y); return; }
    for (size_t i = 0; i < p->n; i++)
        if (p->rows[i] >= 0 && (size_t)p->rows[i] < t->n) {
            rows[m] = (size_t)p->rows[i];
            Y[2 * m] = p->xy[2 * i];
            Y[2 * m + 1] = p->xy[2 * i + 1];
            m++;
        }
    struct faith_opts fo;
    faith_opts_init(&fo);
    fo.cosine = cosine;
    fo.threads = session_threads(s);
    struct faith f;
    embx_err fe;
    if (m >= 4 && faith_score(t->vecs, t->dim, t->dim, rows, m, Y, &fo, &f, NULL, &fe) == EMBX_OK) {
        char how[96] = "";
        if (f.sampled) snprintf(how, sizeof how, ", on a sample of %zu of the %zu points", f.points, m);
        snprintf(p->faith, sizeof p->faith, "trustworthiness %.3f, %zu-NN preservation %.3f (%s distance%s)",
                 f.trust, f.k, f.preservation, cosine ? "cosine" : "Euclidean", how);
        session_note(s, "faithfulness: %s", p->faith);
    } else if (progress_cancelled()) {
        progress_reset_cancel();
    }
    free(rows); free(Y);
}

/* A plot of the rows the last `cluster` ran on shows its clusters. */
static void note_clusters(struct session *s, struct projection *p)
{
    if (cmd_colour_by_clusters(s, p, false))
        session_note(s, "coloured by the %d clusters of the last `cluster` (same %zu words)", p->ngroups, p->n);
}

static int run_pca(struct session *s, const struct selection *sel, const float *X,
                   struct projection *p, embx_err *e)
{
    const embx_table *t = s->table;
    int k = t->dim >= 2 ? 2 : 1;
    struct pca pc;
    progress pg;
    double t0 = progress_now();
    progress_start(&pg, "PCA", (double)sel->n);
    int rc = pca_fit(X, t->dim, t->dim, NULL, sel->n, k, &pg, &pc, e);
    progress_finish(&pg);
    if (rc != EMBX_OK) return rc;
    double *Y = malloc(sizeof(double) * sel->n * (size_t)k);
    if (!Y) { pca_free(&pc); return err_set(e, "out of memory for the projection"); }
    pca_transform(&pc, X, t->dim, NULL, sel->n, Y);
    for (size_t i = 0; i < sel->n; i++) {
        p->xy[2 * i] = Y[i * (size_t)k];
        p->xy[2 * i + 1] = k > 1 ? Y[i * (size_t)k + 1] : 0.0;
    }
    free(Y);
    double r1 = 100.0 * pc.ratio[0], r2 = k > 1 ? 100.0 * pc.ratio[1] : 0.0;
    snprintf(p->title, sizeof p->title, "PCA of %.180s (variance %.1f%% + %.1f%%)", sel->desc, r1, r2);
    session_note(s, "explained variance: PC1 %.2f%% (%.6g), PC2 %.2f%% (%.6g), together %.2f%% of %.6g (%.2f s)",
                 r1, pc.variance[0], r2, k > 1 ? pc.variance[1] : 0.0, r1 + r2, pc.total_variance,
                 progress_now() - t0);
    pca_free(&pc);
    return EMBX_OK;
}

static int tsne_options(struct session *s, const struct args *a, size_t n, struct tsne_opts *o, embx_err *e)
{
    tsne_opts_init(o);
    long seed, iters;
    if (args_double(a, "perplexity", 30.0, 1e-9, 1e9, &o->perplexity, e) ||
        args_long(a, "seed", 1, 0, 4294967295L, &seed, e) ||
        args_long(a, "iter", 1000, 1, 1000000, &iters, e) ||
        args_double(a, "theta", 0.5, 0.0, 10.0, &o->theta, e) ||
        args_double(a, "learning-rate", 0.0, 0.0, 1e9, &o->learning_rate, e))
        return EMBX_ERR;
    o->seed = (unsigned long)seed;
    o->iters = (int)iters;
    if (o->exaggeration_iters > o->iters) o->exaggeration_iters = o->iters;
    const char *init = args_str(a, "init", 0);
    if (init) {
        if (strcmp(init, "pca") == 0) o->random_init = false;
        else if (strcmp(init, "random") == 0) o->random_init = true;
        else return err_set(e, "--init '%s': use pca or random", init);
    }
    const char *metric = args_str(a, "metric", 0);
    if (metric) {
        if (strcmp(metric, "cosine") == 0) o->metric = TSNE_COSINE;
        else if (strcmp(metric, "euclidean") == 0) o->metric = TSNE_EUCLIDEAN;
        else return err_set(e, "--metric '%s': use cosine or euclidean", metric);
    }
    const char *method = args_str(a, "method", 0);
    if (method) {
        if (strcmp(method, "auto") == 0) o->method = TSNE_AUTO;
        else if (strcmp(method, "exact") == 0) o->method = TSNE_EXACT;
        else if (strcmp(method, "bh") == 0) o->method = TSNE_BARNES_HUT;
        else if (strcmp(method, "fft") == 0) o->method = TSNE_FFT;
        else return err_set(e, "--method '%s': use auto, exact, bh (Barnes-Hut) or fft", method);
    }
    if (args_has(a, "exact")) o->method = TSNE_EXACT;
    /* --theta only means something to Barnes-Hut: asking for it picks it. */
    if (args_has(a, "theta") && !method && !args_has(a, "exact") && o->theta > 0.0) o->method = TSNE_BARNES_HUT;
    o->threads = session_threads(s);
    if (o->perplexity > tsne_max_perplexity(n))
        session_note(s, "perplexity %g is too large for %zu points: the largest valid is %.4g ((N - 1) / 3); using it",
                     o->perplexity, n, tsne_max_perplexity(n));
    return EMBX_OK;
}

static int run_tsne(struct session *s, const struct args *a, const struct selection *sel,
                    const float *X, struct projection *p, embx_err *e)
{
    struct tsne_opts o;
    if (tsne_options(s, a, sel->n, &o, e) != EMBX_OK) return EMBX_ERR;
    const struct knngraph *g = NULL;
    if (sel->n > TSNE_GRAPH_MIN) {
        size_t k = (size_t)floor(3.0 * fmin(o.perplexity, tsne_max_perplexity(sel->n)) + 1.0);
        int grc = shared_graph(s, sel, X, o.metric == TSNE_COSINE ? KNNG_COSINE : KNNG_EUCLIDEAN, k, &g, e);
        if (grc != EMBX_OK) return grc;
        o.graph = g;
    }
    progress pg;
    progress_start(&pg, "t-SNE", (double)o.iters);
    o.prog = &pg;
    struct tsne_info info;
    int rc = tsne_run(X, sel->n, s->table->dim, &o, p->xy, &info, e);
    progress_finish(&pg);
    /* Cancelled during the optimization: the layout so far is valid and
     * shown; cancelled earlier (neighbour search): there is no layout. */
    if (rc != EMBX_OK && !info.cancelled) return rc;
    if (o.method == TSNE_EXACT && info.method != TSNE_EXACT)
        session_note(s, "%zu points are too many for the exact gradient (n^2 work per iteration): using Barnes-Hut (theta %g)",
                     sel->n, o.theta);
    if (info.duplicates > 0)
        session_note(s, "%zu points have an identical twin (distance 0); twins share a position", info.duplicates);
    snprintf(p->title, sizeof p->title, "t-SNE of %.200s (perplexity %.3g)", sel->desc, info.perplexity);
    const char *how = info.method == TSNE_EXACT ? "exact" : info.method == TSNE_FFT ? "FFT interpolation" : "Barnes-Hut";
    if (info.cancelled) {
        err_clear(e);
        progress_reset_cancel();
        session_note(s, "stopped at iteration %d of %d (Ctrl-C): showing that layout, KL divergence %.4f",
                     info.iters_done, o.iters, info.kl);
    } else {
        session_note(s, "KL divergence %.4f after %d iterations (%s, %zu neighbours per point, %.1f s, %.1f s CPU)",
                     info.kl, info.iters_done, how, info.neighbours,
                     info.seconds_affinity + info.seconds_optimize, info.cpu_seconds);
    }
    return EMBX_OK;
}

static int run_umap(struct session *s, const struct args *a, const struct selection *sel,
                    const float *X, struct projection *p, embx_err *e)
{
    struct umap_opts o;
    umap_opts_init(&o);
    long nb, epochs, seed;
    if (args_long(a, "neighbors", 15, 2, 200, &nb, e) ||
        args_double(a, "min-dist", 0.1, 0.0, 1e6, &o.min_dist, e) ||
        args_double(a, "spread", 1.0, 1e-6, 1e6, &o.spread, e) ||
        args_long(a, "epochs", 0, 1, 100000, &epochs, e) ||
        args_long(a, "seed", 1, 0, 4294967295L, &seed, e))
        return EMBX_ERR;
    if (o.min_dist > o.spread)
        return err_set(e, "--min-dist %g is larger than --spread %g: use min-dist <= spread", o.min_dist, o.spread);
    o.neighbors = (int)nb;
    o.epochs = (int)epochs;
    o.seed = (unsigned long)seed;
    o.threads = session_threads(s);
    const char *init = args_str(a, "init", 0);
    if (init) {
        if (strcmp(init, "spectral") == 0) o.init = UMAP_INIT_SPECTRAL;
        else if (strcmp(init, "pca") == 0) o.init = UMAP_INIT_PCA;
        else if (strcmp(init, "random") == 0) o.init = UMAP_INIT_RANDOM;
        else return err_set(e, "--init '%s': use spectral, pca or random", init);
    }
    enum knngraph_metric metric = KNNG_COSINE;
    const char *m = args_str(a, "metric", 0);
    if (m) {
        if (strcmp(m, "cosine") == 0) metric = KNNG_COSINE;
        else if (strcmp(m, "euclidean") == 0) metric = KNNG_EUCLIDEAN;
        else return err_set(e, "--metric '%s': use cosine or euclidean", m);
    }
    if ((size_t)o.neighbors > sel->n - 1) {
        session_note(s, "--neighbors %d is too many for %zu points: using %zu", o.neighbors, sel->n, sel->n - 1);
        o.neighbors = (int)(sel->n - 1);
    }
    const struct knngraph *g;
    int rc = shared_graph(s, sel, X, metric, (size_t)o.neighbors - 1, &g, e);
    if (rc != EMBX_OK) return rc;
    progress pg;
    struct umap_info info;
    progress_start(&pg, "UMAP", o.epochs > 0 ? (double)o.epochs : sel->n <= 10000 ? 500.0 : 200.0);
    o.prog = &pg;
    rc = umap_run(X, sel->n, s->table->dim, g, &o, p->xy, &info, e);
    progress_finish(&pg);
    if (rc != EMBX_OK && !(info.cancelled && info.epochs_done > 0)) return rc;
    static const char *const inits[] = {"spectral", "PCA", "random"};
    if (info.init_fallback)
        session_note(s, "%s: starting from PCA instead of the spectral layout", info.init_note);
    snprintf(p->title, sizeof p->title, "UMAP of %.190s (%d neighbours, min-dist %g)", sel->desc, o.neighbors, o.min_dist);
    if (info.cancelled) {
        err_clear(e);
        progress_reset_cancel();
        session_note(s, "stopped at epoch %d of %d (Ctrl-C): showing that layout", info.epochs_done, info.epochs);
    } else {
        session_note(s, "UMAP: %d epochs, %s start, %zu edges, a %.4g b %.4g (graph %.2f s, start %.2f s, SGD %.2f s; %.1f s, %.1f s CPU)",
                     info.epochs_done, inits[info.init], info.edges, info.a, info.b,
                     info.seconds_fuzzy, info.seconds_init - info.seconds_fuzzy, info.seconds_optimize,
                     info.seconds_init + info.seconds_optimize, info.cpu_seconds);
    }
    return EMBX_OK;
}

/* plot axes "X1" "X2" [selection]: the Projector's custom projection, with
 * two directions (word differences or sums) as the axes. */
static int run_plot_axes(struct session *s, const struct args *a, const struct plot_opts *po, embx_err *e)
{
    if (a->npos < 3)
        return err_set(e, "plot axes needs two directions (plot axes \"woman - man\" \"old - young\" --top 200)");
    struct selection sel;
    if (selection_from_args(s->table, a, 3, PLOT_DEFAULT_TOP, session_threads(s), &sel, e) != EMBX_OK) return EMBX_ERR;
    if (sel.nmissing) session_note(s, "%s (the rest used)", sel.note);
    struct projection *p = NULL;
    int rc = axes_projection(s->table, args_word(a, 1), args_word(a, 2), &sel, &p, e);
    if (rc == EMBX_OK && (rc = color_by(s, a, p, e)) != EMBX_OK) projection_free(p);
    if (rc == EMBX_OK) {
        set_projection(s, p);
        session_note(s, "selection: %s", sel.desc);
        note_faith(s, s->proj, true);
        note_clusters(s, s->proj);
        rc = plot_show(s, s->proj, po, e);
    }
    selection_free(&sel);
    return rc;
}

static int run_plot(struct session *s, const struct args *a, embx_err *e)
{
    const char *method = args_word(a, 0);
    bool pca = strcmp(method, "pca") == 0, tsne = strcmp(method, "tsne") == 0, umap = strcmp(method, "umap") == 0;
    if (strcmp(method, "axes") == 0) {
        struct plot_opts apo;
        if (plot_opts_from_args(a, &apo, e) != EMBX_OK) return EMBX_ERR;
        return run_plot_axes(s, a, &apo, e);
    }
    if (!pca && !tsne && !umap)
        return err_set(e, "unknown projection '%s': use pca, tsne, umap or axes (plot tsne --near paris 40)", method);
    struct plot_opts po;
    if (plot_opts_from_args(a, &po, e) != EMBX_OK) return EMBX_ERR;
    struct selection sel;
    if (selection_from_args(s->table, a, 1, PLOT_DEFAULT_TOP, session_threads(s), &sel, e) != EMBX_OK) return EMBX_ERR;
    if (sel.nmissing) session_note(s, "%s (the rest used)", sel.note);
    int rc = EMBX_ERR;
    float *X = NULL;
    struct projection *p = NULL;
    if (sel.n < 3) {
        err_set(e, "%s needs at least 3 points; the selection has %zu (%s)", pca ? "PCA" : tsne ? "t-SNE" : "UMAP", sel.n, sel.desc);
        goto done;
    }
    if (umap && sel.n < 4) {
        err_set(e, "UMAP needs at least 4 points; the selection has %zu (%s)", sel.n, sel.desc);
        goto done;
    }
    X = gather_rows(s->table, &sel, e);
    if (!X) goto done;
    p = projection_of(s->table, &sel, e);
    if (!p || color_by(s, a, p, e) != EMBX_OK) goto done;
    rc = pca ? run_pca(s, &sel, X, p, e) : tsne ? run_tsne(s, a, &sel, X, p, e) : run_umap(s, a, &sel, X, p, e);
    if (rc != EMBX_OK) goto done;
    strcpy(p->method, pca ? "pca" : tsne ? "tsne" : "umap");
    set_projection(s, p);
    p = NULL;
    session_note(s, "selection: %s", sel.desc);
    {
        const char *m = args_str(a, "metric", 0);
        note_faith(s, s->proj, pca || !m || strcmp(m, "euclidean") != 0);
    }
    note_clusters(s, s->proj);
    rc = plot_show(s, s->proj, &po, e);
done:
    projection_free(p);
    free(X);
    selection_free(&sel);
    return rc;
}

/* ---- files ------------------------------------------------------------- */

static int run_load_proj(struct session *s, const struct args *a, embx_err *e)
{
    struct plot_opts po;
    if (plot_opts_from_args(a, &po, e) != EMBX_OK) return EMBX_ERR;
    struct projection *p;
    if (projfile_read(args_word(a, 0), s->table, &p, e) != EMBX_OK) return EMBX_ERR;
    set_projection(s, p);
    return plot_show(s, s->proj, &po, e);
}

static int run_save_proj(struct session *s, const struct args *a, embx_err *e)
{
    const char *path = args_word(a, 0);
    if (projfile_write(path, s->proj, e) != EMBX_OK) return EMBX_ERR;
    session_note(s, "wrote %zu points to %s", s->proj->n, path);
    return EMBX_OK;
}

/* Rows to export: the selection options when given, else the last plot's rows. */
static int export_rows(struct session *s, const struct args *a, struct selection *sel, embx_err *e)
{
    if (selargs_given(a)) return selection_from_args(s->table, a, 1, PLOT_DEFAULT_TOP, session_threads(s), sel, e);
    const struct projection *p = s->proj;
    if (!p) return err_set(e, "nothing to export: plot first, or choose rows with --top N, --near WORD N, --file F ...");
    memset(sel, 0, sizeof *sel);
    sel->rows = malloc(sizeof(size_t) * (p->n ? p->n : 1));
    if (!sel->rows) return err_set(e, "out of memory");
    for (size_t i = 0; i < p->n; i++)
        if (p->rows[i] >= 0 && (size_t)p->rows[i] < s->table->n) sel->rows[sel->n++] = (size_t)p->rows[i];
    if (sel->n == 0) { selection_free(sel); return err_set(e, "none of the plotted points is a row of the loaded table"); }
    if (p->group && p->ngroups > 0) {
        sel->group = malloc(sizeof(int) * p->n);
        sel->group_names = calloc((size_t)p->ngroups, sizeof(char *));
        if (!sel->group || !sel->group_names) { selection_free(sel); return err_set(e, "out of memory"); }
        sel->ngroups = p->ngroups;
        size_t m = 0;
        for (size_t i = 0; i < p->n; i++)
            if (p->rows[i] >= 0 && (size_t)p->rows[i] < s->table->n) sel->group[m++] = p->group[i];
        for (int g = 0; g < p->ngroups; g++) {
            sel->group_names[g] = strdup(p->group_names[g]);
            if (!sel->group_names[g]) { selection_free(sel); return err_set(e, "out of memory"); }
        }
    }
    snprintf(sel->desc, sizeof sel->desc, "the %zu plotted words", sel->n);
    return EMBX_OK;
}

static int run_export_projector(struct session *s, const struct args *a, embx_err *e)
{
    const char *dir = args_word(a, 0);
    if (a->npos > 1) return err_set(e, "export-projector takes one directory; choose rows with --top, --near, --file ... (got '%s')", args_word(a, 1));
    struct selection sel;
    if (export_rows(s, a, &sel, e) != EMBX_OK) return EMBX_ERR;
    if (sel.nmissing) session_note(s, "%s (the rest used)", sel.note);
    int rc = projector_export(dir, s->table, sel.rows, sel.n, sel.group, sel.group_names, e);
    if (rc == EMBX_OK)
        session_note(s, "wrote %s/vectors.tsv and %s/metadata.tsv: %s, %zu dimensions", dir, dir, sel.desc, s->table->dim);
    selection_free(&sel);
    return rc;
}

static const struct optspec plot_opts[] = {
    SELECTION_OPTSPECS,
    {"color-by", 0, 1, "COL", "colour the points by a metadata column (text: one colour a value; numbers: a ramp)", },
    {"perplexity", 0, 1, "P", "t-SNE: effective number of neighbours (30; at most (N-1)/3)", },
    {"iter", 0, 1, "N", "t-SNE: iterations (1000)", },
    {"theta", 0, 1, "T", "t-SNE: Barnes-Hut accuracy (0.5; 0 = exact)", },
    {"exact", 0, 0, NULL, "t-SNE: exact gradient (default up to 1000 points)", },
    {"method", 0, 1, "auto|exact|bh|fft", "t-SNE: auto, exact, bh (Barnes-Hut) or fft (grid interpolation)", },
    {"init", 0, 1, "spectral|pca|random", "initial layout (t-SNE: pca; UMAP: spectral)", },
    {"metric", 0, 1, "cosine|euclidean", "t-SNE/UMAP: input distance (cosine)", },
    {"learning-rate", 0, 1, "R", "t-SNE: step size (auto: max(N/12, 200))", },
    {"neighbors", 0, 1, "K", "UMAP: neighbours per point, itself included (15)", },
    {"min-dist", 0, 1, "D", "UMAP: how tightly points may pack (0.1)", },
    {"spread", 0, 1, "S", "UMAP: scale of the clusters (1)", },
    {"epochs", 0, 1, "N", "UMAP: optimisation epochs (500 up to 10,000 points, else 200)", },
    PLOT_VIEW_OPTSPECS,
    {0},
};
static const struct optspec view_opts[] = {
    PLOT_VIEW_OPTSPECS,
    {0},
};
static const struct optspec export_opts[] = {
    SELECTION_OPTSPECS,
    {0},
};

/* Tab after `plot`: the methods; the words after them complete as words. */
static const struct complete_spec plot_methods = {
    .choices = (const struct complete_choice[]){
        {"pca", NULL}, {"tsne", NULL}, {"umap", NULL}, {"axes", NULL}, {NULL, NULL}},
};

const struct command cmds_plot[] = {
    {
        .name = "plot",
        .args = "pca|tsne|umap|axes [X1 X2] [WORDS...]",
        .help = "2-D projection (PCA, t-SNE, UMAP, or two directions as axes) of selected words: viewer on a terminal, text when piped",
        .min_args = 1, .max_args = -1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .complete_first = &plot_methods,
        .opts = plot_opts,
        .run = run_plot,
        .details =
            "Rows: the words given, --top N (most frequent), --sample N (seeded with --seed),\n"
            "--near WORD N (WORD and its N neighbours), --file F (one word a line; a second\n"
            "TAB-separated column is a group shown in colour), --prefix P (with --top N: the\n"
            "N most frequent of them). Default: the first 500 rows. Unknown words are listed\n"
            "and the rest used. --where COL=VAL keeps the rows whose metadata matches;\n"
            "--color-by COL colours the points by a metadata column: a colour per value of\n"
            "text (the 12 most common, the rest 'other'), or a blue-to-red ramp over six\n"
            "quantile bins of a number (viewer, SVG, the HTML map; the text plot lists them).\n"
            "PCA: centred rows, top two eigenvectors of the covariance; each component's\n"
            "largest coefficient is positive. The explained variance is printed.\n"
            "t-SNE: affinities from the 3 x perplexity nearest neighbours (cosine, or\n"
            "--metric euclidean), early exaggeration 12 for 250 iterations, PCA start.\n"
            "Exact up to 1000 points, Barnes-Hut (--theta) up to 10000, above that the\n"
            "repulsion is interpolated on a grid and convolved with FFT (--method fft, as\n"
            "FIt-SNE). The same --seed and thread count give the same layout. Ctrl-C\n"
            "stops early and shows the layout so far.\n"
            "UMAP: fuzzy graph of the --neighbors nearest (cosine, or --metric euclidean),\n"
            "spectral start (PCA when the graph falls apart), SGD with negative sampling;\n"
            "reproducible for a --seed and thread count. Above 10,000 points t-SNE and\n"
            "UMAP share one neighbour graph, kept for the session (and, for the whole\n"
            "table, in the cache beside its copy, so later sessions read it); above 30,000\n"
            "points x neighbours / 15 it is approximate (NN-descent), its recall printed.\n"
            "Every map prints its trustworthiness and 10-NN preservation (on a sample of\n"
            "5,000 points for larger maps).",
    },
    {
        .name = "load-proj",
        .args = "FILE",
        .help = "show a 2-D layout computed elsewhere (word<TAB>x<TAB>y[<TAB>group] lines)",
        .min_args = 1, .max_args = 1,
        .complete = COMPLETE_FILES,
        .opts = view_opts,
        .run = run_load_proj,
    },
    {
        .name = "save-proj",
        .args = "FILE",
        .help = "write the last projection as word<TAB>x<TAB>y[<TAB>group] (atomically)",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_PROJECTION,
        .complete = COMPLETE_FILES,
        .run = run_save_proj,
    },
    {
        .name = "export-projector",
        .args = "DIR [WORDS...]",
        .help = "write vectors.tsv and metadata.tsv for the TensorFlow Embedding Projector",
        .min_args = 1, .max_args = -1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_FILES,
        .opts = export_opts,
        .run = run_export_projector,
        .details =
            "Exports the rows of the last plot, or the rows chosen by the selection options.\n"
            "Load both files in the Projector's 'Load' dialog.",
    },
    {0},
};
