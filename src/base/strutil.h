/* strutil: small string helpers shared by every layer: splitting fields,
 * suffix tests, path joining, strict number parsing, and escaping words
 * that are not printable UTF-8. */
#ifndef EMBX_STRUTIL_H
#define EMBX_STRUTIL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Splits s in place at each sep into at most max fields (the last keeps any
 * further separators); returns the count (at least 1). */
size_t str_split(char *s, char sep, char **f, size_t max);
/* True when s ends with suf, ignoring ASCII case (file-name suffixes:
 * 'MAP.HTML' is an HTML file). */
bool str_ends_with(const char *s, const char *suf);
/* Newly allocated "dir/name", or NULL when out of memory. */
char *str_join_path(const char *dir, const char *name);
/* Parses all of s as a decimal long (no blanks, no trailing text, in range). */
bool str_parse_long(const char *s, long *out);
/* Parses all of s as a finite double (no trailing text, no overflow). */
bool str_parse_double(const char *s, double *out);
/* Escaped copy of word into buf of len bytes (always NUL-terminated): bytes
 * that are not valid UTF-8 and control characters become \xNN. */
void str_escape(const char *word, char *buf, size_t len);
/* Writes word to fp, escaped as by str_escape when it needs it. */
void str_put_word(FILE *fp, const char *word);
/* Writes word as one TSV field: escaped (as by str_put_word) only when it
 * holds a TAB or a line break, which would break the line, else as is. */
void str_put_field(FILE *fp, const char *word);

#endif
