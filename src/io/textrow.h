/* textrow: the fast path for one "word v1 .. vD" row of a text table, the
 * shape nearly every row of a GloVe, word2vec or fastText text file has.
 * Whatever it does not accept (other blanks, exponents, errors of any kind)
 * it leaves to the caller's general row parser, which also words the error;
 * what it accepts is bit-identical to that parser (strtof's rounding). */
#ifndef EMBX_TEXTROW_H
#define EMBX_TEXTROW_H
#include <stdbool.h>
#include <stddef.h>

/* Parses the row starting at p ([p, end) readable): the word (non-empty, up
 * to the first blank), then exactly dim finite numbers separated by blanks,
 * then optional blanks and CR before LF. Returns true with the numbers in
 * dst, the word in *word / *wlen, *next just past the LF and *cr set when
 * the line ended in CR LF; false when the row needs the general parser. */
typedef bool (*textrow_fn)(const char *p, const char *end, size_t dim, float *dst,
                           const char **word, size_t *wlen, const char **next, bool *cr);

/* The fastest row parser this CPU runs (AVX-512, AVX2 or the portable one). */
textrow_fn textrow_best(void);

/* Number of variants textrow_variant knows (whether or not this CPU runs them). */
#define TEXTROW_VARIANTS 4
/* Variant i (0: portable, 1: AVX2, 2: AVX-512, 3: AVX-512 with VBMI2's byte
 * compress for the field starts), or NULL when this CPU lacks
 * what it needs: for tests that hold every variant to the portable one. */
textrow_fn textrow_variant(size_t i);

/* The portable row parser, for tests that compare it with the others. */
bool textrow_parse_portable(const char *p, const char *end, size_t dim, float *dst,
                            const char **word, size_t *wlen, const char **next, bool *cr);

#endif
