/* editdist: the spelling distance behind every "did you mean". */
#ifndef EMBX_EDITDIST_H
#define EMBX_EDITDIST_H
#include <stddef.h>

/* Case-insensitive Levenshtein distance of a[0..la) and b[0..lb); gives up
 * (returns limit + 1) once it exceeds limit, or for strings over 64 bytes. */
size_t edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit);
/* The limit suggestions use for a word of length len (1, 2 or 3 edits). */
static inline size_t edit_limit(size_t len) { return len <= 3 ? 1 : len <= 6 ? 2 : 3; }

#endif
