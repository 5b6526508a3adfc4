/* cmd_eval: `eval analogy|sim|cat|outlier FILE`, `eval FILE` (kind found by
 * content) and `eval suite [DIR] [--vs OTHER]` (see evaluate.h, evalsuite.h). */
#define _GNU_SOURCE
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "commands.h"
#include "evaluate.h"
#include "evalsuite.h"
#include "hubness.h"
#include "load.h"
#include "output.h"

static void show_messages(const struct session *s, const struct eval_messages *m)
{
    for (size_t i = 0; i < m->n; i++) session_note(s, "%s (skipped)", m->msg[i]);
    if (m->count > m->n) session_note(s, "... and %zu more malformed lines (skipped)", m->count - m->n);
}

/* Warns when less than 80% of a benchmark is in the vocabulary. */
static void coverage_warning(const struct session *s, const char *path, const char *what, size_t used, size_t oov)
{
    if (used + oov == 0) return;
    double share = 100.0 * (double)used / (double)(used + oov);
    if (share < 80.0)
        session_note(s, "warning: %s: only %zu of %zu %s (%.1f%%) are in the vocabulary; the score describes that part only",
                     path, used, used + oov, what, share);
}

/* An accuracy cell: a percentage on a terminal, a fraction when piped, n/a
 * when nothing was scored. */
static void acc_cell(const struct session *s, char *buf, size_t len, size_t correct, size_t total)
{
    out_share(s, buf, len, (double)correct, (double)total);
}

static void acc_row(const struct session *s, outtab *o, const char *name, size_t correct, size_t total)
{
    char acc[32];
    acc_cell(s, acc, sizeof acc, correct, total);
    outtab_addf(o, "%s\t%zu\t%zu\t%s", name, correct, total, acc);
}

static int eval_analogy_cmd(struct session *s, const char *path, const struct eval_opts *o, embx_err *e)
{
    struct eval_analogy_result r;
    progress p;
    int rc = eval_analogy(s->table, path, o, &r, &p, e);
    if (rc != EMBX_OK) return rc;
    show_messages(s, &r.bad);
    outtab t;
    outtab_init(&t, 4);
    t.right[1] = t.right[2] = t.right[3] = true;
    if (out_pretty(s)) outtab_addf(&t, "section\tcorrect\ttotal\taccuracy");
    for (size_t i = 0; i < r.nsections; i++)
        acc_row(s, &t, r.sections[i].name, r.sections[i].correct, r.sections[i].total);
    if (r.google) {   /* only Google's own sections split into semantic and syntactic ("gram*") */
        acc_row(s, &t, "semantic", r.sem_correct, r.sem_total);
        acc_row(s, &t, "syntactic", r.syn_correct, r.syn_total);
    }
    acc_row(s, &t, "total", r.correct, r.total);
    outtab_print(s, &t, stdout);
    size_t rows = o->restrict_rows && o->restrict_rows < s->table->n ? o->restrict_rows : s->table->n;
    if (r.oov)
        session_note(s, "%zu of %zu questions (%.1f%%) skipped: a word is not among the first %zu rows%s",
                     r.oov, r.questions, r.questions ? 100.0 * (double)r.oov / (double)r.questions : 0.0,
                     rows, o->case_sensitive ? "" : " (case-insensitive)");
    coverage_warning(s, path, "questions", r.total, r.oov);
    eval_analogy_free(&r);
    return EMBX_OK;
}

static int eval_sim_cmd(struct session *s, const char *path, const struct eval_opts *o, embx_err *e)
{
    struct eval_sim_result r;
    int rc = eval_sim(s->table, path, o, &r, e);
    if (rc != EMBX_OK) return rc;
    show_messages(s, &r.bad);
    outtab t;
    outtab_init(&t, 2);
    t.right[1] = true;
    outtab_addf(&t, "spearman\t%.6f", r.spearman);
    outtab_addf(&t, "pearson\t%.6f", r.pearson);
    outtab_addf(&t, "pairs\t%zu", r.pairs);
    outtab_addf(&t, "oov_pairs\t%zu", r.oov);
    if (out_pretty(s)) outtab_addf(&t, "oov_ratio\t%.2f%%", r.oov_ratio);
    else outtab_addf(&t, "oov_ratio\t%.6f", r.oov_ratio);
    outtab_print(s, &t, stdout);
    coverage_warning(s, path, "pairs", r.pairs, r.oov);
    return EMBX_OK;
}

