/* format_priv: what the readers of formats.c, format_text.c and format_bin.c
 * share: the "N D" header line and the two reader entry points. */
#ifndef EMBX_FORMAT_PRIV_H
#define EMBX_FORMAT_PRIV_H
#include <stdbool.h>
#include <stdint.h>
#include "format_input.h"
#include "formats.h"

struct fmt_header {
    bool present;        /* the first line is exactly two integers */
    uint64_t n, dim;     /* UINT64_MAX when the digits overflow */
    size_t len;          /* bytes of the header line including its newline */
};

/* Reads text rows from in (cursor at the first byte after BOM/header). */
int text_read(fmt_input *in, const struct fmt_header *h, const struct read_opts *o,
              embx_table **out, struct read_report *r, embx_err *e);
/* Reads word2vec binary rows from in (cursor just after the header line). */
int bin_read(fmt_input *in, const struct fmt_header *h, const struct read_opts *o,
             embx_table **out, struct read_report *r, embx_err *e);

#endif
