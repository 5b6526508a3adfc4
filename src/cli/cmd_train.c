/* cmd_train: `train CORPUS`: word2vec training whose result becomes the
 * loaded table (and is written to -o OUT). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "atomic_file.h"
#include "commands.h"
#include "corpus.h"
#include "registry.h"
#include "registry.h"
#include "progress.h"
#include "train.h"

struct out_spec {
    const char *path;   /* NULL: not written */
    const struct format_desc *fmt;
    bool gz;
};

/* Format from --format, else from the name (format_for_output); word2vec
 * text by default. Then proves the path writable by creating the
 * temporary file the real write will use, so a bad path fails before hours
 * of training rather than after. */
static int out_prepare(const struct args *a, struct out_spec *o, embx_err *e)
{
    o->path = args_str(a, "output", 0);
    o->gz = false;
    if (format_for_output(o->path ? o->path : "", args_str(a, "format", 0), format_by_code(FMT_WORD2VEC),
                          &o->fmt, &o->gz, e)) {
        if (o->path && strncmp(e->msg, o->path, strlen(o->path)) != 0) err_prefix(e, "-o %s", o->path);
        return EMBX_ERR;
    }
    if (!o->path) return EMBX_OK;
    struct stat st;
    if (stat(o->path, &st) == 0 && S_ISDIR(st.st_mode))
        return err_set(e, "-o %s: is a directory; give a file name", o->path);
    atomic_file af;
    embx_err we;
    if (atomic_open(&af, o->path, &we) != EMBX_OK)
        return err_set(e, "-o %s: cannot write there (%s); nothing was trained", o->path, we.msg);
    atomic_abort(&af);
    return EMBX_OK;
}

static int read_train_opts(const struct session *s, const struct args *a, struct train_opts *t,
                           struct corpus_opts *co, embx_err *e)
{
    memset(t, 0, sizeof *t);
    const char *m = args_str(a, "model", 0);
    if (!m || !strcmp(m, "skipgram") || !strcmp(m, "sg")) t->model = TRAIN_SKIPGRAM;
    else if (!strcmp(m, "cbow")) t->model = TRAIN_CBOW;
    else return err_set(e, "--model: unknown model '%s' (skipgram or cbow)", m);
    long dim, window, negative, epochs, threads, minc, seed;
    double sample, alpha;
    if (args_long(a, "dim", 100, 1, 100000, &dim, e) || args_long(a, "window", 5, 1, 1000, &window, e) ||
        args_long(a, "negative", 5, 0, 1000, &negative, e) || args_long(a, "epochs", 5, 1, 100000, &epochs, e) ||
        args_long(a, "threads", session_threads(s), 1, 1024, &threads, e) ||
        args_long(a, "min-count", 5, 1, LONG_MAX, &minc, e) || args_long(a, "seed", 1, 0, LONG_MAX, &seed, e) ||
        args_double(a, "sample", 1e-3, 0, 1, &sample, e) ||
        args_double(a, "alpha", train_default_alpha(t->model), 1e-9, 10, &alpha, e))
        return EMBX_ERR;
    if (args_has(a, "threads")) session_note_threads(s, threads);
    t->dim = (size_t)dim;
    t->window = (int)window;
    t->negative = (int)negative;
    t->epochs = (int)epochs;
    t->threads = (int)threads;
    t->seed = (uint64_t)seed;
    t->sample = sample;
    t->alpha = alpha;
    t->classic = args_has(a, "classic");
    co->lowercase = args_has(a, "lowercase");
    co->min_count = (uint64_t)minc;
    return EMBX_OK;
}

static int write_out(const embx_table *t, const struct out_spec *o, embx_err *e)
{
    int rc = format_write(o->fmt, t, o->path, o->gz, e);
    if (rc != EMBX_OK) err_prefix(e, "-o %s", o->path);
    return rc;
}

/* The trained rows as a table: vectors already in place, vocabulary from
 * the corpus (most frequent first). */
static int finish_table(embx_table *t, corpus *c, const char *source, embx_err *e)
{
    size_t len;
    char *blob = corpus_take_blob(c, &len);
    if (table_set_vocab(t, blob, len, true, e) != EMBX_OK) {
        free(blob);
        return EMBX_ERR;
    }
    snprintf(t->format, sizeof t->format, "word2vec");
    t->source = strdup(source);
    return table_finish(t, NULL, e);
}

/* At the REPL, Ctrl-C during training asks whether to keep the partial table. */
static bool ask_keep(double done, const char *out)
{
    progress_reset_cancel();
    fprintf(stderr, "\ntraining stopped at %.0f%%; keep what was learned%s%s? [y/N] ", done,
            out ? " and write " : "", out ? out : "");
    fflush(stderr);
    char line[64];
    if (!fgets(line, sizeof line, stdin)) {
        clearerr(stdin);
        return false;
    }
    return line[0] == 'y' || line[0] == 'Y';
}

