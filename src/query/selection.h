/* selection: which rows a projection, cluster or axis command works on:
 * explicit words, the first N rows, a seeded sample, a word and its
 * neighbours, the words of a file (one a line, optional second column =
 * group), or the words with a prefix. The command layer fills the plain
 * struct selection_spec from its options (cli/selargs.h). */
#ifndef EMBX_SELECTION_H
#define EMBX_SELECTION_H
#include <stddef.h>
#include <stdbool.h>
#include "table.h"

enum selection_kind { SEL_TOP, SEL_WORDS, SEL_SAMPLE, SEL_NEAR, SEL_FILE, SEL_PREFIX };

/* What to select; only the fields of the kind are read. */
struct selection_spec {
    enum selection_kind kind;
    const char *const *words; size_t nwords;   /* SEL_WORDS */
    size_t top;              /* SEL_TOP: N; SEL_PREFIX: at most N (0 = all) */
    size_t sample;           /* SEL_SAMPLE: N rows ... */
    unsigned long seed;      /* ... drawn with this seed */
    const char *near;        /* SEL_NEAR: the word ... */
    size_t near_n;           /* ... and its near_n nearest neighbours (>= 1) */
    const char *file;        /* SEL_FILE: path */
    const char *prefix;      /* SEL_PREFIX */
    int threads;             /* for SEL_NEAR's search: 0 = all cores */
    long min_count;          /* > 0: then keep the rows whose table->counts is at least this */
    const unsigned char *keep; /* NULL, or per table row: nonzero = may be selected (--where); --top,
                                  --sample, --prefix and --near choose among these rows only */
    const char *keep_desc;   /* what keep means, for desc and errors ("kind=item") */
};

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

/* Builds the selection the spec describes. Unknown words are listed in
 * note, the rest used; an empty result is an error. */
int selection_build(const embx_table *t, const struct selection_spec *spec,
                    struct selection *sel, embx_err *e);
/* Frees the selection's arrays (the struct itself is the caller's). */
void selection_free(struct selection *sel);

#endif
