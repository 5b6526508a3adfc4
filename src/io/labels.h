/* labels: what each row of a table is called, from a file beside the
 * vectors: one label per line (also BERT's vocab.txt), a HuggingFace
 * tokenizer.json (its vocabulary's id -> token), or the first column of a
 * TSV with a header row (the Projector's metadata.tsv). */
#ifndef EMBX_LABELS_H
#define EMBX_LABELS_H
#include <stdbool.h>
#include <stddef.h>
#include "table.h"

/* Reads labels from path for a table of `rows` rows; a count that differs
 * is an error giving both counts. header: the file is a TSV whose first line
 * names its columns (the first column holds the labels); otherwise a line
 * with a TAB is read as such when the first line has a TAB too. */
int labels_read(const char *path, size_t rows, char ***out, embx_err *e);
/* Renames the rows of t to labels[0..t->n) (freed by the caller after);
 * a repeated or empty label becomes "LABEL#ROW" so no row is lost; *renamed
 * counts them. */
int labels_apply(embx_table *t, char *const *labels, size_t *renamed, embx_err *e);
void labels_free(char **labels, size_t n);

#endif
