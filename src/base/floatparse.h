/* floatparse: a decimal-to-float32 parser whose result is bit-identical to
 * strtof: a fast exact path (Clinger-style in double, with a midpoint check),
 * falling back to strtof when the fast path cannot be exact. */
#ifndef EMBX_FLOATPARSE_H
#define EMBX_FLOATPARSE_H

/* Parses one number from [s, end). On success stores it in *out and returns
 * a pointer just past it; returns NULL when no number starts at s. Leading
 * blanks are not skipped. NaN and infinities are parsed (the caller rejects). */
const char *float_parse(const char *s, const char *end, float *out);

#endif
