/* evalsuite: categorization, outliers, intervals and suite rows (see evalsuite.h). */
#define _GNU_SOURCE
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "evalsuite.h"
#include "evalvocab.h"
#include "catclust.h"
#include "outlier.h"
#include "hubness.h"

#define Z95 1.959963984540054

/* ---- intervals ---- */

bool eval_ci_fisher(double r, size_t n, double f, double *lo, double *hi)
{
    if (n < 4 || !isfinite(r)) return false;
    if (r >= 1.0 || r <= -1.0) { *lo = *hi = r; return true; }
    double z = atanh(r), se = sqrt(f / (double)(n - 3));
    *lo = tanh(z - Z95 * se);
    *hi = tanh(z + Z95 * se);
    return true;
}

bool eval_ci_wilson(double k, size_t n, double *lo, double *hi)
{
    if (n == 0) return false;
    double nn = (double)n, ph = k / nn, z2 = Z95 * Z95;
    double den = 1.0 + z2 / nn;
    double centre = (ph + z2 / (2 * nn)) / den;
    double half = Z95 * sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn)) / den;
    *lo = centre - half < 0 ? 0 : centre - half;
    *hi = centre + half > 1 ? 1 : centre + half;
    return true;
}

/* ---- categorization ---- */

int eval_categories(const embx_table *t, const char *path, const struct eval_opts *o,
                    struct eval_cat_result *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    struct eval_catset cs;
    if (evalfile_read_categories(path, &cs, e) != EMBX_OK) return EMBX_ERR;
    r->bad = cs.bad;
    struct eval_vocab v;
    if (eval_vocab_init(&v, t, o->restrict_rows, o->case_sensitive, e) != EMBX_OK) {
        eval_catset_free(&cs);
        return EMBX_ERR;
    }
    size_t *rows = malloc(sizeof(size_t) * cs.n), *label = malloc(sizeof(size_t) * cs.n);
    size_t *assign = malloc(sizeof(size_t) * cs.n), *remap = malloc(sizeof(size_t) * (cs.ncats + 1));
    int rc = EMBX_OK;
    if (!rows || !label || !assign || !remap) rc = err_set(e, "out of memory");
    size_t m = 0;
    for (size_t c = 0; rc == EMBX_OK && c <= cs.ncats; c++) remap[c] = SIZE_MAX;
    for (size_t i = 0; rc == EMBX_OK && i < cs.n; i++) {
        long row = eval_vocab_usable(&v, cs.words[i]);
        if (row == -2) { rc = err_set(e, "out of memory"); break; }
        if (row < 0) { r->oov++; continue; }
        if (remap[cs.cat[i]] == SIZE_MAX) remap[cs.cat[i]] = r->categories++;
        rows[m] = (size_t)row;
        label[m++] = remap[cs.cat[i]];
    }
    if (rc == EMBX_OK && m < 2)
        rc = err_set(e, "'%s': only %zu of %zu words are in the vocabulary: nothing to cluster", path, m, cs.n);
    if (rc == EMBX_OK) {
        size_t k = r->categories < m ? r->categories : m;
        rc = catclust_average(t, rows, m, k, assign, e);
        if (rc == EMBX_OK) {
            r->words = m;
            r->purity = catclust_purity(assign, label, m, k, r->categories);
        }
    }
    free(rows); free(label); free(assign); free(remap);
    eval_vocab_free(&v);
    eval_catset_free(&cs);
    return rc;
}

/* ---- outliers ---- */

void eval_out_result_free(struct eval_out_result *r)
{
    for (size_t i = 0; i < r->ngroups; i++) free(r->groups[i].name);
    free(r->groups);
    memset(r, 0, sizeof *r);
}

