/* output: aligned columns on a terminal, tab-separated lines when piped. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"
#include "session.h"
#include "strutil.h"
#include "utf8.h"

void outtab_init(outtab *t, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols > 16 ? 16 : ncols;
}

static void grow(outtab *t)
{
    if (t->nrows < t->cap) return;
    size_t nc = t->cap ? t->cap * 2 : 16;
    char **c = realloc(t->cells, nc * t->ncols * sizeof *c);
    if (!c) abort();   /* a few hundred bytes per row: failing here is not recoverable */
    t->cells = c;
    t->cap = nc;
}

void outtab_add(outtab *t, const char *const *cells)
{
    grow(t);
    for (size_t j = 0; j < t->ncols; j++) {
        const char *s = cells[j] ? cells[j] : "";
        char *copy = strdup(s);
        if (!copy) abort();
        t->cells[t->nrows * t->ncols + j] = copy;
    }
    t->nrows++;
}

void outtab_addf(outtab *t, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *cells[16] = {0};
    char *p = buf;
    for (size_t j = 0; j < t->ncols; j++) {
        cells[j] = p;
        char *tab = p ? strchr(p, '\t') : NULL;
        if (tab) { *tab = '\0'; p = tab + 1; }
        else p = NULL;
    }
    outtab_add(t, cells);
}

bool out_pretty(const struct session *s)
{
    if (s->out_mode == OUT_TSV) return false;
    if (s->out_mode == OUT_TABLE) return true;
    return s->stdout_tty;
}

const char *out_number(const struct session *s, char *buf, size_t len, double v, int digits)
{
    if (!isfinite(v)) snprintf(buf, len, "n/a");
    else snprintf(buf, len, "%.*f", out_pretty(s) ? digits : 6, v);
    return buf;
}

const char *out_share(const struct session *s, char *buf, size_t len, double part, double total)
{
    if (total == 0) snprintf(buf, len, "n/a");
    else if (out_pretty(s)) snprintf(buf, len, "%.2f%%", 100.0 * part / total);
    else snprintf(buf, len, "%.6f", part / total);
    return buf;
}

void outtab_print(const struct session *s, outtab *t, FILE *fp)
{
    bool pretty = out_pretty(s);
    size_t w[16] = {0};
    /* cells may hold words with invalid bytes: escape them once */
    for (size_t i = 0; i < t->nrows * t->ncols; i++) {
        char *c = t->cells[i];
        size_t n = strlen(c);
        bool clean = utf8_valid(c, n);
        for (size_t k = 0; clean && k < n; k++)
            if ((unsigned char)c[k] < 0x20 || c[k] == 0x7f) clean = false;
        if (!clean) {
            char *esc = malloc(n * 4 + 1);
            if (esc) {
                str_escape(c, esc, n * 4 + 1);
                free(c);
                t->cells[i] = esc;
            }
        }
    }
    if (pretty)
        for (size_t i = 0; i < t->nrows; i++)
            for (size_t j = 0; j < t->ncols; j++) {
                size_t l = utf8_width(t->cells[i * t->ncols + j]);
                if (l > w[j]) w[j] = l;
            }
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t j = 0; j < t->ncols; j++) {
            const char *c = t->cells[i * t->ncols + j];
            if (!pretty) {
                if (j) fputc('\t', fp);
                fputs(c, fp);
                continue;
            }
            size_t pad = w[j] - utf8_width(c);
            if (j) fputs("  ", fp);
            if (t->right[j]) for (size_t k = 0; k < pad; k++) fputc(' ', fp);
            fputs(c, fp);
            if (!t->right[j] && j + 1 < t->ncols) for (size_t k = 0; k < pad; k++) fputc(' ', fp);
        }
        fputc('\n', fp);
    }
    fflush(fp);
    outtab_free(t);
}

void outtab_free(outtab *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->nrows = t->cap = 0;
}
