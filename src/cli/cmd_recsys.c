/* cmd_recsys: train-pairs (user and item embeddings from an interaction
 * file) and recommend (top items for a user of such a table). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "strutil.h"
#include "commands.h"
#include "registry.h"
#include "interactions.h"
#include "items.h"
#include "output.h"
#include "progress.h"
#include "recstore.h"
#include "recsys.h"
#include "trainrows.h"

static int check_prefix(const char *opt, const char *p, embx_err *e)
{
    for (const char *c = p; *c; c++)
        if (*c == ' ' || *c == '\t' || *c == '\n')
            return err_set(e, "--%s '%s' contains a blank (rows are words of the table): use e.g. 'user:'", opt, p);
    return EMBX_OK;
}

/* Options in the order a user thinks of them; validated before the file is read. */
static int read_opts(const struct session *s, const struct args *a, struct recsys_opts *o, embx_err *e)
{
    const char *model = args_str(a, "model", 0);
    const char *solver = args_str(a, "solver", 0);
    /* ials by default, ratings or not: on held-out interactions and on the genre
       agreement of item neighbours it beats mf, bpr and gensim's item2vec
       (bench/recsys); --solver is mf's option, so it picks mf. */
    enum recsys_kind kind = solver && !model ? RECSYS_MF : RECSYS_IALS;
    if (model && !recsys_kind_parse(model, &kind))
        return err_set(e, "--model: unknown model '%s' (ials, the default; mf for ratings; bpr or item2vec)", model);
    recsys_opts_default(o, kind);
    if (solver) {
        if (!strcmp(solver, "als")) {
            if (kind != RECSYS_MF)
                return err_set(e, "--solver als fits mf (ratings) only; bpr trains by SGD");
            o->solver = RECSYS_ALS;
            o->epochs = 10;        /* each ALS sweep solves every row exactly */
            o->reg = 0.1;
        } else if (strcmp(solver, "sgd")) {
            return err_set(e, "--solver: unknown solver '%s' (sgd or als)", solver);
        }
    }
    long v;
    if (args_long(a, "dim", o->dim, 1, 4096, &v, e)) return EMBX_ERR;
    o->dim = (int)v;
    if (args_long(a, "epochs", o->epochs, 1, 100000, &v, e)) return EMBX_ERR;
    o->epochs = (int)v;
    if (args_long(a, "threads", session_threads(s), 1, 1024, &v, e)) return EMBX_ERR;
    o->threads = (int)v;
    if (args_has(a, "threads")) session_note_threads(s, v);
    if (args_long(a, "seed", 1, 0, LONG_MAX, &v, e)) return EMBX_ERR;
    o->seed = (uint64_t)v;
    if (args_double(a, "reg", o->reg, 0.0, 1e6, &o->reg, e)) return EMBX_ERR;
    if (args_double(a, "lr", o->lr, 1e-9, 10.0, &o->lr, e)) return EMBX_ERR;
    if (args_has(a, "lr") && kind == RECSYS_IALS)
        return err_set(e, "--lr is the learning rate of mf, bpr and item2vec; ials (the default) solves each row "
                       "exactly: give --model");
    if (args_double(a, "alpha", o->alpha, 0.0, 1e6, &o->alpha, e)) return EMBX_ERR;
    if (args_has(a, "alpha") && kind != RECSYS_IALS)
        return err_set(e, "--alpha is the confidence weight of --model ials");
    if (args_long(a, "window", o->window, 1, 100000, &v, e)) return EMBX_ERR;
    o->window = (int)v;
    if (args_long(a, "negative", o->negative, 1, 1000, &v, e)) return EMBX_ERR;
    o->negative = (int)v;
    if ((args_has(a, "window") || args_has(a, "negative")) && kind != RECSYS_ITEM2VEC)
        return err_set(e, "--window and --negative set --model item2vec");
    double f;
    if (args_double(a, "test-fraction", 0.1, -1e300, 1e300, &f, e)) return EMBX_ERR;
    if (!(f > 0.0 && f < 1.0))
        return err_set(e, "--test-fraction %g is out of range: give a number between 0 and 1 exclusive, e.g. 0.1 "
                       "(%s)", f, f <= 0 ? "0 leaves nothing to evaluate on" : "1 leaves nothing to train on");
    o->test_fraction = f;
    return EMBX_OK;
}