#define CLUSTERING_NOTE "clustering: average-linkage agglomerative on cosine distance, as many clusters as " \
    "categories (deterministic: no seed)"

static int eval_cat_cmd(struct session *s, const char *path, const struct eval_opts *o, embx_err *e)
{
    struct eval_cat_result r;
    int rc = eval_categories(s->table, path, o, &r, e);
    if (rc != EMBX_OK) return rc;
    show_messages(s, &r.bad);
    double lo = NAN, hi = NAN;
    eval_ci_wilson(r.purity * (double)r.words, r.words, &lo, &hi);
    outtab t;
    outtab_init(&t, 2);
    t.right[1] = true;
    outtab_addf(&t, "purity\t%.6f", r.purity);
    outtab_addf(&t, "ci_low\t%.6f", lo);
    outtab_addf(&t, "ci_high\t%.6f", hi);
    outtab_addf(&t, "words\t%zu", r.words);
    outtab_addf(&t, "oov_words\t%zu", r.oov);
    outtab_addf(&t, "clusters\t%zu", r.categories);
    outtab_print(s, &t, stdout);
    session_note(s, CLUSTERING_NOTE "; 95%% interval: Wilson, purity taken as a share of the words");
    coverage_warning(s, path, "words", r.words, r.oov);
    return EMBX_OK;
}

static int eval_outlier_cmd(struct session *s, const char *path, const struct eval_opts *o, embx_err *e)
{
    struct eval_out_result r;
    int rc = eval_outliers(s->table, path, o, &r, e);
    if (rc != EMBX_OK) return rc;
    show_messages(s, &r.bad);
    bool pretty = out_pretty(s);
    outtab t;
    outtab_init(&t, 6);
    for (int i = 1; i < 6; i++) t.right[i] = true;
    if (pretty) outtab_addf(&t, "group\tcluster\toutliers\tskipped\tOPP\taccuracy");
    char opp[32], acc[32];
    for (size_t i = 0; i < r.ngroups; i++) {
        const struct eval_out_group *g = &r.groups[i];
        out_share(s, opp, sizeof opp, g->op_sum, (double)g->outliers);
        acc_cell(s, acc, sizeof acc, g->detected, g->outliers);
        outtab_addf(&t, "%s\t%zu\t%zu\t%zu\t%s\t%s", g->name, g->cluster, g->outliers, g->outliers_oov, opp, acc);
    }
    out_share(s, opp, sizeof opp, r.opp, 1.0);
    acc_cell(s, acc, sizeof acc, r.detected, r.instances);
    outtab_addf(&t, "total\t-\t%zu\t%zu\t%s\t%s", r.instances, r.oov, opp, acc);
    outtab_print(s, &t, stdout);
    session_note(s, "OPP: mean position of each outlier among its cluster by compactness (100%% = always "
                 "the least compact), accuracy: share found outright (Camacho-Collados and Navigli, 2016)");
    coverage_warning(s, path, "outliers", r.instances, r.oov);
    eval_out_result_free(&r);
    return EMBX_OK;
}

