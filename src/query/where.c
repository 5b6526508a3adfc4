/* where: parsing and testing metadata conditions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "strutil.h"
#include "where.h"

int where_parse(const struct rowmeta *m, char *text, struct where *w, embx_err *e)
{
    memset(w, 0, sizeof *w);
    if (!m)
        return err_set(e, "--where %.*s%s: the table has no metadata (attach some with --meta FILE)", ERR_WORD(text));
    char *op = strpbrk(text, "=!<>");
    if (!op || op == text)
        return err_set(e, "--where '%.*s%s': expected COLUMN=VALUE (or !=, <, >, <=, >=)", ERR_WORD(text));
    size_t oplen = 1;
    if (op[0] == '!' && op[1] == '=') { w->op = WHERE_NE; oplen = 2; }
    else if (op[0] == '<' && op[1] == '=') { w->op = WHERE_LE; oplen = 2; }
    else if (op[0] == '>' && op[1] == '=') { w->op = WHERE_GE; oplen = 2; }
    else if (op[0] == '<') w->op = WHERE_LT;
    else if (op[0] == '>') w->op = WHERE_GT;
    else if (op[0] == '=') w->op = WHERE_EQ;
    else return err_set(e, "--where '%.*s%s': expected COLUMN=VALUE (or !=, <, >, <=, >=)", ERR_WORD(text));
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(op - text), text);
    w->val = op + oplen;
    long c = rowmeta_col(m, name);
    if (c < 0) {
        char cols[512];
        rowmeta_col_list(m, cols, sizeof cols);
        return err_set(e, "--where %.*s%s: no column '%s' (the columns: %s)", ERR_WORD(text), name, cols);
    }
    w->col = (size_t)c;
    bool numcol = m->cols[c].type == META_NUM;
    w->is_num = numcol && str_parse_double(w->val, &w->num) && isfinite(w->num);
    if (w->op != WHERE_EQ && w->op != WHERE_NE && !w->is_num)
        return err_set(e, "--where %.*s%s: %s", ERR_WORD(text),
                       numcol ? "compare with a number" : "< and > need a numeric column, and this one holds text");
    return EMBX_OK;
}

static bool match_one(const struct rowmeta *m, const struct where *w, size_t row)
{
    const struct meta_col *c = &m->cols[w->col];
    const char *v = c->val[row];
    if (!v) return w->op == WHERE_NE;
    if (c->type == META_NUM && w->is_num) {
        double x = c->num[row];
        switch (w->op) {
        case WHERE_EQ: return x == w->num;
        case WHERE_NE: return x != w->num;
        case WHERE_LT: return x < w->num;
        case WHERE_GT: return x > w->num;
        case WHERE_LE: return x <= w->num;
        case WHERE_GE: return x >= w->num;
        }
    }
    bool eq = !strcmp(v, w->val);
    return w->op == WHERE_EQ ? eq : w->op == WHERE_NE ? !eq : false;
}

bool where_match(const struct rowmeta *m, const struct where *w, size_t nw, size_t row)
{
    for (size_t i = 0; i < nw; i++)
        if (!match_one(m, &w[i], row)) return false;
    return true;
}

int where_mask(const embx_table *t, const struct where *w, size_t nw, unsigned char **mask,
               size_t *count, embx_err *e)
{
    unsigned char *k = malloc(t->n ? t->n : 1);
    if (!k) return err_set(e, "out of memory");
    size_t n = 0;
    for (size_t r = 0; r < t->n; r++) n += (k[r] = where_match(t->meta, w, nw, r));
    *mask = k;
    *count = n;
    return EMBX_OK;
}
