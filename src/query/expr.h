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

/* The row of a term whose word is not in the table. */
#define EXPR_NO_ROW ((size_t)-1)

struct expr_term {
    size_t row;      /* EXPR_NO_ROW: a word outside the vocabulary, see vec */
    float weight;    /* +1 or -1 */
    float *vec;      /* that word's vector from the table's model (table_oov_vector), owned */
    const char *word;  /* that word, as given to expr_parse (not copied) */
};

struct expr {
    struct expr_term *terms;
    size_t n;
    size_t noov;     /* terms whose vector the model built (no row) */
};

/* Parses w[0..n) into terms (words looked up exactly in t; a word that is
 * not there gets the model's vector when the table has one, e.g. fastText's
 * n-grams, and then keeps pointing at w's text). Errors name the
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
/* Distinct rows of the terms into rows[] (room for x->n); returns the count
 * (terms without a row have none to list). */
size_t expr_rows(const struct expr *x, size_t *rows);
/* The vector of term i and its inverse norm (0 for a zero vector). */
const float *expr_term_vector(const embx_table *t, const struct expr *x, size_t i, float *inv_norm);
/* The expression as text, "king - man + woman", into buf. */
void expr_format(const embx_table *t, const struct expr *x, char *buf, size_t len);
/* Frees the terms. */
void expr_free(struct expr *x);

/* gensim's mean of unit vectors: out = unit(sum_i w[i] * rows[i] / |rows[i]|).
 * Returns false (out zeroed) when a row is zero or the sum vanishes. */
bool expr_mean(const embx_table *t, const size_t *rows, const float *w, size_t n, float *out);

#endif