int eval_outliers(const embx_table *t, const char *path, const struct eval_opts *o,
                  struct eval_out_result *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    struct eval_outset os;
    if (evalfile_read_outliers(path, &os, e) != EMBX_OK) return EMBX_ERR;
    r->bad = os.bad;
    struct eval_vocab v;
    if (eval_vocab_init(&v, t, o->restrict_rows, o->case_sensitive, e) != EMBX_OK) {
        eval_outset_free(&os);
        return EMBX_ERR;
    }
    int rc = EMBX_OK;
    r->groups = calloc(os.n, sizeof *r->groups);
    if (!r->groups) rc = err_set(e, "out of memory");
    double sum = 0;
    for (size_t gi = 0; rc == EMBX_OK && gi < os.n; gi++) {
        const struct eval_outgroup *g = &os.g[gi];
        struct eval_out_group *res = &r->groups[r->ngroups++];
        if (!(res->name = strdup(g->name))) { rc = err_set(e, "out of memory"); break; }
        size_t *c = malloc(sizeof(size_t) * (g->nin + 1));
        if (!c) { rc = err_set(e, "out of memory"); break; }
        for (size_t i = 0; i < g->nin; i++) {
            long row = eval_vocab_usable(&v, g->in[i]);
            if (row == -2) { rc = err_set(e, "out of memory"); break; }
            if (row < 0) res->cluster_oov++;
            else c[res->cluster++] = (size_t)row;
        }
        for (size_t i = 0; rc == EMBX_OK && i < g->nout; i++) {
            long row = eval_vocab_usable(&v, g->out[i]);
            if (row == -2) { rc = err_set(e, "out of memory"); break; }
            bool in_cluster = false;
            for (size_t j = 0; row >= 0 && j < res->cluster; j++) in_cluster |= c[j] == (size_t)row;
            if (row < 0 || res->cluster < 2 || in_cluster) {
                res->outliers_oov++;
                continue;
            }
            size_t op = outlier_position(t, c, res->cluster, (size_t)row);
            double x = (double)op / (double)res->cluster;
            res->outliers++;
            res->op_sum += x;
            res->detected += op == res->cluster;
            sum += x;
        }
        free(c);
        r->instances += res->outliers;
        r->oov += res->outliers_oov;
        r->detected += res->detected;
    }
    if (rc == EMBX_OK && r->instances == 0)
        rc = err_set(e, "'%s': no outlier could be scored (%zu skipped: a word outside the vocabulary, "
                     "or fewer than 2 cluster words known)", path, r->oov);
    if (rc == EMBX_OK) {
        double n = (double)r->instances;
        r->opp = sum / n;
        r->accuracy = (double)r->detected / n;
    }
    eval_vocab_free(&v);
    eval_outset_free(&os);
    if (rc != EMBX_OK) eval_out_result_free(r);
    return rc;
}

/* ---- suite rows ---- */

void suite_result_free(struct suite_result *r)
{
    free(r->rows);
    free(r->notes);
    memset(r, 0, sizeof *r);
}

static void note(struct suite_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct suite_result *r, const char *fmt, ...)
{
    char (*g)[SUITE_NOTE] = realloc(r->notes, sizeof(*g) * (r->nnotes + 1));
    if (!g) return;    /* a note lost to memory pressure is not worth failing for */
    r->notes = g;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->notes[r->nnotes++], SUITE_NOTE, fmt, ap);
    va_end(ap);
}

static void notes_bad(struct suite_result *r, const struct eval_messages *m)
{
    for (size_t i = 0; i < m->n; i++) note(r, "%s (skipped)", m->msg[i]);
    if (m->count > m->n) note(r, "... and %zu more malformed lines (skipped)", m->count - m->n);
}

static int add_row(struct suite_result *r, const char *set, const char *kind, const char *measure,
                   size_t n, size_t oov, double score, double lo, double hi, embx_err *e)
{
    if (r->nrows == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 32;
        struct suite_row *g = realloc(r->rows, sizeof(*g) * nc);
        if (!g) return err_set(e, "out of memory");
        r->rows = g;
        r->cap = nc;
    }
    struct suite_row *w = &r->rows[r->nrows++];
    snprintf(w->set, sizeof w->set, "%s", set);
    snprintf(w->kind, sizeof w->kind, "%s", kind);
    snprintf(w->measure, sizeof w->measure, "%s", measure);
    w->n = n; w->oov = oov; w->score = score; w->lo = lo; w->hi = hi;
    return EMBX_OK;
}