static void reader_notes(const struct session *s, const char *path, const struct interactions *x)
{
    if (x->header) session_note(s, "%s: header line skipped", path);
    if (x->duplicates)
        session_note(s, "%s: %zu repeated (user, item) pair%s, the last rating kept (first at %s)", path,
                     x->duplicates, x->duplicates == 1 ? "" : "s", x->first_duplicate);
    if (x->single_users || x->single_items)
        session_note(s, "%s: %zu user%s and %zu item%s with a single interaction (kept; their vectors stay close to the prior)",
                     path, x->single_users, x->single_users == 1 ? "" : "s", x->single_items,
                     x->single_items == 1 ? "" : "s");
}

static int run_train_pairs(struct session *s, const struct args *a, embx_err *e)
{
    const char *path = args_word(a, 0), *out = args_str(a, "output", 0);
    const char *items_path = args_str(a, "items", 0);
    const char *up = args_str(a, "user-prefix", 0), *ip = args_str(a, "item-prefix", 0);
    if (!up) up = "user:";
    if (!ip) ip = "item:";
    if (!out) return err_set(e, "missing -o OUT: where to write the table (e.g. -o movies.vec)");
    if (check_prefix("user-prefix", up, e) || check_prefix("item-prefix", ip, e)) return EMBX_ERR;
    if (!strcmp(up, ip))
        return err_set(e, "--user-prefix and --item-prefix are both '%s': they must differ so users and items stay apart", up);
    struct recsys_opts o;
    if (read_opts(s, a, &o, e)) return EMBX_ERR;   /* checks the options before the long read */
    const char *split = args_str(a, "split", 0);
    if (split && strcmp(split, "random") && strcmp(split, "last"))
        return err_set(e, "--split: '%s' is neither random nor last (each user's latest interactions)", split);
    bool split_last = split && !strcmp(split, "last");

    struct interactions x;
    progress p;
    int rc = interactions_read(path, &x, &p, e);
    if (rc) return rc;
    reader_notes(s, path, &x);
    long min_inter;
    double shrink;
    if ((rc = args_long(a, "min-interactions", 1, 1, LONG_MAX, &min_inter, e))
        || (rc = args_double(a, "shrink", 5.0, 0.0, 1e9, &shrink, e))) {
        interactions_free(&x);
        return rc;
    }
    if (min_inter > 1) {
        size_t di, dn, du;
        if ((rc = interactions_drop_rare(&x, (size_t)min_inter, &di, &dn, &du, e))) { interactions_free(&x); return rc; }
        session_note(s, "--min-interactions %ld: dropped %zu item%s with fewer interactions (%zu interaction%s)",
                     min_inter, di, di == 1 ? "" : "s", dn, dn == 1 ? "" : "s");
        if (du) session_note(s, "--min-interactions %ld: %zu user%s left with no interactions dropped", min_inter, du,
                             du == 1 ? "" : "s");
    }
    struct item_meta meta;
    bool have_meta = false;
    if (items_path) {
        if ((rc = items_read(items_path, &meta, e))) { interactions_free(&x); return rc; }
        have_meta = true;
        if (meta.duplicates)
            session_note(s, "%s: %zu repeated item id%s, the last line kept", items_path, meta.duplicates,
                         meta.duplicates == 1 ? "" : "s");
    }

    uint8_t *is_test = NULL;
    size_t ntest = 0;
    struct recsys_model m;
    struct recsys_eval ev;
    embx_table *t = NULL;
    memset(&m, 0, sizeof m);
    memset(&ev, 0, sizeof ev);
    if (split_last)
        rc = recsys_split_last(&x, o.test_fraction, &is_test, &ntest, e);
    else
        rc = recsys_split(&x, o.test_fraction, o.seed, &is_test, &ntest, e);
    if (rc == EMBX_OK && split_last && !x.stamp)
        session_note(s, "%s has no timestamps: --split last holds out each user's last lines in file order", path);
    double t0 = progress_now();
    if (rc == EMBX_OK) rc = recsys_train(&x, is_test, &o, &m, &p, e);
    double secs = progress_now() - t0;
    if (rc == EMBX_OK) rc = recsys_shrink_items(&x, is_test, &m, shrink, e);
    if (rc == EMBX_OK) rc = recsys_evaluate(&x, is_test, &m, o.threads, &ev, e);
    size_t unmatched = 0, missing = 0;
    if (rc == EMBX_OK) rc = recsys_build_table(&x, &m, have_meta ? &meta : NULL, up, ip, &t, &unmatched, &missing, e);
    if (rc == EMBX_OK) {
        const struct format_desc *f;
        bool gz;
        rc = format_for_output(out, NULL, format_by_code(FMT_WORD2VEC), &f, &gz, e);
        if (rc == EMBX_OK) rc = format_write(f, t, out, gz, e);
        if (rc == EMBX_OK) snprintf(t->format, sizeof t->format, "%s", f->name);
    }
    if (rc == EMBX_OK) rc = recsys_write_sidecar(&x, &m, have_meta ? &meta : NULL, up, ip, out, e);
    if (rc == EMBX_OK) {
        const char *mname = recsys_kind_name(o.kind);
        session_note(s, "trained %s on %zu interactions (%zu users, %zu items; %zu held out) in %.2f s: "
                     "%.0f interactions/s per thread (%d thread%s)", mname, ev.ntrain, x.users.n, x.items.n,
                     ev.ntest, secs, secs > 0 ? (double)ev.ntrain * o.epochs / secs / m.threads : 0.0,
                     m.threads, m.threads == 1 ? "" : "s");
        if (have_meta && (unmatched || missing))
            session_note(s, "%s: %zu item id%s not in the interactions (ignored); %zu item%s without metadata",
                         items_path, unmatched, unmatched == 1 ? "" : "s", missing, missing == 1 ? "" : "s");
        outtab tab;
        outtab_init(&tab, 4);
        tab.right[1] = tab.right[2] = true;
        bool better = true;
        if (ev.ntest == 0 || ev.nusers_eval == 0) {
            session_note(s, "nothing was held out (%zu interactions, --test-fraction %g): no evaluation",
                         x.n, o.test_fraction);
        } else {
            outtab_addf(&tab, "metric\t%s\tbaseline\tverdict", mname);
            if (o.kind == RECSYS_MF) {
                better = ev.rmse < ev.base_rmse;
                outtab_addf(&tab, "test RMSE\t%.4f\t%.4f\t%s (biases only)", ev.rmse, ev.base_rmse,
                            better ? "beats the baseline" : "does NOT beat the baseline");
            } else {
                better = ev.recall > ev.pop_recall;
            }
            outtab_addf(&tab, "recall@10\t%.4f\t%.4f\t%s (most popular)", ev.recall, ev.pop_recall,
                        ev.recall > ev.pop_recall ? "beats the baseline" : "does NOT beat the baseline");
            outtab_addf(&tab, "NDCG@10\t%.4f\t%.4f\t%s (most popular)", ev.ndcg, ev.pop_ndcg,
                        ev.ndcg > ev.pop_ndcg ? "beats the baseline" : "does NOT beat the baseline");
        }
        outtab_print(s, &tab, stdout);
        outtab_free(&tab);
        if (!better)
            session_note(s, "%s does not beat its baseline on the held-out %zu interactions: try more --epochs, "
                         "another --lr or --reg, or more data", mname, ev.ntest);
        session_note(s, "wrote %zu rows x %d dimensions to %s (sidecar %s.recsys.tsv)", t->n, o.dim, out, out);
        free(t->source);
        t->source = strdup(out);
        session_set_table(s, t);
        t = NULL;
    }
    table_free(t);
    recsys_model_free(&m);
    free(is_test);
    if (have_meta) items_free(&meta);
    interactions_free(&x);
    return rc;
}

