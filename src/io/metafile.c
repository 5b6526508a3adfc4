/* metafile: reading and writing row metadata as TSV. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "atomic_file.h"
#include "metafile.h"
#include "strutil.h"

char *metafile_sidecar_path(const char *table_path)
{
    size_t l = strlen(table_path);
    char *p = malloc(l + sizeof ".meta.tsv");
    if (p) {
        memcpy(p, table_path, l);
        memcpy(p + l, ".meta.tsv", sizeof ".meta.tsv");
    }
    return p;
}

struct mline { char *text; char **f; size_t lineno; };

static void lines_free(struct mline *L, size_t n)
{
    for (size_t i = 0; i < n; i++) { free(L[i].text); free(L[i].f); }
    free(L);
}

/* Splits s at TABs in place into a new array of exactly n fields. */
static char **split_fields(char *s, size_t *nf)
{
    size_t n = 1;
    for (char *p = s; *p; p++) n += *p == '\t';
    char **f = malloc(n * sizeof *f);
    if (!f) return NULL;
    *nf = str_split(s, '\t', f, n);
    return f;
}

/* All lines of the file, fields split; blank lines skipped. */
static int read_lines(const char *path, struct mline **out, size_t *nout, size_t *ncols, embx_err *e)
{
    FILE *fp = fopen(path, "r");
    if (!fp) return err_set(e, "%s: %s", path, strerror(errno));
    struct mline *L = NULL;
    size_t n = 0, cap = 0, lineno = 0, lcap = 0;
    char *line = NULL;
    ssize_t len;
    int rc = EMBX_OK;
    *ncols = 0;
    while (rc == EMBX_OK && (len = getline(&line, &lcap, fp)) >= 0) {
        lineno++;
        if ((size_t)len != strlen(line)) { rc = err_set(e, "%s:%zu: a NUL byte: not a text file", path, lineno); break; }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        char *s = line;
        if (lineno == 1 && !strncmp(s, "\xef\xbb\xbf", 3)) s += 3;
        if (!*s) {
            if (lineno == 1) rc = err_set(e, "%s:1: empty: the first line names the columns (label<TAB>column...)", path);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            struct mline *nl = realloc(L, cap * sizeof *nl);
            if (!nl) { rc = err_set(e, "out of memory reading %s", path); break; }
            L = nl;
        }
        size_t nf;
        L[n].text = strdup(s);
        L[n].f = L[n].text ? split_fields(L[n].text, &nf) : NULL;
        L[n].lineno = lineno;
        if (!L[n].f) { free(L[n].text); rc = err_set(e, "out of memory reading %s", path); break; }
        n++;
        if (n == 1) {
            *ncols = nf;
            for (size_t c = 0; c < nf && rc == EMBX_OK; c++)
                if (!*L[0].f[c]) rc = err_set(e, "%s:1: column %zu of the header has no name", path, c + 1);
        } else if (nf != *ncols) {
            rc = err_set(e, "%s:%zu: %zu field%s, the header has %zu (fields are separated by TABs)", path,
                         lineno, nf, nf == 1 ? "" : "s", *ncols);
        }
    }
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "%s: read error", path);
    if (rc == EMBX_OK && n == 0) rc = err_set(e, "%s: empty: the first line names the columns (label<TAB>column...)", path);
    free(line);
    fclose(fp);
    if (rc) { lines_free(L, n); return rc; }
    *out = L;
    *nout = n;
    return EMBX_OK;
}

