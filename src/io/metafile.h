/* metafile: row metadata from a TSV file (--meta FILE, or TABLE.meta.tsv
 * beside a table) and back. The first line names the columns. The first
 * column is each row's label, matched to the table's words; a file with
 * exactly as many data lines as the table has rows, most of whose labels are
 * not words, describes the rows in order instead (its first column is then kept
 * as a column, e.g. a title). */
#ifndef EMBX_METAFILE_H
#define EMBX_METAFILE_H
#include <stdbool.h>
#include <stddef.h>
#include "rowmeta.h"
#include "table.h"

struct metafile_report {
    bool in_order;          /* lines matched to rows by position */
    size_t lines;           /* data lines */
    size_t matched;         /* rows described */
    size_t unmatched;       /* labels not in the table (ignored) */
    char first_unmatched[256]; /* "'a' (line 3), 'b' (line 7)" */
};

/* Reads path against t into a new rowmeta (*out). Errors name file:line:
 * ragged lines, a header without a name, a label described twice, a file
 * none of whose labels is a row (unless it has exactly t->n data lines). */
int metafile_read(const char *path, const embx_table *t, struct rowmeta **out,
                  struct metafile_report *r, embx_err *e);
/* Moves src's columns into dst (a column of the same name is replaced);
 * frees src. Both describe the same rows. */
int metafile_merge(struct rowmeta *dst, struct rowmeta *src, embx_err *e);
/* Path of the metadata file beside a table file: "TABLE.meta.tsv" (caller frees). */
char *metafile_sidecar_path(const char *table_path);
/* Writes t->meta as a TSV (header "word", the column names; one line per
 * row) atomically. */
int metafile_write(const embx_table *t, const char *path, embx_err *e);

#endif