/* ---- the suite ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of dir (not hidden), sorted, as owned paths. */
static int list_dir(const char *dir, char ***out, size_t *n, embx_err *e)
{
    DIR *d = opendir(dir);
    if (!d) return err_set(e, "cannot open directory '%s': %m", dir);
    char **v = NULL;
    size_t cnt = 0, cap = 0;
    int rc = EMBX_OK;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char *p;
        if (asprintf(&p, "%s/%s", dir, de->d_name) < 0) { rc = err_set(e, "out of memory"); break; }
        struct stat st;
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) { free(p); continue; }
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 32;
            char **g = realloc(v, sizeof(char *) * nc);
            if (!g) { free(p); rc = err_set(e, "out of memory"); break; }
            v = g;
            cap = nc;
        }
        v[cnt++] = p;
    }
    closedir(d);
    if (rc != EMBX_OK) {
        for (size_t i = 0; i < cnt; i++) free(v[i]);
        free(v);
        return rc;
    }
    if (cnt) qsort(v, cnt, sizeof(char *), cmp_str);
    *out = v;
    *n = cnt;
    return EMBX_OK;
}

struct benchfile {
    char *path;
    enum evalset_kind kind;
};

/* Runs every benchmark file and the hubness row on one table. A set that
 * cannot be scored (say, no word known) becomes a note, not a failure. */
static int run_suite_on(const struct session *s, const embx_table *t, const char *label,
                        const struct benchfile *f, size_t nf, const struct suite_opts *o,
                        struct suite_result *r, embx_err *e)
{
    for (size_t i = 0; i < nf; i++) {
        progress p;
        embx_err fe;
        int rc = evalsuite_file(t, f[i].path, f[i].kind, o, r, &p, &fe);
        if (rc == EMBX_CANCELLED) return err_cancelled(e);
        if (rc != EMBX_OK) {
            const char *base = strrchr(f[i].path, '/');
            session_note(s, "%s%s not scored: %s", label, base ? base + 1 : f[i].path, fe.msg);
            if (evalsuite_failed(r, f[i].path, f[i].kind, e) != EMBX_OK) return EMBX_ERR;
        }
    }
    progress p;
    embx_err he;
    int rc = evalsuite_hubness(t, o, r, &p, &he);
    if (rc == EMBX_CANCELLED) return err_cancelled(e);
    if (rc != EMBX_OK) session_note(s, "%shubness skipped: %s", label, he.msg);
    for (size_t i = 0; i < r->nnotes; i++) session_note(s, "%s", r->notes[i]);
    return EMBX_OK;
}

static void num_cell(const struct session *s, char *buf, size_t len, double x)
{
    out_number(s, buf, len, x, 3);
}

static void ci_cells(const struct session *s, char *buf, size_t len, const struct suite_row *w)
{
    if (!isfinite(w->lo) || !isfinite(w->hi)) snprintf(buf, len, out_pretty(s) ? "-" : "-\t-");
    else if (out_pretty(s)) snprintf(buf, len, "[%.3f, %.3f]", w->lo, w->hi);
    else snprintf(buf, len, "%.6f\t%.6f", w->lo, w->hi);
}

static void count_cell(char *buf, size_t len, size_t n)
{
    if (n == SIZE_MAX) snprintf(buf, len, "-");
    else snprintf(buf, len, "%zu", n);
}

static const struct suite_row *find_row(const struct suite_result *r, const struct suite_row *w)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (strcmp(r->rows[i].set, w->set) == 0 && strcmp(r->rows[i].measure, w->measure) == 0)
            return &r->rows[i];
    return NULL;
}