static int run_recommend(struct session *s, const struct args *a, embx_err *e)
{
    size_t k;
    /* no more answers than rows: `set k` may hold a count far above the table */
    if (session_read_k(s, a, s->table->n, "rows of the table", &k, e)) return EMBX_ERR;
    struct recsys_hit *hits = malloc(k * sizeof *hits);
    if (!hits) return err_set(e, "out of memory for %zu results", k);
    size_t n;
    struct recsys_rec_info info;
    const embx_table *t = s->table;
    long min_count;
    if (args_long(a, "min-count", 0, 0, LONG_MAX, &min_count, e)) { free(hits); return EMBX_ERR; }
    int rc = recsys_recommend(t, args_word(a, 0), (size_t)k, min_count, hits, &n, &info, e);
    if (rc) { free(hits); return rc; }
    if (!info.have_sidecar)
        session_note(s, "no sidecar %s: scores are plain dot products and the user's items are not excluded",
                     info.sidecar[0] ? info.sidecar : "(table not read from a file)");
    else if (info.excluded)
        session_note(s, "%zu item%s %s interacted with excluded", info.excluded, info.excluded == 1 ? "" : "s",
                     t->words[info.user_row]);
    if (info.clipped)
        session_note(s, "%zu predicted rating%s above or below the rating scale shown at its end (ranked by the unclipped score)",
                     info.clipped, info.clipped == 1 ? "" : "s");
    outtab tab;
    outtab_init(&tab, 4);
    tab.right[1] = true;
    for (size_t i = 0; i < n; i++) {
        char w[512], score[32];
        str_escape(t->words[hits[i].row], w, sizeof w);
        out_number(s, score, sizeof score, hits[i].score, 6);
        const char *cells[4] = {w, score, hits[i].label, hits[i].group};
        outtab_add(&tab, cells);
    }
    outtab_print(s, &tab, stdout);
    outtab_free(&tab);
    free(hits);
    return EMBX_OK;
}

