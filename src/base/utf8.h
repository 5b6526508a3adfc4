/* utf8: the one home of UTF-8 in embx: validity, decoding, encoding and the
 * display width of code points and strings (no locale dependence, so output
 * is stable). Columns, plot labels and the viewer all measure with it. */
#ifndef EMBX_UTF8_H
#define EMBX_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);
/* Decodes the sequence at s (NUL-terminated) into *cp and returns its length
 * (1-4); an invalid or truncated sequence returns 0 with *cp = U+FFFD. */
size_t utf8_decode(const char *s, uint32_t *cp);
/* Encodes cp into buf (room for 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *buf);
/* Terminal columns of one code point: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide/fullwidth and emoji, else 1. */
int utf8_cp_width(uint32_t cp);
/* Columns of a string: the sum of utf8_cp_width (an invalid byte counts 1). */
size_t utf8_width(const char *s);

#endif