static void print_suite(const struct session *s, const struct suite_result *a, const struct suite_result *b)
{
    bool pretty = out_pretty(s);
    size_t ncols = pretty ? (b ? 12 : 7) : (b ? 15 : 8);
    outtab t;
    outtab_init(&t, ncols);
    for (size_t i = 3; i < ncols; i++) t.right[i] = true;
    if (pretty && b) outtab_addf(&t, "set\tkind\tmeasure\tn\toov\tscore\t95%% CI\tvs n\tvs score\tvs 95%% CI\tdiff\t ");
    else if (pretty) outtab_addf(&t, "set\tkind\tmeasure\tn\toov\tscore\t95%% CI");
    else if (b) outtab_addf(&t, "set\tkind\tmeasure\tn\toov\tscore\tci_low\tci_high\tvs_n\tvs_oov\tvs_score\tvs_ci_low\tvs_ci_high\tdiff\tsignificant");
    else outtab_addf(&t, "set\tkind\tmeasure\tn\toov\tscore\tci_low\tci_high");
    for (size_t i = 0; i < a->nrows; i++) {
        const struct suite_row *w = &a->rows[i];
        char n[32], oov[32], score[32], ci[64];
        count_cell(n, sizeof n, w->n);
        count_cell(oov, sizeof oov, w->oov);
        num_cell(s, score, sizeof score, w->score);
        ci_cells(s, ci, sizeof ci, w);
        if (!b) {
            outtab_addf(&t, "%s\t%s\t%s\t%s\t%s\t%s\t%s", w->set, w->kind, w->measure, n, oov, score, ci);
            continue;
        }
        const struct suite_row *v = find_row(b, w);
        char vn[32] = "-", voov[32] = "-", vscore[32] = "n/a", vci[64], diff[32] = "n/a";
        const char *mark = "";
        snprintf(vci, sizeof vci, pretty ? "-" : "-\t-");
        if (v) {
            count_cell(vn, sizeof vn, v->n);
            count_cell(voov, sizeof voov, v->oov);
            num_cell(s, vscore, sizeof vscore, v->score);
            ci_cells(s, vci, sizeof vci, v);
            if (isfinite(w->score) && isfinite(v->score)) {
                snprintf(diff, sizeof diff, pretty ? "%+.3f" : "%.6f", v->score - w->score);
                /* intervals that do not overlap: the difference is unlikely to be chance */
                if (isfinite(w->lo) && isfinite(v->lo) && (w->lo > v->hi || v->lo > w->hi)) mark = "*";
            }
        }
        if (pretty)
            outtab_addf(&t, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", w->set, w->kind, w->measure, n, oov,
                        score, ci, vn, vscore, vci, diff, mark);
        else
            outtab_addf(&t, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", w->set, w->kind, w->measure, n, oov,
                        score, ci, vn, voov, vscore, vci, diff, *mark ? "yes" : "no");
    }
    outtab_print(s, &t, stdout);
}

