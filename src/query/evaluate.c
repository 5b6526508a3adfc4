/* evaluate: analogy and word-pair benchmarks (see evaluate.h).
 *
 * gensim's rules, kept exactly: the vocabulary is the first restrict_vocab
 * rows; case-insensitive matching upper-cases words and lets the first row of
 * each upper-cased form stand for it; a question with a word outside that
 * vocabulary is skipped and counted; an analogy takes the five best answers
 * (inputs excluded) and the first whose upper-cased word is not one of the
 * question's is the prediction. All questions go to analogyscan in one pass,
 * which scores 3CosAdd and 3CosMul together when both are asked for. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_statistics_double.h>
#include "evaluate.h"
#include "analogyscan.h"
#include "evalvocab.h"
#include "similar.h"
#include "textline.h"

enum { ANSWERS = 5 };

/* ---- analogies ---- */

struct question {
    size_t section;
    size_t a, b, c;        /* rows */
    char *key[4];          /* the four words as matched (upper-cased unless case-sensitive) */
};

void eval_analogy_free(struct eval_analogy_result *r)
{
    for (size_t i = 0; i < r->nsections; i++) free(r->sections[i].name);
    free(r->sections);
    memset(r, 0, sizeof *r);
}

static int add_section(struct eval_analogy_result *r, const char *name, embx_err *e)
{
    struct eval_section *s = realloc(r->sections, sizeof(*s) * (r->nsections + 1));
    if (!s) return err_set(e, "out of memory");
    r->sections = s;
    memset(&s[r->nsections], 0, sizeof *s);
    s[r->nsections].name = strdup(name);
    if (!s[r->nsections].name) return err_set(e, "out of memory");
    r->nsections++;
    return EMBX_OK;
}

static void free_questions(struct question *q, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int j = 0; j < 4; j++) free(q[i].key[j]);
    free(q);
}

/* Reads the file: sections, questions in vocabulary (qs), counts. */
static int read_questions(const struct eval_vocab *v, const char *path, struct eval_analogy_result *r,
                          struct question **qs_out, size_t *nq_out, embx_err *e)
{
    FILE *fp = evalfile_open(path, e);
    if (!fp) return EMBX_ERR;
    char *line = NULL;
    size_t cap = 0, lineno = 0, nq = 0, qcap = 0;
    struct question *qs = NULL;
    ssize_t len;
    bool any_text = false;
    int rc = EMBX_OK;
    while ((len = textline_read(fp, &line, &cap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        evalfile_chomp(line, &len);
        if (strncmp(line, ": ", 2) == 0) {
            any_text = true;
            char *name = line;
            while (*name == ':' || *name == ' ') name++;     /* gensim: lstrip(': ') */
            size_t nl = strlen(name);
            while (nl && isspace((unsigned char)name[nl - 1])) name[--nl] = '\0';
            if ((rc = add_section(r, name, e)) != EMBX_OK) break;
            continue;
        }
        char *f[5];
        size_t nf = evalfile_split(line, f, 5, 0);
        if (nf == 0) continue;
        any_text = true;
        if (nf != 4) { evalfile_bad_line(&r->bad, path, lineno, "expected 4 words, got %zu", nf); continue; }
        if (r->nsections == 0) {
            evalfile_bad_line(&r->bad, path, lineno, "question before the first ': section' line");
            continue;
        }
        r->questions++;
        struct eval_section *sec = &r->sections[r->nsections - 1];
        char *keys[4] = {0};
        long rows[4];
        bool known = true;
        for (int j = 0; j < 4; j++) {
            keys[j] = eval_vocab_key(v, f[j]);
            if (!keys[j]) { rc = err_set(e, "out of memory"); break; }
            rows[j] = eval_vocab_find_key(v, keys[j]);
            known &= rows[j] >= 0;
        }
        if (rc != EMBX_OK || !known) {
            for (int j = 0; j < 4; j++) free(keys[j]);
            if (rc != EMBX_OK) break;
            r->oov++;
            sec->oov++;
            continue;
        }
        if (nq == qcap) {
            size_t nc = qcap ? qcap * 2 : 1024;
            struct question *g = realloc(qs, sizeof(*g) * nc);
            if (!g) {
                for (int j = 0; j < 4; j++) free(keys[j]);
                rc = err_set(e, "out of memory");
                break;
            }
            qs = g; qcap = nc;
        }
        struct question *q = &qs[nq++];
        q->section = r->nsections - 1;
        q->a = (size_t)rows[0]; q->b = (size_t)rows[1]; q->c = (size_t)rows[2];
        for (int j = 0; j < 4; j++) q->key[j] = keys[j];
    }
    if (rc == EMBX_OK && len == TEXTLINE_TOO_LONG)
        rc = err_set(e, "%s:%zu: a line longer than 1 MB (not a text file?)", path, lineno + 1);
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "cannot read '%s': %s", path, strerror(errno));
    free(line);
    fclose(fp);
    if (rc == EMBX_OK && !any_text) rc = err_set(e, "'%s' is empty: expected ': section' lines and questions of four words", path);
    else if (rc == EMBX_OK && r->questions == 0)
        rc = err_set(e, "'%s' has no questions (lines of four words after a ': section' line); %zu malformed lines",
                     path, r->bad.count);
    if (rc != EMBX_OK) { free_questions(qs, nq); return rc; }
    *qs_out = qs;
    *nq_out = nq;
    return EMBX_OK;
}

/* gensim's prediction: the first answer whose word is not one of A, B, C. */
static bool judge(const struct eval_vocab *v, const struct question *q, const struct knn_hit *h, size_t k)
{
    char *pred = NULL;
    for (size_t i = 0; i < k && h[i].row != SIZE_MAX; i++) {
        free(pred);
        pred = eval_vocab_key(v, v->t->words[h[i].row]);
        if (!pred) return false;
        if (strcmp(pred, q->key[0]) && strcmp(pred, q->key[1]) && strcmp(pred, q->key[2])) break;
    }
    bool ok = pred && strcmp(pred, q->key[3]) == 0;
    free(pred);
    return ok;
}

int eval_analogy(const embx_table *t, const char *path, const struct eval_opts *o,
                 struct eval_analogy_result *r, progress *p, embx_err *e)
{
    memset(r, 0, sizeof *r);
    struct eval_vocab v;
    if (eval_vocab_init(&v, t, o->restrict_rows, o->case_sensitive, e) != EMBX_OK) return EMBX_ERR;
    struct question *qs = NULL;
    size_t nq = 0;
    int rc = read_questions(&v, path, r, &qs, &nq, e);
    if (rc != EMBX_OK) { eval_vocab_free(&v); eval_analogy_free(r); return rc; }