static const struct optspec train_pairs_opts[] = {
    {"output", 'o', 1, "OUT", "the table to write (format from the name, as save; else word2vec text)"},
    {"model", 0, 1, "ials|mf|bpr|item2vec", "ials (default): implicit ALS, ratings as confidence; mf: ratings; bpr, item2vec: implicit"},
    {"solver", 0, 1, "sgd|als", "how mf is fitted: SGD (default) or alternating least squares"},
    {"dim", 0, 1, "N", "dimensions (default 32)"},
    {"epochs", 0, 1, "N", "passes over the training interactions (default mf 30, als 10, bpr 50, ials 15, item2vec 30)"},
    {"reg", 0, 1, "R", "L2 regularization (default mf 0.05, als 0.1 per interaction, bpr 0.02, ials 50)"},
    {"lr", 0, 1, "L", "learning rate (default mf 0.03, bpr 0.05, item2vec 0.025)"},
    {"alpha", 0, 1, "A", "ials: confidence 1 + A * rating / top rating (1 without ratings) (default 5)"},
    {"window", 0, 1, "N", "item2vec: items of a history on each side that are context (default 50)"},
    {"negative", 0, 1, "N", "item2vec: noise items per positive (default 5)"},
    {"threads", 0, 1, "N", "training threads (default: the session's; the result depends on it)"},
    {"seed", 0, 1, "S", "random seed of the split, the start and the sampling (default 1)"},
    {"split", 0, 1, "random|last", "held out: a random share (default) or each user's last interactions"},
    {"test-fraction", 0, 1, "F", "share of interactions held out for evaluation, 0 < F < 1 (default 0.1)"},
    {"min-interactions", 0, 1, "N", "drop items with fewer than N interactions (default 1: keep all)"},
    {"shrink", 0, 1, "K", "scale item factors and biases by n / (n + K), n = interactions (default 5; 0 = off)"},
    {"items", 0, 1, "FILE", "item metadata: id, title, genres (u.item, movies.dat, movies.csv)"},
    {"user-prefix", 0, 1, "P", "word prefix of user rows (default user:)"},
    {"item-prefix", 0, 1, "P", "word prefix of item rows (default item:)"},
    {0},
};

static const struct optspec recommend_opts[] = {
    {"k", 'k', 1, "N", "how many items (default: the k setting)"},
    {"min-count", 0, 1, "N", "only items with at least N interactions in the input"},
    {0},
};

