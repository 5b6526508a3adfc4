/* expr: vector expressions over the table's words, `king - man + woman`.
 * Operators are the unquoted tokens "+" and "-"; a quoted token is always a
 * word. The query vector is gensim's: the weighted sum of the words' unit
 * vectors (+1 / -1), scaled to unit length. */
#ifndef EMBX_EXPR_H
#define EMBX_EXPR_H
#include <stdbool.h>
#include <stddef.h>
#include "table.h"

/* One word of an expression as the user typed it: a quoted "+" is a word. */
struct expr_word {
    const char *text;
    bool quoted;
};

struct expr_term {
    size_t row;
    float weight;    /* +1 or -1 */
};

struct expr {
    struct expr_term *terms;
    size_t n;
};

/* Parses w[0..n) into terms (words looked up exactly in t). Errors name the
 * position of a syntax error, an unknown word (with suggestions), or every
 * unknown word when there are several. */
int expr_parse(const embx_table *t, const struct expr_word *w, size_t n,
               struct expr *x, embx_err *e);
/* Parses one string "he + him - she", split at blanks; a string that is
 * itself a word of t is that word (so phrases with blanks work). */
int expr_parse_string(const embx_table *t, const char *s, struct expr *x, embx_err *e);
/* True when s, split at blanks, holds a + or - operator. */
bool expr_string_has_operator(const char *s);
/* out = sum of weight * unit vector of each term (t->dim floats, not scaled;
 * zero rows add nothing). */
void expr_sum(const embx_table *t, const struct expr *x, float *out);
/* Writes the unit query vector (t->dim floats). Fails on a zero-vector word
 * or when the terms cancel out. */
int expr_vector(const embx_table *t, const struct expr *x, float *out, embx_err *e);
/* Distinct rows of the terms into rows[] (room for x->n); returns the count. */
size_t expr_rows(const struct expr *x, size_t *rows);
/* The expression as text, "king - man + woman", into buf. */
void expr_format(const embx_table *t, const struct expr *x, char *buf, size_t len);
/* Frees the terms. */
void expr_free(struct expr *x);

/* gensim's mean of unit vectors: out = unit(sum_i w[i] * rows[i] / |rows[i]|).
 * Returns false (out zeroed) when a row is zero or the sum vanishes. */
bool expr_mean(const embx_table *t, const size_t *rows, const float *w, size_t n, float *out);

#endif
