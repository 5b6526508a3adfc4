/* evalvocab: the vocabulary a benchmark sees, with gensim's rules: the first
 * N rows, and case-insensitive matching by Python's str.upper() where the
 * first row of each upper-cased form stands for it. */
#ifndef EMBX_EVALVOCAB_H
#define EMBX_EVALVOCAB_H
#include <stdbool.h>
#include <stddef.h>
#include <locale.h>
#include "table.h"

struct eval_vocab {
    const embx_table *t;
    size_t rows;            /* vocabulary = rows [0, rows) */
    bool fold;              /* keys are upper-cased */
    locale_t loc;           /* UTF-8 ctype for towupper (0 when unavailable) */
    char **keys;            /* per slot, owned */
    size_t *slot_row;       /* row + 1, 0 = empty */
    size_t nslots;
};

/* Builds the vocabulary of the first restrict_rows rows (0 = all). */
int eval_vocab_init(struct eval_vocab *v, const embx_table *t, size_t restrict_rows,
                    bool case_sensitive, embx_err *e);
void eval_vocab_free(struct eval_vocab *v);
/* Newly allocated matching key of word (upper-cased when folding), NULL when out of memory. */
char *eval_vocab_key(const struct eval_vocab *v, const char *word);
/* Row standing for key (a key from eval_vocab_key), or -1. */
long eval_vocab_find_key(const struct eval_vocab *v, const char *key);
/* Like eval_vocab_find, but a row whose vector is zero counts as unknown
 * (-1): a benchmark cannot score it. */
long eval_vocab_usable(const struct eval_vocab *v, const char *word);

#endif
