/* evalfile: benchmark file kinds and readers (see evalfile.h). */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "evalfile.h"
#include "textline.h"

enum { DETECT_LINES = 200 };

const char *evalset_kind_name(enum evalset_kind k)
{
    switch (k) {
    case EVALSET_SIM: return "similarity";
    case EVALSET_ANALOGY: return "analogy";
    case EVALSET_CAT: return "categorization";
    case EVALSET_OUTLIER: return "outlier";
    default: return "unknown";
    }
}

void evalfile_bad_line(struct eval_messages *m, const char *path, size_t line, const char *fmt, ...)
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

void evalfile_chomp(char *s, ssize_t *len)
{
    while (*len > 0 && (s[*len - 1] == '\n' || s[*len - 1] == '\r')) s[--*len] = '\0';
}

size_t evalfile_split(char *s, char **f, size_t max, char sep)
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

FILE *evalfile_open(const char *path, embx_err *e)
{
    FILE *fp = fopen(path, "r");
    if (!fp) err_set(e, "cannot open '%s': %s", path, strerror(errno));
    return fp;
}

bool evalfile_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    while (*end && isspace((unsigned char)*end)) end++;
    if (end == s || *end || errno == ERANGE || !isfinite(d)) return false;
    *out = d;
    return true;
}

bool evalfile_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

static bool starts_word(const char *line, const char *w)
{
    size_t n = strlen(w);
    return strncmp(line, w, n) == 0 && (line[n] == ' ' || line[n] == '\t');
}

int evalfile_detect(const char *path, enum evalset_kind *kind, char *why, size_t whylen, embx_err *e)
{
    *kind = EVALSET_UNKNOWN;
    FILE *fp = evalfile_open(path, e);
    if (!fp) return EMBX_ERR;
    char *line = NULL;
    size_t cap = 0, seen = 0;
    size_t n_section = 0, n_four = 0, n_group = 0, n_inout = 0, n_sim = 0, n_cat = 0;
    ssize_t len;
    bool binary = false;
    while (seen < DETECT_LINES && (len = textline_read(fp, &line, &cap, TEXTLINE_MAX)) >= 0) {
        if (memchr(line, '\0', (size_t)len)) { binary = true; break; }
        evalfile_chomp(line, &len);
        if (line[0] == '#' || evalfile_blank(line)) continue;
        seen++;
        if (strncmp(line, ": ", 2) == 0) { n_section++; continue; }
        if (starts_word(line, "group")) { n_group++; continue; }
        if (starts_word(line, "in") || starts_word(line, "out")) { n_inout++; continue; }
        char *f[4];
        bool tab = strchr(line, '\t') != NULL;
        size_t nf = evalfile_split(line, f, 4, tab ? '\t' : 0);
        double d;
        if (nf == 4 && !tab && !evalfile_number(f[3], &d)) n_four++;
        /* two words, then the score third or fourth (SimLex-999's own file has
         * POS third and more columns); a table row has a number second */
        else if (nf >= 3 && !evalfile_number(f[0], &d) && !evalfile_number(f[1], &d) &&
                 (evalfile_number(f[2], &d) || (nf >= 4 && evalfile_number(f[3], &d))))
            n_sim++;
        else if (nf == 2 && !evalfile_number(f[0], &d) && !evalfile_number(f[1], &d)) n_cat++;
    }
    bool failed = ferror(fp);
    free(line);
    fclose(fp);
    if (failed) return err_set(e, "cannot read '%s': %s", path, strerror(errno));
    /* a stray header line or two is tolerated: 90% of the lines decide
     * (one line in a small file) */
    size_t slack = seen / 10 ? seen / 10 : seen >= 3;
    size_t need = seen - slack;
    if (binary) snprintf(why, whylen, "binary data");
    else if (seen == 0) snprintf(why, whylen, "no data lines");
    else if (n_group && n_group + n_inout >= need) *kind = EVALSET_OUTLIER;
    else if (n_section && n_section + n_four >= need) *kind = EVALSET_ANALOGY;
    else if (n_sim >= need) *kind = EVALSET_SIM;
    else if (n_cat >= need) *kind = EVALSET_CAT;
    else
        snprintf(why, whylen, "not a known benchmark layout (of its first %zu lines: %zu word pairs with a "
                 "score, %zu analogy lines, %zu category lines, %zu outlier lines)",
                 seen, n_sim, n_section + n_four, n_cat, n_group + n_inout);
    return EMBX_OK;
}

/* ---- categorization ---- */

void eval_catset_free(struct eval_catset *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->words[i]);
    for (size_t i = 0; i < s->ncats; i++) free(s->cats[i]);
    free(s->words); free(s->cat); free(s->cats);
    memset(s, 0, sizeof *s);
}

static int cat_index(struct eval_catset *s, const char *name, size_t *idx, embx_err *e)
{
    for (size_t i = s->ncats; i-- > 0;)       /* files list a category's words together */
        if (strcmp(s->cats[i], name) == 0) { *idx = i; return EMBX_OK; }
    char **g = realloc(s->cats, sizeof(char *) * (s->ncats + 1));
    if (!g) return err_set(e, "out of memory");
    s->cats = g;
    if (!(s->cats[s->ncats] = strdup(name))) return err_set(e, "out of memory");
    *idx = s->ncats++;
    return EMBX_OK;
}

