/* rowmeta: columns of values per row, their types, and the names they give. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "editdist.h"
#include "rowmeta.h"
#include "strutil.h"

struct rowmeta *rowmeta_new(size_t n)
{
    struct rowmeta *m = calloc(1, sizeof *m);
    if (m) m->n = n;
    return m;
}

int rowmeta_add_col(struct rowmeta *m, const char *name, size_t *col, embx_err *e)
{
    if (!*name) return err_set(e, "column %zu has no name", m->ncols + 1);
    for (size_t c = 0; c < m->ncols; c++)
        if (!strcmp(m->cols[c].name, name)) return err_set(e, "column '%.*s%s' appears twice", ERR_WORD(name));
    struct meta_col *nc = realloc(m->cols, (m->ncols + 1) * sizeof *nc);
    if (!nc) return err_set(e, "out of memory");
    m->cols = nc;
    struct meta_col *c = &m->cols[m->ncols];
    memset(c, 0, sizeof *c);
    c->name = strdup(name);
    c->val = calloc(m->n ? m->n : 1, sizeof *c->val);
    if (!c->name || !c->val) {
        free(c->name);
        free(c->val);
        return err_set(e, "out of memory for column '%.*s%s'", ERR_WORD(name));
    }
    *col = m->ncols++;
    return EMBX_OK;
}

int rowmeta_set(struct rowmeta *m, size_t col, size_t row, const char *val, embx_err *e)
{
    char **slot = &m->cols[col].val[row];
    free(*slot);
    *slot = NULL;
    if (val && *val && !(*slot = strdup(val))) return err_set(e, "out of memory");
    return EMBX_OK;
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Every text value into the name index; a value of several rows counts them. */
static int index_names(struct rowmeta *m, embx_err *e)
{
    size_t total = 0;
    for (size_t c = 0; c < m->ncols; c++)
        if (m->cols[c].type == META_TEXT)
            for (size_t r = 0; r < m->n; r++) total += m->cols[c].val[r] != NULL;
    size_t ns = 16;
    while (ns < total * 2) ns <<= 1;
    m->names = calloc(ns, sizeof *m->names);
    if (!m->names) return err_set(e, "out of memory indexing the metadata");
    m->nnames = ns;
    for (size_t c = 0; c < m->ncols; c++) {
        if (m->cols[c].type != META_TEXT) continue;
        for (size_t r = 0; r < m->n; r++) {
            const char *v = m->cols[c].val[r];
            if (!v) continue;
            size_t s = (size_t)hash_str(v) & (ns - 1);
            while (m->names[s].val && strcmp(m->names[s].val, v)) s = (s + 1) & (ns - 1);
            struct meta_name *nm = &m->names[s];
            if (!nm->val) *nm = (struct meta_name){v, (uint32_t)r, 1};
            else if (nm->row != r) nm->nrows++;   /* one row's two columns may agree */
        }
    }
    return EMBX_OK;
}

int rowmeta_finish(struct rowmeta *m, embx_err *e)
{
    for (size_t c = 0; c < m->ncols; c++) {
        struct meta_col *col = &m->cols[c];
        bool num = false, text = false;
        for (size_t r = 0; r < m->n && !text; r++) {
            double d;
            if (!col->val[r]) continue;
            if (str_parse_double(col->val[r], &d) && isfinite(d)) num = true;
            else text = true;
        }
        col->type = num && !text ? META_NUM : META_TEXT;
        free(col->num);
        col->num = NULL;
        if (col->type == META_NUM) {
            col->num = malloc((m->n ? m->n : 1) * sizeof *col->num);
            if (!col->num) return err_set(e, "out of memory");
            for (size_t r = 0; r < m->n; r++)
                if (!col->val[r] || !str_parse_double(col->val[r], &col->num[r])) col->num[r] = NAN;
        }
    }
    free(m->names);
    m->names = NULL;
    return index_names(m, e);
}

long rowmeta_col(const struct rowmeta *m, const char *name)
{
    if (!m) return -1;
    for (size_t c = 0; c < m->ncols; c++)
        if (!strcmp(m->cols[c].name, name)) return (long)c;
    for (size_t c = 0; c < m->ncols; c++)
        if (!strcasecmp(m->cols[c].name, name)) return (long)c;
    return -1;
}

const char *rowmeta_str(const struct rowmeta *m, size_t col, size_t row)
{
    const char *v = m->cols[col].val[row];
    return v ? v : "";
}

long rowmeta_find(const struct rowmeta *m, const char *val, size_t *count)
{
    if (count) *count = 0;
    if (!m || !m->names || !*val) return -1;
    size_t mask = m->nnames - 1, s = (size_t)hash_str(val) & mask;
    while (m->names[s].val) {
        if (!strcmp(m->names[s].val, val)) {
            if (count) *count = m->names[s].nrows;
            return m->names[s].nrows == 1 ? (long)m->names[s].row : -2;
        }
        s = (s + 1) & mask;
    }
    return -1;
}

size_t rowmeta_suggest(const struct rowmeta *m, const char *word, const char **vals, size_t *rows, size_t max)
{
    if (!m || !m->names || max == 0) return 0;
    size_t dist[16], cnt = 0, lw = strlen(word), limit = edit_limit(lw);
    if (max > 16) max = 16;
    for (size_t s = 0; s < m->nnames; s++) {
        const struct meta_name *nm = &m->names[s];
        if (!nm->val || nm->nrows != 1) continue;
        size_t l = strlen(nm->val), d;
        if (l + limit < lw || lw + limit < l) continue;
        if (l == lw && !strcasecmp(nm->val, word)) d = 0;
        else if ((d = edit_distance(word, lw, nm->val, l, limit)) > limit || d == 0) continue;
        if (cnt == max && (d > dist[cnt - 1] || (d == dist[cnt - 1] && nm->row >= rows[cnt - 1]))) continue;
        size_t pos = cnt < max ? cnt++ : max - 1;
        /* by distance, then by row, so the order does not follow the hash */
        while (pos > 0 && (dist[pos - 1] > d || (dist[pos - 1] == d && rows[pos - 1] > nm->row))) {
            dist[pos] = dist[pos - 1];
            rows[pos] = rows[pos - 1];
            vals[pos] = vals[pos - 1];
            pos--;
        }
        dist[pos] = d;
        rows[pos] = nm->row;
        vals[pos] = nm->val;
    }
    return cnt;
}

const char *rowmeta_title(const struct rowmeta *m, size_t row)
{
    static const char *const names[] = {"title", "name", "label"};
    if (!m) return NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        long c = rowmeta_col(m, names[i]);
        if (c >= 0 && m->cols[c].val[row]) return m->cols[c].val[row];
    }
    return NULL;
}

void rowmeta_col_list(const struct rowmeta *m, char *buf, size_t len)
{
    size_t off = 0;
    buf[0] = '\0';
    for (size_t c = 0; m && c < m->ncols && off + 1 < len; c++) {
        int w = snprintf(buf + off, len - off, "%s%s", c ? ", " : "", m->cols[c].name);
        if (w < 0) break;
        off += (size_t)w;
    }
}

void rowmeta_free(struct rowmeta *m)
{
    if (!m) return;
    for (size_t c = 0; c < m->ncols; c++) {
        for (size_t r = 0; r < m->n; r++) free(m->cols[c].val[r]);
        free(m->cols[c].val);
        free(m->cols[c].num);
        free(m->cols[c].name);
    }
    free(m->cols);
    free(m->names);
    free(m);
}
