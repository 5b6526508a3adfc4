/* format_projector: the TensorFlow Embedding Projector's vectors.tsv (one
 * row of TAB-separated numbers a line, no labels) with its metadata.tsv
 * beside it (one label a line, or a header row naming several columns whose
 * first holds the labels) -- the reverse of export-projector. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "floatparse.h"
#include "format_projector.h"
#include "labels.h"
#include "tensor.h"

int projector_is_tsv(const unsigned char *b, size_t len)
{
    const unsigned char *nl = memchr(b, '\n', len);
    if (!nl) return 0;
    bool tab = false;
    const char *p = (const char *)b, *end = (const char *)nl;
    if (end > p && end[-1] == '\r') end--;
    while (p < end) {
        float v;
        const char *q = float_parse(p, end, &v);
        if (!q || q == p) return 0;
        p = q;
        if (p < end) {
            if (*p != '\t') return 0;
            tab = true;
            p++;
        }
    }
    return tab;
}

/* metadata.tsv beside path: "vectors" in the name becomes "metadata". */
static bool metadata_path(const char *path, char *out, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *v = strstr(base, "vectors");
    if (!v) return false;
    int n = snprintf(out, cap, "%.*smetadata%s", (int)(v - path), path, v + 7);
    return n > 0 && (size_t)n < cap;
}

int projector_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r,
                   embx_err *e)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(e, "%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0, dim = 0;
    ssize_t got;
    embx_table *t = NULL;
    int rc = EMBX_OK;
    while ((got = getline(&line, &cap, fp)) > 0) {
        lineno++;
        const char *p = line, *end = line + got;
        while (end > p && (end[-1] == '\n' || end[-1] == '\r')) end--;
        if (end == p) continue;
        if (o->limit && t && t->n >= o->limit) break;
        size_t cols = 1;
        for (const char *c = p; c < end; c++) cols += *c == '\t';
        if (!t) {
            dim = cols;
            if (!(t = table_create(1024, dim, e))) { rc = EMBX_ERR; break; }
        } else if (cols != dim) {
            rc = err_set(e, "%s:%zu: %zu values, the first row has %zu", path, lineno, cols, dim);
            break;
        }
        if (t->n == t->cap && table_reserve(t, t->cap * 2, e)) { rc = EMBX_ERR; break; }
        float *row = table_row(t, t->n);
        for (size_t j = 0; j < dim; j++) {
            const char *q = float_parse(p, end, &row[j]);
            if (!q || q == p || (q < end && *q != '\t')) {
                rc = err_set(e, "%s:%zu: value %zu is not a number", path, lineno, j + 1);
                break;
            }
            p = q < end ? q + 1 : q;
        }
        if (rc) break;
        t->n++;
    }
    bool ioerr = ferror(fp);
    free(line);
    fclose(fp);
    if (rc == EMBX_OK && ioerr) rc = err_set(e, "%s: read error", path);
    if (rc == EMBX_OK && (!t || t->n == 0)) rc = err_set(e, "%s: no rows", path);
    /* rows named by index first, then the labels of metadata.tsv if present */
    if (rc == EMBX_OK) {
        struct tensor_view v = {.data = (const unsigned char *)t->vecs, .rows = t->n, .cols = t->dim,
                                .dtype = DT_F32, .row_stride = t->dim, .col_stride = 1};
        embx_table *named;
        rc = tensor_to_table(&v, 0, &named, e);
        table_free(t);
        t = rc ? NULL : named;
    }
    char meta[4096];
    FILE *mf;
    if (rc == EMBX_OK && metadata_path(path, meta, sizeof meta) && (mf = fopen(meta, "rb"))) {
        fclose(mf);
        char **labels;
        size_t renamed;
        rc = labels_read(meta, t->n, &labels, e);
        if (rc == EMBX_OK) {
            rc = labels_apply(t, labels, &renamed, e);
            labels_free(labels, t->n);
        }
    }
    if (rc) {
        table_free(t);
        return EMBX_ERR;
    }
    t->source = strdup(path);
    snprintf(t->format, sizeof t->format, "projector");
    r->rows = t->n;
    *out = t;
    return EMBX_OK;
}
