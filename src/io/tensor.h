/* tensor: a 2-D array of floats as some framework stored it (dtype, byte
 * order, strides) and its conversion into a table. Shared by the NumPy,
 * safetensors and PyTorch readers. */
#ifndef EMBX_TENSOR_H
#define EMBX_TENSOR_H
#include <stdbool.h>
#include <stddef.h>
#include "table.h"

enum tensor_dtype { DT_F32, DT_F64, DT_F16, DT_BF16 };

struct tensor_view {
    const unsigned char *data;  /* element (0, 0) */
    size_t rows, cols;
    enum tensor_dtype dtype;
    bool big_endian;
    size_t row_stride, col_stride;  /* in elements */
};

/* "float32", "float64", "float16", "bfloat16". */
const char *dtype_name(enum tensor_dtype d);
/* Bytes from data spanned by the view (last element's end); 0 on overflow. */
size_t tensor_span(const struct tensor_view *v);
/* True when the view is little-endian float32 rows laid out back to back
 * (usable in place on this host). */
bool tensor_is_plain(const struct tensor_view *v);
/* A table holding a converted copy of the first `limit` rows (0 = all),
 * rows named "#0", "#1", ... */
int tensor_to_table(const struct tensor_view *v, size_t limit, embx_table **out, embx_err *e);
/* A table whose matrix is the view itself inside map (map_len bytes, owned
 * by the table from then on, unmapped by table_free, even on failure). The
 * view must be tensor_is_plain. */
int tensor_table_mapped(const struct tensor_view *v, size_t limit, void *map, size_t map_len,
                        embx_table **out, embx_err *e);

#endif
