/* format_projector: the Embedding Projector's vectors.tsv + metadata.tsv
 * reader (registered in registry.c). */
#ifndef EMBX_FORMAT_PROJECTOR_H
#define EMBX_FORMAT_PROJECTOR_H
#include "registry.h"

/* True when the first line is TAB-separated numbers only. */
int projector_is_tsv(const unsigned char *b, size_t len);
/* Reader (see struct format_desc); labels come from metadata.tsv beside it. */
int projector_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r,
                   embx_err *e);

#endif
