/* rowmeta: what else is known about each row of a table -- named columns of
 * values, one per row (a title, a genre, a count). A column is numeric when
 * every value it has is a number, else text. Owned by the table (t->meta)
 * and freed with it; --meta files (io/metafile.h), the recommender sidecar
 * and the demo tables all fill one. A text value that belongs to one row only
 * also names that row (table_find). */
#ifndef EMBX_ROWMETA_H
#define EMBX_ROWMETA_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

enum meta_type { META_TEXT = 0, META_NUM };

struct meta_col {
    char *name;
    enum meta_type type;    /* set by rowmeta_finish */
    char **val;             /* n values as written, NULL where unknown */
    double *num;            /* META_NUM: n values, NAN where unknown */
};

struct meta_name { const char *val; uint32_t row; uint32_t nrows; };

struct rowmeta {
    size_t n;               /* rows (the table's) */
    size_t ncols;
    struct meta_col *cols;
    char source[512];       /* where it came from, for notes */
    /* private: text values -> the row they name (open addressing) */
    struct meta_name *names; size_t nnames;
};

/* An empty metadata block for n rows (no columns); NULL when out of memory. */
struct rowmeta *rowmeta_new(size_t n);
/* Adds a column (all values unknown); *col receives its index. A repeated
 * or empty name is an error. */
int rowmeta_add_col(struct rowmeta *m, const char *name, size_t *col, embx_err *e);
/* Sets the value of (col, row) to a copy of val (NULL or "" = unknown). */
int rowmeta_set(struct rowmeta *m, size_t col, size_t row, const char *val, embx_err *e);
/* Decides each column's type and indexes the text values; call once the
 * values are set. */
int rowmeta_finish(struct rowmeta *m, embx_err *e);
/* Index of the column called name (exact, else case-insensitive), or -1. */
long rowmeta_col(const struct rowmeta *m, const char *name);
/* The value of (col, row) as written, "" when unknown. */
const char *rowmeta_str(const struct rowmeta *m, size_t col, size_t row);
/* The row a text value names: the row, -1 when no row has it, -2 when
 * several do (*count receives how many; may be NULL). */
long rowmeta_find(const struct rowmeta *m, const char *val, size_t *count);
/* Up to max text values close in spelling to word (case-folded equal first),
 * each with the row it names; returns the count. */
size_t rowmeta_suggest(const struct rowmeta *m, const char *word, const char **vals, size_t *rows, size_t max);
/* The display name of a row: its title/name/label column's value, or NULL. */
const char *rowmeta_title(const struct rowmeta *m, size_t row);
/* Comma-separated column names into buf (for messages). */
void rowmeta_col_list(const struct rowmeta *m, char *buf, size_t len);
void rowmeta_free(struct rowmeta *m);

#endif
