/* selargs: the selection options every selecting command accepts (--top,
 * --sample, --near, --file, --prefix, --seed) and their translation into a
 * selection (query/selection.h). */
#ifndef EMBX_SELARGS_H
#define EMBX_SELARGS_H
#include "args.h"
#include "selection.h"

/* The options; put inside the command's optspec array. */
#define SELECTION_OPTSPECS \
    {"top", 0, 1, "N", "the N first (most frequent) rows", }, \
    {"sample", 0, 1, "N", "a seeded random sample of N rows", }, \
    {"near", 0, 2, "WORD N", "WORD and its N nearest neighbours", }, \
    {"file", 0, 1, "F", "words from F, one a line (second column: group)", }, \
    {"prefix", 0, 1, "P", "rows whose word starts with P", }, \
    {"min-count", 0, 1, "N", "then only rows with at least N interactions (recommender tables)", }, \
    {"seed", 0, 1, "S", "random seed", }, \
    WHERE_OPTSPEC

/* --where, for commands that search without selecting (nn). */
#define WHERE_OPTSPEC \
    {"where", 0, 1, "COL=VAL", "only rows whose metadata matches (also !=, <, >, <=, >=; repeat to AND)", }

/* True when one of the selection options was given. */
bool selargs_given(const struct args *a);
/* Builds the selection from the command's positional words (starting at
 * word `first`) and selection options; the first default_top rows when
 * nothing is chosen. Two ways of choosing at once are an error. threads
 * (0 = all cores) is for --near's search. */
int selection_from_args(const embx_table *t, const struct args *a, size_t first,
                        size_t default_top, int threads, struct selection *sel, embx_err *e);

/* The mask of rows matching every --where of a (NULL when none was given),
 * and the conditions as text in desc ("kind=item, count>5"). */
int where_from_args(const embx_table *t, const struct args *a, unsigned char **mask, size_t *count,
                    char *desc, size_t desclen, embx_err *e);

#endif