    bool want_add = o->both || !o->mul, want_mul = o->both || o->mul;
    struct ascan_question *aq = malloc(sizeof(*aq) * (nq ? nq : 1));
    struct knn_hit *ha = want_add ? malloc(sizeof(*ha) * (nq ? nq : 1) * ANSWERS) : NULL;
    struct knn_hit *hm = want_mul ? malloc(sizeof(*hm) * (nq ? nq : 1) * ANSWERS) : NULL;
    if (!aq || (want_add && !ha) || (want_mul && !hm)) rc = err_set(e, "out of memory");
    if (rc == EMBX_OK) {
        for (size_t i = 0; i < nq; i++) { aq[i].a = qs[i].a; aq[i].b = qs[i].b; aq[i].c = qs[i].c; }
        rc = analogy_scan(t, aq, nq, ANSWERS, v.rows, o->threads, ha, hm, p, e);
    }
    if (rc == EMBX_OK) {
        for (size_t i = 0; i < nq; i++) {
            const struct question *q = &qs[i];
            struct eval_section *s = &r->sections[q->section];
            s->total++;
            /* `correct` holds the method asked for; with both, 3CosAdd */
            if (want_add) s->correct += judge(&v, q, ha + i * ANSWERS, ANSWERS);
            if (want_mul) {
                bool ok = judge(&v, q, hm + i * ANSWERS, ANSWERS);
                if (o->both) s->correct_mul += ok; else s->correct += ok;
            }
        }
        for (size_t i = 0; i < r->nsections; i++)
            if (strncmp(r->sections[i].name, "gram", 4) == 0) r->google = true;
        for (size_t i = 0; i < r->nsections; i++) {
            const struct eval_section *s = &r->sections[i];
            bool syn = strncmp(s->name, "gram", 4) == 0;
            r->correct += s->correct; r->correct_mul += s->correct_mul; r->total += s->total;
            if (syn) { r->syn_correct += s->correct; r->syn_correct_mul += s->correct_mul; r->syn_total += s->total; }
            else { r->sem_correct += s->correct; r->sem_correct_mul += s->correct_mul; r->sem_total += s->total; }
        }
    }
    free(aq); free(ha); free(hm);
    free_questions(qs, nq);
    eval_vocab_free(&v);
    if (rc != EMBX_OK) eval_analogy_free(r);
    return rc;
}

/* ---- word pairs ---- */

int eval_sim(const embx_table *t, const char *path, const struct eval_opts *o,
             struct eval_sim_result *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    struct eval_vocab v;
    if (eval_vocab_init(&v, t, o->restrict_rows, o->case_sensitive, e) != EMBX_OK) return EMBX_ERR;
    FILE *fp = evalfile_open(path, e);
    if (!fp) { eval_vocab_free(&v); return EMBX_ERR; }
    double *gold = NULL, *model = NULL;
    size_t n = 0, cap = 0, lineno = 0, data_lines = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    int rc = EMBX_OK;
    while ((len = textline_read(fp, &line, &lcap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        evalfile_chomp(line, &len);
        if (line[0] == '#' || evalfile_blank(line)) continue;   /* gensim skips blank entries too */
        char *f[8];
        /* Tab-separated when the line has a tab (words may hold blanks), else
         * comma-separated when it has a comma (WordSim-353's combined.csv),
         * else blank-separated. */
        char sep = strchr(line, '\t') ? '\t' : strchr(line, ',') ? ',' : 0;
        size_t nf = evalfile_split(line, f, 8, sep);
        if (nf == 0) continue;
        data_lines++;
        double score;
        if (nf < 3) { evalfile_bad_line(&r->bad, path, lineno, "expected WORD1 WORD2 SCORE, got %zu field%s", nf, nf == 1 ? "" : "s"); continue; }
        /* SimLex-999's own layout: word1 word2 POS score ... */
        bool ok = evalfile_number(f[2], &score) || (nf >= 4 && evalfile_number(f[3], &score));
        if (!ok) {
            if (data_lines > 1)   /* a first line that is not numeric is a column header */
                evalfile_bad_line(&r->bad, path, lineno, "score '%s' is not a number", f[2]);
            continue;
        }
        char *ka = eval_vocab_key(&v, f[0]), *kb = eval_vocab_key(&v, f[1]);
        if (!ka || !kb) { free(ka); free(kb); rc = err_set(e, "out of memory"); break; }
        long ra = eval_vocab_find_key(&v, ka), rb = eval_vocab_find_key(&v, kb);
        free(ka); free(kb);
        if (ra < 0 || rb < 0) { r->oov++; continue; }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            double *g1 = realloc(gold, sizeof(double) * nc);
            if (g1) gold = g1;
            double *g2 = realloc(model, sizeof(double) * nc);
            if (g2) model = g2;
            if (!g1 || !g2) { rc = err_set(e, "out of memory"); break; }
            cap = nc;
        }
        gold[n] = score;
        /* gensim's similarity is float32 */
        model[n] = (float)similar_cosine(t, (size_t)ra, (size_t)rb);
        n++;
    }
    if (rc == EMBX_OK && len == TEXTLINE_TOO_LONG)
        rc = err_set(e, "%s:%zu: a line longer than 1 MB (not a text file?)", path, lineno + 1);
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "cannot read '%s': %s", path, strerror(errno));
    fclose(fp);
    free(line);
    if (rc == EMBX_OK && data_lines == 0)
        rc = err_set(e, "'%s' is empty: expected lines of WORD1 WORD2 SCORE", path);
    else if (rc == EMBX_OK && n < 2)
        rc = err_set(e, "'%s': only %zu usable pair%s (%zu with unknown words, %zu malformed lines): "
                     "a correlation needs at least 2", path, n, n == 1 ? "" : "s", r->oov, r->bad.count);
    if (rc == EMBX_OK) {
        double *work = malloc(sizeof(double) * 2 * n);
        if (!work) rc = err_set(e, "out of memory");
        else {
            r->pairs = n;
            r->spearman = gsl_stats_spearman(gold, 1, model, 1, n, work);
            r->pearson = gsl_stats_correlation(gold, 1, model, 1, n);
            r->oov_ratio = 100.0 * (double)r->oov / (double)(n + r->oov);
            free(work);
        }
    }
    free(gold); free(model);
    eval_vocab_free(&v);
    return rc;
}