int evalfile_read_categories(const char *path, struct eval_catset *s, embx_err *e)
{
    memset(s, 0, sizeof *s);
    FILE *fp = evalfile_open(path, e);
    if (!fp) return EMBX_ERR;
    char *line = NULL;
    size_t lcap = 0, lineno = 0, cap = 0;
    ssize_t len;
    int rc = EMBX_OK;
    while ((len = textline_read(fp, &line, &lcap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        evalfile_chomp(line, &len);
        if (line[0] == '#' || evalfile_blank(line)) continue;
        char *f[3];
        bool tab = strchr(line, '\t') != NULL;
        size_t nf = evalfile_split(line, f, 3, tab ? '\t' : 0);
        if (nf == 1 && tab) continue;     /* "CATEGORY<TAB>" with no word: an empty entry */
        if (nf != 2 || evalfile_blank(f[0]) || evalfile_blank(f[1])) {
            evalfile_bad_line(&s->bad, path, lineno, "expected CATEGORY<TAB>WORD, got %zu field%s", nf, nf == 1 ? "" : "s");
            continue;
        }
        size_t ci = 0;
        if ((rc = cat_index(s, f[0], &ci, e)) != EMBX_OK) break;
        if (s->n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            char **w = realloc(s->words, sizeof(char *) * nc);
            if (w) s->words = w;
            size_t *c = realloc(s->cat, sizeof(size_t) * nc);
            if (c) s->cat = c;
            if (!w || !c) { rc = err_set(e, "out of memory"); break; }
            cap = nc;
        }
        if (!(s->words[s->n] = strdup(f[1]))) { rc = err_set(e, "out of memory"); break; }
        s->cat[s->n++] = ci;
    }
    if (rc == EMBX_OK && len == TEXTLINE_TOO_LONG)
        rc = err_set(e, "%s:%zu: a line longer than 1 MB (not a text file?)", path, lineno + 1);
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "cannot read '%s': %s", path, strerror(errno));
    free(line);
    fclose(fp);
    if (rc == EMBX_OK && s->n == 0)
        rc = err_set(e, "'%s' has no CATEGORY<TAB>WORD lines (%zu malformed)", path, s->bad.count);
    if (rc != EMBX_OK) eval_catset_free(s);
    return rc;
}

/* ---- outlier detection ---- */

void eval_outset_free(struct eval_outset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        struct eval_outgroup *g = &s->g[i];
        free(g->name);
        for (size_t j = 0; j < g->nin; j++) free(g->in[j]);
        for (size_t j = 0; j < g->nout; j++) free(g->out[j]);
        free(g->in); free(g->out);
    }
    free(s->g);
    memset(s, 0, sizeof *s);
}

/* The blank-separated words of rest, as an owned list. */
static int word_list(char *rest, char ***out, size_t *n, embx_err *e)
{
    size_t cap = 0;
    for (const char *p = rest; *p; p++) cap += isspace((unsigned char)*p) != 0;
    char **w = calloc(cap + 2, sizeof(char *));
    if (!w) return err_set(e, "out of memory");
    char *save = NULL;
    size_t k = 0;
    for (char *tok = strtok_r(rest, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        if (!(w[k] = strdup(tok))) {
            for (size_t i = 0; i < k; i++) free(w[i]);
            free(w);
            return err_set(e, "out of memory");
        }
        k++;
    }
    *out = w;
    *n = k;
    return EMBX_OK;
}

int evalfile_read_outliers(const char *path, struct eval_outset *s, embx_err *e)
{
    memset(s, 0, sizeof *s);
    FILE *fp = evalfile_open(path, e);
    if (!fp) return EMBX_ERR;
    char *line = NULL;
    size_t lcap = 0, lineno = 0;
    ssize_t len;
    int rc = EMBX_OK;
    while ((len = textline_read(fp, &line, &lcap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        evalfile_chomp(line, &len);
        if (line[0] == '#' || evalfile_blank(line)) continue;
        if (starts_word(line, "group")) {
            struct eval_outgroup *g = realloc(s->g, sizeof(*g) * (s->n + 1));
            if (!g) { rc = err_set(e, "out of memory"); break; }
            s->g = g;
            memset(&g[s->n], 0, sizeof *g);
            char *name = line + 5;
            while (isspace((unsigned char)*name)) name++;
            if (!(g[s->n].name = strdup(name))) { rc = err_set(e, "out of memory"); break; }
            s->n++;
            continue;
        }
        bool in = starts_word(line, "in"), out = starts_word(line, "out");
        if (!in && !out) {
            evalfile_bad_line(&s->bad, path, lineno, "expected 'group NAME', 'in WORDS' or 'out WORDS'");
            continue;
        }
        if (s->n == 0) { evalfile_bad_line(&s->bad, path, lineno, "'%s' before the first 'group' line", in ? "in" : "out"); continue; }
        struct eval_outgroup *g = &s->g[s->n - 1];
        if (in ? g->in != NULL : g->out != NULL) {
            evalfile_bad_line(&s->bad, path, lineno, "a second '%s' line in group '%s'", in ? "in" : "out", g->name);
            continue;
        }
        if ((rc = word_list(line + (in ? 2 : 3), in ? &g->in : &g->out, in ? &g->nin : &g->nout, e)) != EMBX_OK) break;
    }
    if (rc == EMBX_OK && len == TEXTLINE_TOO_LONG)
        rc = err_set(e, "%s:%zu: a line longer than 1 MB (not a text file?)", path, lineno + 1);
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "cannot read '%s': %s", path, strerror(errno));
    free(line);
    fclose(fp);
    size_t complete = 0;
    for (size_t i = 0; rc == EMBX_OK && i < s->n; i++) complete += s->g[i].nin >= 2 && s->g[i].nout >= 1;
    if (rc == EMBX_OK && complete == 0)
        rc = err_set(e, "'%s' has no complete group ('group NAME', then 'in' with 2 or more words and 'out' with 1 or more)", path);
    if (rc != EMBX_OK) eval_outset_free(s);
    return rc;
}
