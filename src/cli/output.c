/* output: aligned columns on a terminal, tab-separated lines when piped. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"
#include "session.h"

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

void out_escape(const char *word, char *buf, size_t len)
{
    size_t o = 0, n = strlen(word);
    if (len == 0) return;
    const unsigned char *s = (const unsigned char *)word;
    size_t i = 0;
    while (i < n && o + 5 < len) {
        unsigned c = s[i];
        if (c < 0x20 || c == 0x7f) {
            o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
            i++;
            continue;
        }
        if (c < 0x80) { buf[o++] = (char)c; i++; continue; }
        size_t l = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (l > 1 && i + l <= n && utf8_valid(word + i, l) && o + l < len) {
            memcpy(buf + o, word + i, l);
            o += l;
            i += l;
        } else {
            o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
            i++;
        }
    }
    buf[o] = '\0';
}

void out_word(FILE *fp, const char *word)
{
    size_t n = strlen(word);
    if (utf8_valid(word, n)) {
        bool ctrl = false;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)word[i] < 0x20 || word[i] == 0x7f) { ctrl = true; break; }
        if (!ctrl) { fputs(word, fp); return; }
    }
    char *buf = malloc(n * 4 + 1);
    if (!buf) return;
    out_escape(word, buf, n * 4 + 1);
    fputs(buf, fp);
    free(buf);
}

size_t out_width(const char *s) { return utf8_width(s); }

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
                out_escape(c, esc, n * 4 + 1);
                free(c);
                t->cells[i] = esc;
            }
        }
    }
    if (pretty)
        for (size_t i = 0; i < t->nrows; i++)
            for (size_t j = 0; j < t->ncols; j++) {
                size_t l = out_width(t->cells[i * t->ncols + j]);
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
            size_t pad = w[j] - out_width(c);
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
