/* tensor: dtype conversion and index-named tables from 2-D arrays. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "tensor.h"

/* Bytes of one element. */
static size_t dtype_size(enum tensor_dtype d)
{
    switch (d) {
    case DT_F64: return 8;
    case DT_F32: return 4;
    default: return 2;
    }
}

const char *dtype_name(enum tensor_dtype d)
{
    switch (d) {
    case DT_F64: return "float64";
    case DT_F32: return "float32";
    case DT_F16: return "float16";
    default: return "bfloat16";
    }
}

size_t tensor_span(const struct tensor_view *v)
{
    if (v->rows == 0 || v->cols == 0) return 0;
    size_t es = dtype_size(v->dtype);
    /* index of the last element, checked for overflow */
    size_t a = v->rows - 1, b = v->cols - 1;
    if (v->row_stride && a > SIZE_MAX / v->row_stride) return 0;
    if (v->col_stride && b > SIZE_MAX / v->col_stride) return 0;
    size_t x = a * v->row_stride, y = b * v->col_stride;
    if (x > SIZE_MAX - y - 1) return 0;
    size_t last = x + y + 1;
    if (last > SIZE_MAX / es) return 0;
    return last * es;
}

static bool host_big_endian(void)
{
    const uint16_t one = 1;
    unsigned char c;
    memcpy(&c, &one, 1);
    return c == 0;
}

bool tensor_is_plain(const struct tensor_view *v)
{
    return v->dtype == DT_F32 && v->big_endian == host_big_endian() && v->col_stride == 1 &&
           v->row_stride == v->cols && ((uintptr_t)v->data % sizeof(float)) == 0;
}

/* Decodes an IEEE half-precision value. */
static float half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31, ex = (h >> 10) & 0x1f, man = h & 0x3ff, u;
    if (ex == 0) {
        if (man == 0) u = sign;
        else {
            /* subnormal: normalise */
            int shift = 0;
            while (!(man & 0x400)) {
                man <<= 1;
                shift++;
            }
            man &= 0x3ff;
            u = sign | (uint32_t)(127 - 15 - shift + 1) << 23 | man << 13;
        }
    } else if (ex == 31) {
        u = sign | 0x7f800000u | man << 13;
    } else {
        u = sign | (ex + 127 - 15) << 23 | man << 13;
    }
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static float element(const unsigned char *p, enum tensor_dtype d, bool big)
{
    size_t n = dtype_size(d);
    uint64_t u = 0;
    for (size_t i = 0; i < n; i++) u |= (uint64_t)p[big ? i : n - 1 - i] << (8 * (n - 1 - i));
    switch (d) {
    case DT_F64: {
        double x;
        memcpy(&x, &u, 8);
        return (float)x;
    }
    case DT_F32: {
        uint32_t w = (uint32_t)u;
        float x;
        memcpy(&x, &w, 4);
        return x;
    }
    case DT_F16: return half_to_float((uint16_t)u);
    default: {
        uint32_t w = (uint32_t)u << 16;
        float x;
        memcpy(&x, &w, 4);
        return x;
    }
    }
}

/* Words "#0" .. "#N-1" and the hash, norms. */
static int index_vocab(embx_table *t, embx_err *e)
{
    size_t len = 0;
    for (size_t i = 0; i < t->n; i++) {
        char b[32];
        len += (size_t)snprintf(b, sizeof b, "#%zu", i) + 1;
    }
    char *blob = malloc(len ? len : 1);
    if (!blob) return err_set(e, "out of memory for %zu row names", t->n);
    size_t at = 0;
    for (size_t i = 0; i < t->n; i++) at += (size_t)snprintf(blob + at, len - at, "#%zu", i) + 1;
    if (table_set_vocab(t, blob, len, true, e)) {
        free(blob);
        return EMBX_ERR;
    }
    return table_finish(t, NULL, e);
}

int tensor_to_table(const struct tensor_view *v, size_t limit, embx_table **out, embx_err *e)
{
    *out = NULL;
    size_t n = limit && limit < v->rows ? limit : v->rows;
    embx_table *t = table_create(n, v->cols, e);
    if (!t) return EMBX_ERR;
    size_t es = dtype_size(v->dtype);
    #pragma omp parallel for schedule(static) if (n * v->cols > (1u << 20))
    for (size_t i = 0; i < n; i++) {
        float *dst = table_row(t, i);
        const unsigned char *row = v->data + i * v->row_stride * es;
        if (tensor_is_plain(v)) memcpy(dst, row, v->cols * sizeof(float));
        else
            for (size_t j = 0; j < v->cols; j++) dst[j] = element(row + j * v->col_stride * es, v->dtype, v->big_endian);
    }
    t->n = n;
    if (index_vocab(t, e)) {
        table_free(t);
        return EMBX_ERR;
    }
    *out = t;
    return EMBX_OK;
}

int tensor_table_mapped(const struct tensor_view *v, size_t limit, void *map, size_t map_len,
                        embx_table **out, embx_err *e)
{
    *out = NULL;
    embx_table *t = calloc(1, sizeof *t);
    if (!t) {
        munmap(map, map_len);
        return err_set(e, "out of memory");
    }
    t->map = map;
    t->map_len = map_len;
    t->n = t->cap = limit && limit < v->rows ? limit : v->rows;
    t->dim = v->cols;
    t->vecs = (float *)(uintptr_t)v->data;
    t->vecs_owned = false;
    if (index_vocab(t, e)) {
        table_free(t);
        return EMBX_ERR;
    }
    *out = t;
    return EMBX_OK;
}
