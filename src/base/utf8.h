/* utf8: validity and display width of UTF-8 byte strings. */
#ifndef EMBX_UTF8_H
#define EMBX_UTF8_H
#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);
/* Terminal columns of a valid UTF-8 string (wide East Asian = 2, combining = 0). */
size_t utf8_width(const char *s);
/* Decodes one code point at s (valid UTF-8 assumed); returns its byte length. */
size_t utf8_decode(const char *s, unsigned *cp);

#endif
