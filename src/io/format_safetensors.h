/* format_safetensors: the safetensors reader (registered in registry.c). */
#ifndef EMBX_FORMAT_SAFETENSORS_H
#define EMBX_FORMAT_SAFETENSORS_H
#include "registry.h"

/* True when the bytes start like a safetensors file (header length, '{'). */
int safetensors_is_magic(const unsigned char *b, size_t len);
/* Reader and tensor listing (see struct format_desc). */
int safetensors_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r,
                     embx_err *e);
int safetensors_list(const char *path, struct tensor_list *out, embx_err *e);

#endif