static int acc_row(struct suite_result *r, const char *set, const char *measure,
                   size_t correct, size_t total, size_t oov, embx_err *e)
{
    double lo = NAN, hi = NAN;
    eval_ci_wilson((double)correct, total, &lo, &hi);
    return add_row(r, set, "analogy", measure, total, oov,
                   total ? (double)correct / (double)total : NAN, lo, hi, e);
}

/* The file's name without directory and extension. */
static void set_name(const char *path, char *out, size_t len)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(out, len, "%s", b);
    char *dot = strrchr(out, '.');
    if (dot && dot != out) *dot = '\0';
}

static void coverage_note(struct suite_result *r, const char *set, const char *what, size_t n, size_t oov)
{
    if (n + oov == 0) return;
    double share = 100.0 * (double)n / (double)(n + oov);
    if (share < 80.0)
        note(r, "warning: %s: only %zu of %zu %s (%.1f%%) are in the vocabulary; the score describes that part only",
             set, n, n + oov, what, share);
}

static int suite_sim(const embx_table *t, const char *path, const char *set, const struct suite_opts *o,
                     struct suite_result *r, embx_err *e)
{
    struct eval_sim_result s;
    if (eval_sim(t, path, &o->eval, &s, e) != EMBX_OK) return EMBX_ERR;
    notes_bad(r, &s.bad);
    coverage_note(r, set, "pairs", s.pairs, s.oov);
    double lo = NAN, hi = NAN;
    eval_ci_fisher(s.spearman, s.pairs, 1.06, &lo, &hi);
    if (add_row(r, set, "similarity", "spearman", s.pairs, s.oov, s.spearman, lo, hi, e)) return EMBX_ERR;
    lo = hi = NAN;
    eval_ci_fisher(s.pearson, s.pairs, 1.0, &lo, &hi);
    return add_row(r, set, "similarity", "pearson", s.pairs, s.oov, s.pearson, lo, hi, e);
}

static int suite_analogy(const embx_table *t, const char *path, const char *set, const struct suite_opts *o,
                         struct suite_result *r, progress *p, embx_err *e)
{
    struct eval_opts eo = o->eval;
    eo.both = true;
    struct eval_analogy_result a;
    if (eval_analogy(t, path, &eo, &a, p, e) != EMBX_OK) return EMBX_ERR;
    notes_bad(r, &a.bad);
    coverage_note(r, set, "questions", a.total, a.oov);
    int rc = EMBX_OK;
    for (int mul = 0; mul < 2 && rc == EMBX_OK; mul++) {
        const char *m = mul ? "3cosmul" : "3cosadd";
        char name[64];
        rc = acc_row(r, set, m, mul ? a.correct_mul : a.correct, a.total, a.oov, e);
        if (rc == EMBX_OK && a.google) {
            size_t sem_oov = 0, syn_oov = 0;
            for (size_t i = 0; i < a.nsections; i++)
                *(strncmp(a.sections[i].name, "gram", 4) == 0 ? &syn_oov : &sem_oov) += a.sections[i].oov;
            snprintf(name, sizeof name, "%s semantic", m);
            rc = acc_row(r, set, name, mul ? a.sem_correct_mul : a.sem_correct, a.sem_total, sem_oov, e);
            snprintf(name, sizeof name, "%s syntactic", m);
            if (rc == EMBX_OK)
                rc = acc_row(r, set, name, mul ? a.syn_correct_mul : a.syn_correct, a.syn_total, syn_oov, e);
        }
        for (size_t i = 0; o->sections && rc == EMBX_OK && i < a.nsections; i++) {
            const struct eval_section *s = &a.sections[i];
            snprintf(name, sizeof name, "%s: %s", m, s->name);
            rc = acc_row(r, set, name, mul ? s->correct_mul : s->correct, s->total, s->oov, e);
        }
    }
    eval_analogy_free(&a);
    return rc;
}

