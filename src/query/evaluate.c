/* evaluate: analogy and word-pair benchmarks (see evaluate.h).
 *
 * gensim's rules, kept exactly: the vocabulary is the first restrict_vocab
 * rows; case-insensitive matching upper-cases words and lets the first row of
 * each upper-cased form stand for it; a question with a word outside that
 * vocabulary is skipped and counted; an analogy takes the five best answers
 * (inputs excluded) and the first whose upper-cased word is not one of the
 * question's is the prediction. All questions go to knn in one sgemm batch. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include <gsl/gsl_statistics_double.h>
#include "evaluate.h"
#include "analogy.h"
#include "knn.h"
#include "similar.h"
#include "textline.h"

enum { ANSWERS = 5, CHUNK = 4096 };

/* ---- upper-casing as Python's str.upper() does for one-to-one mappings ---- */

static locale_t utf8_locale(void)
{
    static locale_t loc;
    if (!loc) {
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (!loc) loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
    }
    return loc;
}

/* Decodes one UTF-8 sequence at s; returns its length, or 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!n) return 0;
    uint32_t c = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = c;
    return n;
}

static size_t utf8_encode(uint32_t c, char *out)
{
    if (c < 0x80) { out[0] = (char)c; return 1; }
    if (c < 0x800) { out[0] = (char)(0xC0 | (c >> 6)); out[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12)); out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18)); out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F)); out[3] = (char)(0x80 | (c & 0x3F)); return 4;
}

/* Newly allocated upper-cased copy; bytes that are not UTF-8 are kept. */
static char *upper_dup(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len * 4 + 1);
    if (!out) return NULL;
    locale_t loc = utf8_locale();
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t c;
        size_t n = utf8_decode(p, &c);
        if (n == 0) { out[o++] = (char)*p++; continue; }
        uint32_t u = c < 0x80 ? (uint32_t)toupper((int)c)
                   : loc ? (uint32_t)towupper_l((wint_t)c, loc) : c;
        o += utf8_encode(u, out + o);
        p += n;
    }
    out[o] = '\0';
    return out;
}

/* ---- the benchmark vocabulary: key -> first row among the first N ---- */