static int run_train(struct session *s, const struct args *a, embx_err *e)
{
    const char *path = args_word(a, 0);
    struct train_opts to;
    struct corpus_opts co;
    struct out_spec out;
    if (read_train_opts(s, a, &to, &co, e) || out_prepare(a, &out, e)) return EMBX_ERR;
    /* from the shell the table would be gone when training ends: refuse now */
    if (!out.path && s->shell_subcommand)
        return err_set(e, "give -o OUT: from the shell the trained table is lost unless written "
                       "(embx train %.*s%s -o vecs.vec)", ERR_WORD(path));
    bool partial = args_has(a, "save-partial");

    progress p;
    corpus *c = NULL;
    if (corpus_load(path, &co, &p, &c, e) != EMBX_OK) return progress_cancelled() ? EMBX_CANCELLED : EMBX_ERR;
    session_note(s, "%s: %llu words, %zu distinct, %zu kept with --min-count %llu", path,
                 (unsigned long long)c->ntokens, c->ndistinct, c->nwords, (unsigned long long)co.min_count);
    embx_table *t = table_create(c->nwords, to.dim, e);
    if (!t) {
        corpus_free(c);
        return EMBX_ERR;
    }
    t->n = c->nwords;
    struct train_stats st;
    int rc = train_run(c, &to, t->vecs, &p, &st, e);
    double done = 100.0 * (double)st.words / ((double)c->nkept * to.epochs);
    if (rc == EMBX_CANCELLED && !partial && s->interactive) partial = ask_keep(done, out.path);
    if (rc == EMBX_CANCELLED && !partial) {
        corpus_free(c);
        table_free(t);
        err_set(e, "cancelled after %.0f%% of training; nothing kept (--save-partial keeps what was learned)", done);
        return EMBX_CANCELLED;
    }
    if (rc == EMBX_ERR) {
        corpus_free(c);
        table_free(t);
        return EMBX_ERR;
    }
    bool cancelled = rc == EMBX_CANCELLED;
    if (cancelled) progress_reset_cancel();   /* the Ctrl-C was for training, not for the write */
    rc = finish_table(t, c, out.path ? out.path : path, e);
    corpus_free(c);
    if (rc == EMBX_OK && out.path) rc = write_out(t, &out, e);
    if (rc != EMBX_OK) {
        table_free(t);
        return rc;
    }
    session_note(s, "trained %zu words x %zu dimensions (%s%s, %d epoch%s, %d thread%s) in %.2f s, %.0f words/s%s%s%s",
                 t->n, t->dim, to.model == TRAIN_CBOW ? "cbow" : "skipgram", to.classic ? ", classic" : "",
                 to.epochs, to.epochs == 1 ? "" : "s", to.threads, to.threads == 1 ? "" : "s", st.seconds,
                 st.seconds > 0 ? (double)st.words / st.seconds : 0.0, out.path ? "; wrote " : "",
                 out.path ? out.path : "", out.path ? "" : " (not saved: use -o OUT or save FILE)");
    session_set_table(s, t);
    if (cancelled) {
        err_set(e, "cancelled after %.0f%% of training; the partial table is loaded%s", done,
                out.path ? " and written" : "");
        return EMBX_CANCELLED;
    }
    return EMBX_OK;
}

static const struct optspec train_opts[] = {
    {"output", 'o', 1, "OUT", "write the table here (format from --format or the name; default word2vec text)"},
    {"model", 0, 1, "M", "skipgram (default) or cbow"},
    {"dim", 0, 1, "N", "vector dimensions (default 100)"},
    {"window", 0, 1, "N", "largest distance of a context word (default 5)"},
    {"negative", 0, 1, "N", "negative samples per word (default 5)"},
    {"sample", 0, 1, "T", "subsampling threshold for frequent words, 0 = off (default 1e-3)"},
    {"min-count", 0, 1, "N", "drop words seen fewer than N times (default 5)"},
    {"epochs", 0, 1, "N", "passes over the corpus (default 5)"},
    {"alpha", 0, 1, "A", "starting learning rate (default 0.025 skipgram, 0.05 cbow)"},
    {"threads", 0, 1, "N", "training threads (default: the session's, all cores)"},
    {"seed", 0, 1, "S", "random seed (default 1); with --threads 1 runs are reproducible"},
    {"format", 0, 1, "F", "output format (default: from the name, else word2vec text)"},
    {"lowercase", 0, 0, NULL, "fold capitals to lowercase while reading"},
    {"save-partial", 0, 0, NULL, "on Ctrl-C keep (and write) what was learned so far"},
    {"classic", 0, 0, NULL, "skip-gram with word2vec's per-pair updates (slower; for comparison)"},
    {0},
};

const struct command cmds_train[] = {
    {
        .name = "train",
        .args = "CORPUS",
        .help = "train word2vec vectors on a text corpus; the result becomes the loaded table",
        .min_args = 1, .max_args = 1,
        .flags = SHELL_SUBCOMMAND | CHANGES_TABLE,
        .complete = COMPLETE_FILES,
        .opts = train_opts,
        .run = run_train,
        .details =
            "CORPUS is plain text or .gz, split on blanks; each line is a sentence. Words\n"
            "seen fewer than --min-count times are dropped; rows come out most frequent\n"
            "first, so --limit and --restrict mean \"the most frequent\". Skip-gram scores\n"
            "each window's context words against one shared set of negative samples (a\n"
            "small matrix product per window); --classic uses word2vec's per-pair loop.\n"
            "Progress (percent, words/s, learning rate, ETA) goes to stderr. Ctrl-C stops;\n"
            "with --save-partial the vectors learned so far are kept and written, and at\n"
            "the REPL embx asks whether to keep them.\n"
            "Example: embx train corpus.txt -o vecs.bin --dim 100 --threads 2",
    },
    {0},
};