static int suite_cat(const embx_table *t, const char *path, const char *set, const struct suite_opts *o,
                     struct suite_result *r, embx_err *e)
{
    struct eval_cat_result c;
    if (eval_categories(t, path, &o->eval, &c, e) != EMBX_OK) return EMBX_ERR;
    notes_bad(r, &c.bad);
    coverage_note(r, set, "words", c.words, c.oov);
    /* purity is a share of the words: Wilson's interval as an approximation */
    double lo = NAN, hi = NAN;
    eval_ci_wilson(c.purity * (double)c.words, c.words, &lo, &hi);
    return add_row(r, set, "categorization", "purity", c.words, c.oov, c.purity, lo, hi, e);
}

static int suite_outlier(const embx_table *t, const char *path, const char *set, const struct suite_opts *o,
                         struct suite_result *r, embx_err *e)
{
    struct eval_out_result x;
    if (eval_outliers(t, path, &o->eval, &x, e) != EMBX_OK) return EMBX_ERR;
    notes_bad(r, &x.bad);
    coverage_note(r, set, "outliers", x.instances, x.oov);
    /* OPP is a mean of shares in [0, 1], whose variance is at most p(1 - p):
     * Wilson's interval on it is conservative, and stays sensible for a few
     * outliers, where a normal interval collapses to a point */
    double lo = NAN, hi = NAN;
    eval_ci_wilson(x.opp * (double)x.instances, x.instances, &lo, &hi);
    int rc = add_row(r, set, "outlier", "OPP", x.instances, x.oov, x.opp, lo, hi, e);
    lo = hi = NAN;
    eval_ci_wilson((double)x.detected, x.instances, &lo, &hi);
    if (rc == EMBX_OK) rc = add_row(r, set, "outlier", "accuracy", x.instances, x.oov, x.accuracy, lo, hi, e);
    eval_out_result_free(&x);
    return rc;
}

int evalsuite_file(const embx_table *t, const char *path, enum evalset_kind kind,
                   const struct suite_opts *o, struct suite_result *r, progress *p, embx_err *e)
{
    char set[96];
    set_name(path, set, sizeof set);
    switch (kind) {
    case EVALSET_SIM: return suite_sim(t, path, set, o, r, e);
    case EVALSET_ANALOGY: return suite_analogy(t, path, set, o, r, p, e);
    case EVALSET_CAT: return suite_cat(t, path, set, o, r, e);
    case EVALSET_OUTLIER: return suite_outlier(t, path, set, o, r, e);
    default: return err_set(e, "'%s' is not a benchmark file embx knows", path);
    }
}

int evalsuite_hubness(const embx_table *t, const struct suite_opts *o, struct suite_result *r,
                      progress *p, embx_err *e)
{
    size_t vocab = o->eval.restrict_rows && o->eval.restrict_rows < t->n ? o->eval.restrict_rows : t->n;
    size_t rows = o->hub_rows ? o->hub_rows : HUBNESS_SAMPLE;
    if (rows > vocab) rows = vocab;
    double skew;
    size_t used;
    if (hubness_skew(t, rows, HUBNESS_K, o->eval.threads, &skew, &used, p, e) != EMBX_OK) return EMBX_ERR;
    char measure[64];
    snprintf(measure, sizeof measure, "skew N%d (first %zu rows)", HUBNESS_K, rows);
    return add_row(r, "(table)", "hubness", measure, used, SIZE_MAX, skew, NAN, NAN, e);
}

int evalsuite_failed(struct suite_result *r, const char *path, enum evalset_kind kind, embx_err *e)
{
    char set[96];
    set_name(path, set, sizeof set);
    return add_row(r, set, evalset_kind_name(kind), "-", 0, SIZE_MAX, NAN, NAN, NAN, e);
}
