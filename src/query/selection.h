/* selection: which rows a projection, cluster or axis command works on:
 * explicit words, --top N, --sample N (seeded), --near WORD N, --file F (one
 * word a line, optional second column = group), --prefix P; --min-count N
 * then keeps the rows whose count (table->counts) is at least N. */
#ifndef EMBX_SELECTION_H
#define EMBX_SELECTION_H
#include <stddef.h>
#include <stdbool.h>
#include "table.h"
#include "args.h"

struct selection {
    size_t n;
    size_t *rows;         /* n table rows, in display order */
    int *group;           /* n group ids or NULL (from --file's second column) */
    char **group_names;   /* ngroups names or NULL */
    int ngroups;
    bool *highlight;      /* n: the query word of --near, explicit words; may be NULL */
    char desc[256];       /* how it was chosen, e.g. "41 words near paris" */
    size_t nmissing;      /* words asked for but not in the table (listed in note) */
    char note[512];       /* "not in the table: foo, bar" or "" */
};

/* The options every selecting command accepts; put inside its optspec array. */
#define SELECTION_OPTSPECS \
    {"top", 0, 1, "N", "the N first (most frequent) rows", }, \
    {"sample", 0, 1, "N", "a seeded random sample of N rows", }, \
    {"near", 0, 2, "WORD N", "WORD and its N nearest neighbours", }, \
    {"file", 0, 1, "F", "words from F, one a line (second column: group)", }, \
    {"prefix", 0, 1, "P", "rows whose word starts with P", }, \
    {"min-count", 0, 1, "N", "only rows with at least N interactions (recommender tables)", }, \
    {"seed", 0, 1, "S", "random seed", }

/* Builds the selection from the command's positional words (starting at
 * word `first`) and selection options; default_top applies when nothing is
 * chosen. Unknown words are listed in note, the rest used; an empty result
 * is an error. */
int selection_from_args(const embx_table *t, const struct args *a, size_t first,
                        size_t default_top, struct selection *sel, embx_err *e);
void selection_free(struct selection *sel);

#endif