static int eval_suite_cmd(struct session *s, const char *dir, const struct suite_opts *o,
                          const char *vs, bool no_cache, embx_err *e)
{
    char **paths = NULL;
    size_t np = 0;
    if (list_dir(dir, &paths, &np, e) != EMBX_OK) return EMBX_ERR;
    struct benchfile *f = calloc(np ? np : 1, sizeof *f);
    size_t nf = 0;
    int rc = f ? EMBX_OK : err_set(e, "out of memory");
    for (size_t i = 0; rc == EMBX_OK && i < np; i++) {
        enum evalset_kind k;
        char why[300] = "";
        embx_err de;
        if (evalfile_detect(paths[i], &k, why, sizeof why, &de) != EMBX_OK) {
            session_note(s, "%s skipped: %s", paths[i], de.msg);
            continue;
        }
        if (k == EVALSET_UNKNOWN) { session_note(s, "%s skipped: %s", paths[i], why); continue; }
        f[nf].path = paths[i];
        f[nf++].kind = k;
    }
    if (rc == EMBX_OK && nf == 0)
        rc = err_set(e, "no benchmark file in '%s' (similarity pairs, analogy questions, CATEGORY<TAB>WORD "
                     "or group/in/out outlier blocks)", dir);
    embx_table *other = NULL;
    if (rc == EMBX_OK && vs) {
        struct load_opts lo;
        memset(&lo, 0, sizeof lo);
        lo.no_cache = no_cache;
        lo.read.quiet = s->quiet;
        lo.read.threads = s->threads;
        struct read_report rep;
        memset(&rep, 0, sizeof rep);
        rc = load_table(vs, &lo, &other, &rep, e);
        if (rc == EMBX_OK)
            session_note(s, "--vs: %zu words x %zu dimensions from %s", other->n, other->dim, vs);
    }
    if (rc == EMBX_OK) {
        size_t vocab = o->eval.restrict_rows && o->eval.restrict_rows < s->table->n ? o->eval.restrict_rows : s->table->n;
        size_t hub = o->hub_rows ? o->hub_rows : HUBNESS_SAMPLE;
        session_note(s, "eval suite: %zu set%s from %s; vocabulary: the first %zu rows%s", nf, nf == 1 ? "" : "s",
                     dir, vocab, o->eval.case_sensitive ? "" : ", case-insensitive (as gensim)");
        session_note(s, "95%% intervals: Fisher's z for correlations (Spearman's variance x1.06, Fieller), Wilson for "
                     "accuracies, purity and OPP; hubness: skewness of N10 over the first %zu rows", hub < vocab ? hub : vocab);
        session_note(s, "%s", CLUSTERING_NOTE);
        struct suite_result ra, rb;
        memset(&ra, 0, sizeof ra);
        memset(&rb, 0, sizeof rb);
        rc = run_suite_on(s, s->table, "", f, nf, o, &ra, e);
        if (rc == EMBX_OK && other) rc = run_suite_on(s, other, "--vs table: ", f, nf, o, &rb, e);
        if (rc == EMBX_OK) print_suite(s, &ra, other ? &rb : NULL);
        suite_result_free(&ra);
        suite_result_free(&rb);
    }
    table_free(other);
    for (size_t i = 0; i < np; i++) free(paths[i]);
    free(paths);
    free(f);
    return rc;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int run_eval(struct session *s, const struct args *a, embx_err *e)
{
    const char *w0 = args_word(a, 0), *w1 = a->npos > 1 ? args_word(a, 1) : NULL;
    struct eval_opts o;
    memset(&o, 0, sizeof o);
    long restrict_rows, hub_rows;
    if (args_long(a, "restrict", EVAL_DEFAULT_RESTRICT, 1, LONG_MAX, &restrict_rows, e)) return EMBX_ERR;
    if (args_long(a, "hub-rows", HUBNESS_SAMPLE, HUBNESS_K + 2, LONG_MAX, &hub_rows, e)) return EMBX_ERR;
    o.restrict_rows = (size_t)restrict_rows;
    o.case_sensitive = args_has(a, "case-sensitive");
    o.mul = args_has(a, "mul");
    o.threads = session_threads(s);
    const char *vs = args_str(a, "vs", 0);

    enum evalset_kind kind = EVALSET_UNKNOWN;
    const char *path = w1;
    bool suite = false;
    if (strcmp(w0, "suite") == 0) {
        suite = true;
        if (!path) path = getenv("EMBX_EVAL_DIR");
        if (!path || !*path) return err_set(e, "eval suite: give a DIR of benchmark files (or set EMBX_EVAL_DIR)");
    } else if (strcmp(w0, "analogy") == 0) kind = EVALSET_ANALOGY;
    else if (strcmp(w0, "sim") == 0) kind = EVALSET_SIM;
    else if (strcmp(w0, "cat") == 0) kind = EVALSET_CAT;
    else if (strcmp(w0, "outlier") == 0) kind = EVALSET_OUTLIER;
    else if (w1) return err_set(e, "unknown benchmark '%s' (analogy, sim, cat, outlier or suite)", w0);
    else {
        path = w0;            /* eval FILE or eval DIR */
        if (is_dir(path)) suite = true;
        else {
            char why[300] = "";
            if (evalfile_detect(path, &kind, why, sizeof why, e) != EMBX_OK) return EMBX_ERR;
            if (kind == EVALSET_UNKNOWN)
                return err_set(e, "%s: %s; name the kind: eval analogy|sim|cat|outlier FILE", path, why);
        }
    }
    if (!path) return err_set(e, "eval %s: which FILE?", w0);
    if (vs && !suite) return err_set(e, "--vs applies to 'eval suite' only");
    if (args_has(a, "sections") && !suite) return err_set(e, "--sections applies to 'eval suite' only");
    if (o.mul && (suite || kind != EVALSET_ANALOGY))
        return err_set(e, "--mul applies to 'eval analogy' only (the suite reports both)");
    if (suite) {
        struct suite_opts so = {.eval = o, .sections = args_has(a, "sections"), .hub_rows = (size_t)hub_rows};
        return eval_suite_cmd(s, path, &so, vs, args_has(a, "no-cache"), e);
    }
    switch (kind) {
    case EVALSET_ANALOGY: return eval_analogy_cmd(s, path, &o, e);
    case EVALSET_SIM: return eval_sim_cmd(s, path, &o, e);
    case EVALSET_CAT: return eval_cat_cmd(s, path, &o, e);
    default: return eval_outlier_cmd(s, path, &o, e);
    }
}

static const struct optspec eval_opts[] = {
    {"restrict", 0, 1, "N", "vocabulary = the first N rows (default 300000, as gensim)"},
    {"mul", 0, 0, NULL, "eval analogy: 3CosMul instead of 3CosAdd"},
    {"case-sensitive", 0, 0, NULL, "match words exactly (default: upper-cased, as gensim)"},
    {"vs", 0, 1, "OTHER", "eval suite: also score the table in file OTHER, with the differences"},
    {"sections", 0, 0, NULL, "eval suite: a row per analogy section too"},
    {"hub-rows", 0, 1, "N", "eval suite: hubness over the first N rows (default 10000)"},
    {"no-cache", 0, 0, NULL, "eval suite --vs: read OTHER without the cache"},
    {0},
};

const struct command cmds_eval[] = {
    {
        .name = "eval",
        .args = "analogy|sim|cat|outlier|suite|FILE [FILE|DIR]",
        .help = "benchmarks: analogies, word-pair similarity, categorization, outliers, or a whole folder",
        .min_args = 1, .max_args = 2,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_FILES,
        .opts = eval_opts,
        .run = run_eval,
        .details =
            "eval FILE: the kind is found from the content. Kinds:\n"
            "eval analogy FILE: ': section' lines, then questions 'A B C D' (A is to B as\n"
            "C is to D; Google's questions-words and the MSR set). Prints correct/total per\n"
            "section (n/a when no question could be asked), semantic and syntactic for\n"
            "Google's file ('gram*' sections are syntactic), and the total. As gensim's\n"
            "evaluate_word_analogies: the vocabulary is the first --restrict rows, words\n"
            "match case-insensitively, the prediction is the best answer that is not A, B\n"
            "or C; --mul uses 3CosMul (most_similar_cosmul).\n"
            "eval sim FILE: lines 'WORD1 WORD2 SCORE' (tab or blank separated, '#' comments;\n"
            "WordSim-353 and SimLex-999 layouts). Spearman and Pearson of the cosines with\n"
            "the scores, pairs used, out-of-vocabulary ratio, as gensim's evaluate_word_pairs.\n"
            "eval cat FILE: lines 'CATEGORY<TAB>WORD'. The known words are clustered into as\n"
            "many clusters as categories (average-linkage agglomerative on cosine distance:\n"
            "deterministic, no seed) and scored by purity.\n"
            "eval outlier FILE: blocks 'group NAME', 'in W...', 'out W...'. Outlier position\n"
            "percentage (OPP) and accuracy of Camacho-Collados and Navigli (2016).\n"
            "eval suite DIR (or eval DIR; DIR defaults to $EMBX_EVAL_DIR): every benchmark\n"
            "file in DIR, found by content, in one table: set, kind, measure, items scored,\n"
            "items out of vocabulary, score, 95% interval (Fisher's z for correlations,\n"
            "Wilson for accuracies, purity and OPP), both 3CosAdd and 3CosMul,\n"
            "and the hubness of the table (skewness of the N10 k-occurrence over the first\n"
            "--hub-rows rows). --vs OTHER adds OTHER's scores and the difference, marked *\n"
            "(TSV: significant=yes) when the two intervals do not overlap.\n"
            "Malformed lines are reported as FILE:LINE and skipped; a warning says when less\n"
            "than 80% of a set is in the vocabulary.",
    },
    {0},
};
