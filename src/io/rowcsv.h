/* rowcsv: an RFC 4180 CSV reader for tables of categorical features:
 * comma-separated fields, "quoted" fields holding commas, doubled quotes
 * and line breaks, CRLF or LF line ends, a UTF-8 BOM, blank lines skipped.
 * Records are handed to a callback one at a time with the line they start
 * on. A field count different from the header's, a quote inside an unquoted
 * field, text after a closing quote and a quote left open at the end of the
 * file are errors naming FILE:LINE. */
#ifndef EMBX_ROWCSV_H
#define EMBX_ROWCSV_H
#include <stddef.h>
#include "error.h"

/* Receives record fields (NUL-terminated, valid during the call), their
 * count and the line the record starts on; returns EMBX_OK to go on. The
 * first call is the header (line 1, or the first non-blank line). */
typedef int (*rowcsv_fn)(void *ctx, char **fields, size_t n, size_t line, embx_err *e);

/* Reads path record by record into fn. */
int rowcsv_read(const char *path, rowcsv_fn fn, void *ctx, embx_err *e);

#endif