int metafile_read(const char *path, const embx_table *t, struct rowmeta **out,
                  struct metafile_report *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    *out = NULL;
    struct mline *L = NULL;
    size_t nl = 0, nc = 0;
    if (read_lines(path, &L, &nl, &nc, e)) return EMBX_ERR;
    size_t nd = nl - 1;
    r->lines = nd;
    long *row = malloc((nd + 1) * sizeof *row);
    size_t *first_line = calloc(t->n + 1, sizeof *first_line);
    struct rowmeta *m = rowmeta_new(t->n);
    int rc = row && first_line && m ? EMBX_OK : err_set(e, "out of memory reading %s", path);
    size_t matched = 0;
    for (size_t i = 0; rc == EMBX_OK && i < nd; i++)
        if ((row[i] = table_find(t, L[i + 1].f[0])) >= 0) matched++;
    /* in order: as many lines as rows, most of whose labels are not words */
    if (rc == EMBX_OK) r->in_order = nd == t->n && matched * 2 < nd;
    if (rc == EMBX_OK && !r->in_order && matched == 0)
        rc = err_set(e, "%s: none of the %zu labels in its first column is a row of the table (line 2: '%.60s');"
                     " a file describing the rows in order needs exactly %zu data lines", path, nd,
                     nd ? L[1].f[0] : "", t->n);
    if (rc == EMBX_OK && !r->in_order && nc < 2)
        rc = err_set(e, "%s: only a label column: nothing to attach (--vocab names rows)", path);
    /* in order, the first column is data unless it only repeats the words */
    bool keep_first = false;
    for (size_t i = 0; rc == EMBX_OK && r->in_order && i < nd && !keep_first; i++)
        keep_first = strcmp(L[i + 1].f[0], t->words[i]) != 0;
    size_t c0 = keep_first ? 0 : 1, *col = malloc((nc + 1) * sizeof *col);
    if (rc == EMBX_OK && !col) rc = err_set(e, "out of memory");
    for (size_t c = c0; rc == EMBX_OK && c < nc; c++)
        if (rowmeta_add_col(m, L[0].f[c], &col[c], e)) err_prefix(e, "%s:1", path), rc = EMBX_ERR;
    for (size_t i = 0; rc == EMBX_OK && i < nd; i++) {
        long rr = r->in_order ? (long)i : row[i];
        if (rr < 0) {
            if (r->unmatched++ < 3) {
                size_t off = strlen(r->first_unmatched);
                snprintf(r->first_unmatched + off, sizeof r->first_unmatched - off, "%s'%.40s' (line %zu)",
                         off ? ", " : "", L[i + 1].f[0], L[i + 1].lineno);
            }
            continue;
        }
        if (first_line[rr]) {
            rc = err_set(e, "%s:%zu: '%.60s' is described twice (first at line %zu)", path, L[i + 1].lineno,
                         L[i + 1].f[0], first_line[rr]);
            break;
        }
        first_line[rr] = L[i + 1].lineno;
        r->matched++;
        for (size_t c = c0; rc == EMBX_OK && c < nc; c++) rc = rowmeta_set(m, col[c], (size_t)rr, L[i + 1].f[c], e);
    }
    if (rc == EMBX_OK) rc = rowmeta_finish(m, e);
    if (rc == EMBX_OK) snprintf(m->source, sizeof m->source, "%s", path);
    free(col);
    free(row);
    free(first_line);
    lines_free(L, nl);
    if (rc) { rowmeta_free(m); return rc; }
    *out = m;
    return EMBX_OK;
}

int metafile_merge(struct rowmeta *dst, struct rowmeta *src, embx_err *e)
{
    int rc = EMBX_OK;
    for (size_t c = 0; c < src->ncols && rc == EMBX_OK; c++) {
        long d = rowmeta_col(dst, src->cols[c].name);
        size_t dc = (size_t)d;
        if (d >= 0 && strcmp(dst->cols[d].name, src->cols[c].name)) d = -1;   /* only an exact name replaces */
        if (d < 0) rc = rowmeta_add_col(dst, src->cols[c].name, &dc, e);
        for (size_t r = 0; r < dst->n && rc == EMBX_OK; r++) rc = rowmeta_set(dst, dc, r, src->cols[c].val[r], e);
    }
    if (rc == EMBX_OK) {
        snprintf(dst->source + strlen(dst->source), sizeof dst->source - strlen(dst->source), "%s%s",
                 *dst->source ? ", " : "", src->source);
        rc = rowmeta_finish(dst, e);
    }
    rowmeta_free(src);
    return rc;
}

int metafile_write(const embx_table *t, const char *path, embx_err *e)
{
    const struct rowmeta *m = t->meta;
    if (!m) return err_set(e, "the table has no metadata to write");
    atomic_file af;
    if (atomic_open(&af, path, e)) return EMBX_ERR;
    FILE *fp = af.fp;
    fputs(rowmeta_col(m, "word") == -1 ? "word" : "row", fp);
    for (size_t c = 0; c < m->ncols; c++) {
        fputc('\t', fp);
        str_put_field(fp, m->cols[c].name);
    }
    fputc('\n', fp);
    for (size_t r = 0; r < t->n; r++) {
        str_put_field(fp, t->words[r]);
        for (size_t c = 0; c < m->ncols; c++) {
            fputc('\t', fp);
            str_put_field(fp, rowmeta_str(m, c, r));
        }
        fputc('\n', fp);
    }
    return atomic_commit(&af, e);
}
