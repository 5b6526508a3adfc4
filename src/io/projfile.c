/* projfile: reading and writing 2-D layouts as TSV (see projfile.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "projfile.h"
#include "atomic_file.h"
#include "strutil.h"
#include "textline.h"

/* Grows the per-point arrays of p to cap entries. */
static int grow(struct projection *p, size_t cap)
{
    double *xy = realloc(p->xy, sizeof(double) * 2 * cap);
    if (xy) p->xy = xy;
    char **lb = realloc(p->labels, sizeof(char *) * cap);
    if (lb) p->labels = lb;
    long *rows = realloc(p->rows, sizeof(long) * cap);
    if (rows) p->rows = rows;
    int *grp = p->group ? realloc(p->group, sizeof(int) * cap) : NULL;
    if (grp) p->group = grp;
    return xy && lb && rows && (!p->group || grp) ? EMBX_OK : EMBX_ERR;
}

/* Index of group name in p, added when new (-1: out of memory). */
static int group_id(struct projection *p, int *ngcap, const char *name)
{
    int g;
    for (g = 0; g < p->ngroups; g++) if (strcmp(p->group_names[g], name) == 0) return g;
    if (g == *ngcap) {
        int nc = *ngcap ? 2 * *ngcap : 8;
        char **gn = realloc(p->group_names, sizeof(char *) * (size_t)nc);
        if (!gn) return -1;
        p->group_names = gn;
        *ngcap = nc;
    }
    p->group_names[g] = strdup(name);
    if (!p->group_names[g]) return -1;
    p->ngroups++;
    return g;
}

static int read_lines(FILE *fp, const char *path, const embx_table *t, struct projection *p, embx_err *e)
{
    size_t cap = 256, n = 0, lineno = 0, lcap = 0;
    char *line = NULL;
    ssize_t len;
    int rc = EMBX_OK, ngcap = 0;
    while ((len = textline_read(fp, &line, &lcap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) memmove(line, line + 3, (size_t)(len -= 3) + 1);
        if (len == 0) continue;
        char *f[5];
        size_t nf = str_split(line, '\t', f, 5);
        if (nf < 3 || nf > 4 || !*f[0]) {
            rc = err_set(e, "%s:%zu: expected word<TAB>x<TAB>y[<TAB>group], found %zu field%s",
                         path, lineno, nf, nf == 1 ? "" : "s");
            break;
        }
        double x, y;
        if (!str_parse_double(f[1], &x)) { rc = err_set(e, "%s:%zu: x '%s' is not a finite number", path, lineno, f[1]); break; }
        if (!str_parse_double(f[2], &y)) { rc = err_set(e, "%s:%zu: y '%s' is not a finite number", path, lineno, f[2]); break; }
        if (n == cap) {
            cap *= 2;
            if (grow(p, cap) != EMBX_OK) { rc = err_set(e, "out of memory for the projection"); break; }
        }
        p->xy[2 * n] = x;
        p->xy[2 * n + 1] = y;
        p->labels[n] = strdup(f[0]);
        p->rows[n] = t ? table_find(t, f[0]) : -1;
        p->n = ++n;
        if (!p->labels[n - 1]) { rc = err_set(e, "out of memory for the projection"); break; }
        if (nf == 4 && *f[3]) {
            if (!p->group) {
                p->group = malloc(sizeof(int) * cap);
                if (!p->group) { rc = err_set(e, "out of memory for the groups"); break; }
                for (size_t i = 0; i < n; i++) p->group[i] = -1;
            }
            int g = group_id(p, &ngcap, f[3]);
            if (g < 0) { rc = err_set(e, "out of memory for the groups"); break; }
            p->group[n - 1] = g;
        } else if (p->group) {
            p->group[n - 1] = -1;
        }
    }
    if (rc == EMBX_OK && len == TEXTLINE_TOO_LONG)
        rc = err_set(e, "%s:%zu: a line longer than 1 MB (not a text file?)", path, lineno + 1);
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "error reading '%s': %s", path, strerror(errno));
    if (rc == EMBX_OK && n == 0) rc = err_set(e, "'%s' has no points (expected word<TAB>x<TAB>y[<TAB>group] lines)", path);
    free(line);
    return rc;
}

int projfile_read(const char *path, const embx_table *t, struct projection **out, embx_err *e)
{
    *out = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp) return err_set(e, "cannot open '%s': %s", path, strerror(errno));
    struct projection *p = projection_new(256);
    if (!p) { fclose(fp); return err_set(e, "out of memory for the projection"); }
    p->n = 0;
    int rc = read_lines(fp, path, t, p, e);
    fclose(fp);
    if (rc != EMBX_OK) { projection_free(p); return rc; }
    snprintf(p->title, sizeof p->title, "layout from %.200s (%zu points)", path, p->n);
    strcpy(p->method, "file");
    *out = p;
    return EMBX_OK;
}

int projfile_write(const char *path, const struct projection *p, embx_err *e)
{
    atomic_file af;
    if (atomic_open(&af, path, e) != EMBX_OK) return EMBX_ERR;
    for (size_t i = 0; i < p->n; i++) {
        str_put_field(af.fp, p->labels[i]);
        fprintf(af.fp, "\t%.6f\t%.6f", p->xy[2 * i], p->xy[2 * i + 1]);
        if (p->group && p->group[i] >= 0) {
            fputc('\t', af.fp);
            str_put_field(af.fp, p->group_names[p->group[i]]);
        }
        fputc('\n', af.fp);
    }
    return atomic_commit(&af, e);
}