static int run_train_rows(struct session *s, const struct args *a, embx_err *e)
{
    const char *path = args_word(a, 0), *out = args_str(a, "output", 0);
    struct trainrows_opts o;
    trainrows_opts_default(&o);
    o.threads = session_threads(s);
    long v;
    if (args_long(a, "dim", 32, 1, 4096, &v, e)) return EMBX_ERR;
    o.dim = (size_t)v;
    if (args_long(a, "epochs", o.epochs, 1, 100000, &v, e)) return EMBX_ERR;
    o.epochs = (int)v;
    if (args_long(a, "threads", o.threads, 1, 1024, &v, e)) return EMBX_ERR;
    o.threads = (int)v;
    if (args_long(a, "seed", 1, 0, LONG_MAX, &v, e)) return EMBX_ERR;
    o.seed = (uint64_t)v;
    if (args_long(a, "buckets", o.buckets, 0, 256, &v, e)) return EMBX_ERR;
    o.buckets = (int)v;
    if (args_long(a, "target-weight", o.target_weight, 0, 100, &v, e)) return EMBX_ERR;
    o.target_weight = (int)v;
    o.target = args_str(a, "target", 0);
    char *cols = NULL;
    const char **names = NULL;
    const char *cl = args_str(a, "columns", 0);
    if (cl) {
        cols = strdup(cl);
        names = malloc((strlen(cl) + 1) * sizeof *names);
        if (!cols || !names) { free(cols); free(names); return err_set(e, "out of memory"); }
        for (char *t = strtok(cols, ","); t; t = strtok(NULL, ",")) names[o.ncolumns++] = t;
        if (!o.ncolumns) { free(cols); free(names); return err_set(e, "--columns: give names separated by commas, e.g. --columns city,job"); }
        o.columns = names;
    }
    embx_table *t = NULL;
    struct trainrows_notes nt;
    progress p;
    double t0 = progress_now();
    int rc = trainrows_run(path, &o, &t, &nt, &p, e);
    free(cols);
    free(names);
    if (rc) return rc;
    if (nt.renamed) session_note(s, "%s: %zu repeated column name%s made unique (%s)", path, nt.renamed,
                                 nt.renamed == 1 ? "" : "s", nt.renamed_first);
    if (nt.missing) session_note(s, "%s: %zu missing value%s (empty, NA, ?) skipped", path, nt.missing,
                                 nt.missing == 1 ? "" : "s");
    if (nt.bucketed) session_note(s, "%s: %zu numeric column%s cut into %d quantile buckets (--buckets 0 keeps values)",
                                  path, nt.bucketed, nt.bucketed == 1 ? "" : "s", o.buckets);
    if (nt.empty) session_note(s, "%s: left out, no values at all: %s", path, nt.empty_names);
    if (nt.skipped) session_note(s, "%s: left out as IDs (a value per row; name them in --columns to keep): %s", path,
                                 nt.skipped_names);
    if (out) {
        const struct format_desc *f;
        bool gz;
        rc = format_for_output(out, NULL, format_by_code(FMT_WORD2VEC), &f, &gz, e);
        if (rc == EMBX_OK) rc = format_write(f, t, out, gz, e);
        if (rc) { table_free(t); return rc; }
    }
    session_note(s, "trained %zu values of %zu rows x %zu dimensions in %.2f s%s%s", t->n, nt.rows, t->dim,
                 progress_now() - t0, out ? "; wrote " : " (not saved: use -o OUT or save FILE)", out ? out : "");
    free(t->source);
    t->source = strdup(out ? out : path);
    session_set_table(s, t);
    return EMBX_OK;
}

static const struct optspec train_rows_opts[] = {
    {"output", 'o', 1, "OUT", "the table to write (format from the name, as save; else word2vec text)"},
    {"columns", 0, 1, "A,B,C", "the columns to embed (default: all but ID-like ones)"},
    {"target", 0, 1, "COL", "pull every value towards the values of COL it occurs with"},
    {"target-weight", 0, 1, "W", "extra (value, target) pairs per value (default 3)"},
    {"buckets", 0, 1, "N", "quantile buckets of numeric columns (default 10; 0 = values as they are)"},
    {"dim", 0, 1, "N", "dimensions (default 32)"},
    {"epochs", 0, 1, "N", "passes over the rows (default 10)"},
    {"threads", 0, 1, "N", "training threads (default: the session's; one is reproducible)"},
    {"seed", 0, 1, "S", "random seed (default 1)"},
    {0},
};