struct vocab {
    const embx_table *t;
    size_t rows;
    bool fold;              /* keys are upper-cased */
    char **keys;            /* per slot, owned */
    size_t *slot_row;       /* row + 1, 0 = empty */
    size_t nslots;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void vocab_free(struct vocab *v)
{
    if (v->keys)
        for (size_t i = 0; i < v->nslots; i++) free(v->keys[i]);
    free(v->keys);
    free(v->slot_row);
}

static int vocab_init(struct vocab *v, const embx_table *t, const struct eval_opts *o, embx_err *e)
{
    memset(v, 0, sizeof *v);
    v->t = t;
    v->rows = o->restrict_rows && o->restrict_rows < t->n ? o->restrict_rows : t->n;
    v->fold = !o->case_sensitive;
    if (!v->fold) return EMBX_OK;     /* exact words: the table's own hash */
    v->nslots = 16;
    while (v->nslots < v->rows * 2) v->nslots *= 2;
    v->keys = calloc(v->nslots, sizeof(char *));
    v->slot_row = calloc(v->nslots, sizeof(size_t));
    if (!v->keys || !v->slot_row) { vocab_free(v); return err_set(e, "out of memory"); }
    for (size_t r = 0; r < v->rows; r++) {
        char *k = upper_dup(t->words[r]);
        if (!k) { vocab_free(v); return err_set(e, "out of memory"); }
        size_t i = hash_str(k) & (v->nslots - 1);
        while (v->slot_row[i] && strcmp(v->keys[i], k) != 0) i = (i + 1) & (v->nslots - 1);
        if (v->slot_row[i]) { free(k); continue; }   /* the first row of this form wins */
        v->keys[i] = k;
        v->slot_row[i] = r + 1;
    }
    return EMBX_OK;
}

/* Row standing for key (already folded when v->fold), or -1. */
static long vocab_find(const struct vocab *v, const char *key)
{
    if (!v->fold) {
        long r = table_find(v->t, key);
        return r >= 0 && (size_t)r < v->rows ? r : -1;
    }
    size_t i = hash_str(key) & (v->nslots - 1);
    while (v->slot_row[i]) {
        if (strcmp(v->keys[i], key) == 0) return (long)(v->slot_row[i] - 1);
        i = (i + 1) & (v->nslots - 1);
    }
    return -1;
}

static char *vocab_key(const struct vocab *v, const char *word)
{
    return v->fold ? upper_dup(word) : strdup(word);
}

/* ---- file reading helpers ---- */

static void bad_line(struct eval_messages *m, const char *path, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void bad_line(struct eval_messages *m, const char *path, size_t line, const char *fmt, ...)
{
    if (m->n < EVAL_MAX_MESSAGES) {
        char why[200];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, sizeof why, fmt, ap);
        va_end(ap);
        snprintf(m->msg[m->n], sizeof m->msg[m->n], "%s:%zu: %s", path, line, why);
        m->n++;
    }
    m->count++;
}

static void chomp(char *s, ssize_t *len)
{
    while (*len > 0 && (s[*len - 1] == '\n' || s[*len - 1] == '\r')) s[--*len] = '\0';
}

/* Splits s in place at runs of blanks (sep 0) or at each `sep` character;
 * returns the field count. */
static size_t split(char *s, char **f, size_t max, char sep)
{
    size_t n = 0;
    char *p = s;
    for (;;) {
        if (!sep) while (*p && isspace((unsigned char)*p)) p++;
        if (!*p) break;
        char *start = p;
        while (*p && (sep ? *p != sep : !isspace((unsigned char)*p))) p++;
        if (n < max) f[n] = start;
        n++;
        if (!*p) break;
        *p++ = '\0';
    }
    return n;
}

static FILE *open_bench(const char *path, embx_err *e)
{
    FILE *fp = fopen(path, "r");
    if (!fp) err_set(e, "cannot open '%s': %s", path, strerror(errno));
    return fp;
}

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
static int read_questions(const struct vocab *v, const char *path, struct eval_analogy_result *r,
                          struct question **qs_out, size_t *nq_out, embx_err *e)
{
    FILE *fp = open_bench(path, e);
    if (!fp) return EMBX_ERR;
    char *line = NULL;
    size_t cap = 0, lineno = 0, nq = 0, qcap = 0;
    struct question *qs = NULL;
    ssize_t len;
    bool any_text = false;
    int rc = EMBX_OK;
    while ((len = textline_read(fp, &line, &cap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        chomp(line, &len);
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
        size_t nf = split(line, f, 5, 0);
        if (nf == 0) continue;
        any_text = true;
        if (nf != 4) { bad_line(&r->bad, path, lineno, "expected 4 words, got %zu", nf); continue; }
        if (r->nsections == 0) {
            bad_line(&r->bad, path, lineno, "question before the first ': section' line");
            continue;
        }
        r->questions++;
        struct eval_section *sec = &r->sections[r->nsections - 1];
        char *keys[4] = {0};
        long rows[4];
        bool known = true;
        for (int j = 0; j < 4; j++) {
            keys[j] = vocab_key(v, f[j]);
            if (!keys[j]) { rc = err_set(e, "out of memory"); break; }
            rows[j] = vocab_find(v, keys[j]);
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
static bool judge(const struct vocab *v, const struct question *q, const struct knn_hit *h, size_t k)
{
    char *pred = NULL;
    for (size_t i = 0; i < k && h[i].row != SIZE_MAX; i++) {
        free(pred);
        pred = vocab_key(v, v->t->words[h[i].row]);
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
    struct vocab v;
    if (vocab_init(&v, t, o, e) != EMBX_OK) return EMBX_ERR;
    struct question *qs = NULL;
    size_t nq = 0;
    int rc = read_questions(&v, path, r, &qs, &nq, e);
    if (rc != EMBX_OK) { vocab_free(&v); eval_analogy_free(r); return rc; }

    size_t dim = t->dim, g = o->mul ? 3 : 1;
    size_t chunk = nq < CHUNK ? nq : CHUNK;
    float *Q = malloc(sizeof(float) * (chunk ? chunk : 1) * g * dim);
    size_t *ex = malloc(sizeof(size_t) * (chunk ? chunk : 1) * 3);
    struct knn_hit *hits = malloc(sizeof(*hits) * (chunk ? chunk : 1) * ANSWERS);
    if (!Q || !ex || !hits) rc = err_set(e, "out of memory");
    if (p) progress_start(p, "eval analogy", (double)nq);
    for (size_t c0 = 0; rc == EMBX_OK && c0 < nq; c0 += chunk) {
        size_t m = nq - c0 < chunk ? nq - c0 : chunk;
        for (size_t i = 0; i < m; i++) {
            const struct question *q = &qs[c0 + i];
            ex[i * 3] = q->a; ex[i * 3 + 1] = q->b; ex[i * 3 + 2] = q->c;
            if (o->mul) {
                /* positives B, C then the negative A, as most_similar_cosmul */
                memcpy(Q + (i * 3) * dim, table_row(t, q->b), sizeof(float) * dim);
                memcpy(Q + (i * 3 + 1) * dim, table_row(t, q->c), sizeof(float) * dim);
                memcpy(Q + (i * 3 + 2) * dim, table_row(t, q->a), sizeof(float) * dim);
            } else {
                analogy_add_vector(t, q->a, q->b, q->c, Q + i * dim);   /* zero: no hits, wrong */
            }
        }
        rc = o->mul ? knn_cosmul_batch(t, Q, m, 2, 1, ANSWERS, v.rows, ex, 3, o->threads, hits, e)
                    : knn_query_batch(t, Q, m, ANSWERS, v.rows, ex, 3, o->threads, hits, e);
        if (rc != EMBX_OK) break;
        for (size_t i = 0; i < m; i++) {
            const struct question *q = &qs[c0 + i];
            struct eval_section *s = &r->sections[q->section];
            bool ok = judge(&v, q, hits + i * ANSWERS, ANSWERS);
            s->total++;
            s->correct += ok;
        }
        if (p) progress_update(p, (double)(c0 + m), NULL);
    }
    if (p) progress_finish(p);
    for (size_t i = 0; i < r->nsections; i++) {
        const struct eval_section *s = &r->sections[i];
        bool syn = strncmp(s->name, "gram", 4) == 0;
        r->correct += s->correct; r->total += s->total;
        if (syn) { r->syn_correct += s->correct; r->syn_total += s->total; }
        else { r->sem_correct += s->correct; r->sem_total += s->total; }
    }
    free(Q); free(ex); free(hits);
    free_questions(qs, nq);
    vocab_free(&v);
    if (rc != EMBX_OK) eval_analogy_free(r);
    return rc;
}

/* ---- word pairs ---- */

static bool parse_score(const char *s, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    while (*end && isspace((unsigned char)*end)) end++;
    if (end == s || *end || errno == ERANGE || !isfinite(d)) return false;
    *out = d;
    return true;
}

int eval_sim(const embx_table *t, const char *path, const struct eval_opts *o,
             struct eval_sim_result *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    struct vocab v;
    if (vocab_init(&v, t, o, e) != EMBX_OK) return EMBX_ERR;
    FILE *fp = open_bench(path, e);
    if (!fp) { vocab_free(&v); return EMBX_ERR; }
    double *gold = NULL, *model = NULL;
    size_t n = 0, cap = 0, lineno = 0, data_lines = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    int rc = EMBX_OK;
    while ((len = textline_read(fp, &line, &lcap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        chomp(line, &len);
        if (line[0] == '#') continue;
        char *f[8];
        /* Tab-separated when the line has a tab (words may hold blanks), else
         * comma-separated when it has a comma (WordSim-353's combined.csv),
         * else blank-separated. */
        char sep = strchr(line, '\t') ? '\t' : strchr(line, ',') ? ',' : 0;
        size_t nf = split(line, f, 8, sep);
        if (nf == 0) continue;
        data_lines++;
        double score;
        if (nf < 3) { bad_line(&r->bad, path, lineno, "expected WORD1 WORD2 SCORE, got %zu field%s", nf, nf == 1 ? "" : "s"); continue; }
        /* SimLex-999's own layout: word1 word2 POS score ... */
        bool ok = parse_score(f[2], &score) || (nf >= 4 && parse_score(f[3], &score));
        if (!ok) {
            if (data_lines > 1)   /* a first line that is not numeric is a column header */
                bad_line(&r->bad, path, lineno, "score '%s' is not a number", f[2]);
            continue;
        }
        char *ka = vocab_key(&v, f[0]), *kb = vocab_key(&v, f[1]);
        if (!ka || !kb) { free(ka); free(kb); rc = err_set(e, "out of memory"); break; }
        long ra = vocab_find(&v, ka), rb = vocab_find(&v, kb);
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
    vocab_free(&v);
    return rc;
}
