/* format_npy: NumPy .npy and .npz readers (registered in registry.c). */
#ifndef EMBX_FORMAT_NPY_H
#define EMBX_FORMAT_NPY_H
#include "registry.h"
#include "tensor.h"

struct npy_info {
    struct tensor_view view;   /* data NULL: set by the caller */
    size_t ndim;
    size_t data_off;           /* bytes before the array data */
    char shape[96];            /* "(3, 4)" for messages */
};

/* True when the bytes start with the .npy magic. */
int npy_is_magic(const unsigned char *b, size_t len);
/* Readers and the npz tensor listing (see struct format_desc). */
int npy_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r, embx_err *e);
int npz_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r, embx_err *e);
int npz_list(const char *path, struct tensor_list *out, embx_err *e);

#endif