const struct command cmds_recsys[] = {
    {
        .name = "train-pairs",
        .args = "FILE -o OUT",
        .help = "train user and item embeddings from interactions (user, item[, rating[, timestamp]])",
        .min_args = 1, .max_args = 1,
        .flags = SHELL_SUBCOMMAND | CHANGES_TABLE,
        .complete = COMPLETE_FILES,
        .opts = train_pairs_opts,
        .run = run_train_pairs,
        .details =
            "FILE holds one interaction a line: user, item, optional rating, optional timestamp,\n"
            "separated by '::', tab, '|' or ',' (MovieLens u.data, ratings.dat, ratings.csv), with an\n"
            "optional header line. A repeated (user, item) pair keeps its last rating.\n"
            "mf: biased matrix factorization (mean + user bias + item bias + dot product) for ratings;\n"
            "bpr: Bayesian personalized ranking with sampled negatives;\n"
            "ials (the default): implicit-feedback ALS (Hu, Koren, Volinsky): every unobserved pair is a weak 0,\n"
            "every interaction a 1 with confidence 1 + alpha * rating / top rating, each row\n"
            "solved exactly; item2vec: skip-gram with negative sampling over each user's items\n"
            "in time order (timestamps when the file has them, else file order), a user row\n"
            "being the mean of the user's item rows.\n"
            "mf and bpr train by parallel SGD over disjoint blocks (one thread per 20,000\n"
            "interactions at most): the same --seed and --threads give the same table. mf\n"
            "--solver als instead solves each user's and item's least squares exactly in turn.\n"
            "A --test-fraction is held out, at random or (--split last) as each user's latest\n"
            "interactions by timestamp (file order without); every model is compared with\n"
            "most popular (recall@10, NDCG@10), mf also with biases only (test RMSE).\n"
            "--min-interactions N drops rarer items; --shrink K pulls rare items towards the\n"
            "prior (zero factors, no bias) by n / (n + K).\n"
            "OUT holds rows item:ID (most interacted first) then user:ID, factors only. Biases,\n"
            "titles, genres, interaction counts and every item each user interacted with go to\n"
            "OUT.recsys.tsv; keep the two together: `recommend` and item labels need it.",
    },
    {
        .name = "recommend",
        .args = "USER",
        .help = "top items for USER by predicted score, never one the user interacted with",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .opts = recommend_opts,
        .run = run_recommend,
        .details =
            "USER is a row word (user:42) or an id (42). The score is mean + user bias + item\n"
            "bias + dot product for mf tables, item bias + dot product for bpr tables, the dot\n"
            "product for ials and item2vec, read from the table's sidecar (TABLE.recsys.tsv),\n"
            "which also lists every item the user interacted with in the input, held-out ones\n"
            "included (never recommended), and the titles and genres shown. Predicted ratings\n"
            "are ranked as the model scores them and shown clipped to the input's rating scale.\n"
            "Without a sidecar: plain dot product over the item: rows.",
    },
    {
        .name = "train-rows",
        .args = "FILE.csv",
        .help = "embed the values of a table's columns (column=value) from their co-occurrence in rows",
        .min_args = 1, .max_args = 1,
        .flags = SHELL_SUBCOMMAND | CHANGES_TABLE,
        .complete = COMPLETE_FILES,
        .opts = train_rows_opts,
        .run = run_train_rows,
        .details =
            "FILE is CSV (RFC 4180: a header line, \"quoted\" fields holding commas, quotes as\n"
            "\"\" and line breaks). Every cell becomes a row word column=value; numeric columns\n"
            "are cut into quantile buckets (column=lo..hi). Skip-gram runs over each row with\n"
            "every value context of every other (column order does not matter), so values\n"
            "that occur in the same rows end up near each other: nn \"city=Paris\",\n"
            "plot tsne --prefix \"job=\". --target COL also pairs every value with the row's\n"
            "COL value, pulling values towards the targets they predict. Empty and NA cells\n"
            "are skipped, repeated header names made unique, columns with a value per row\n"
            "(IDs) left out, each with a note; a bad line is named FILE:LINE. In this\n"
            "session the count of each value is kept for --min-count.",
    },
    {0},
};
