/* format_safetensors: an 8-byte little-endian header length, a JSON header
 * {"NAME": {"dtype": "F32", "shape": [R, C], "data_offsets": [B, E]}, ...}
 * and the tensors' bytes. Every offset is checked against the file and
 * against its shape before anything is read; a large float32 tensor is used
 * from the mapping. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "format_safetensors.h"
#include "json.h"
#include "tensor.h"

#define MAP_BYTES (1u << 20)
/* the format's own limit on the header */
#define MAX_HEADER (100u << 20)

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

int safetensors_is_magic(const unsigned char *b, size_t len)
{
    if (len < 10) return 0;
    uint64_t n = le64(b);
    return n >= 2 && n <= MAX_HEADER && b[8] == '{';
}

struct st_file {
    void *map;
    size_t len;
    struct json hdr;
    const unsigned char *data;   /* start of the byte buffer */
    size_t data_len;
};

static int st_open(const char *path, struct st_file *f, embx_err *e)
{
    memset(f, 0, sizeof *f);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_set(e, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 8) {
        close(fd);
        return err_set(e, "%s: not a safetensors file (too short)", path);
    }
    f->len = (size_t)st.st_size;
    f->map = mmap(NULL, f->len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f->map == MAP_FAILED) return err_set(e, "%s: cannot map: %s", path, strerror(errno));
    const unsigned char *b = f->map;
    uint64_t n = le64(b);
    if (n > MAX_HEADER || n > f->len - 8) {
        munmap(f->map, f->len);
        return err_set(e, "%s: safetensors header of %llu bytes, but the file has %zu (truncated?)", path,
                       (unsigned long long)n, f->len);
    }
    if (json_parse((const char *)b + 8, (size_t)n, &f->hdr, e) || f->hdr.type != JSON_OBJECT) {
        if (f->hdr.type != JSON_OBJECT && !e->msg[0]) err_set(e, "header is not a JSON object");
        err_prefix(e, "%s: safetensors header", path);
        json_free(&f->hdr);
        munmap(f->map, f->len);
        return EMBX_ERR;
    }
    f->data = b + 8 + n;
    f->data_len = f->len - 8 - (size_t)n;
    return EMBX_OK;
}

static void st_close(struct st_file *f)
{
    json_free(&f->hdr);
    if (f->map) munmap(f->map, f->len);
    f->map = NULL;
}

static bool dtype_of(const char *s, enum tensor_dtype *d)
{
    if (!strcmp(s, "F32")) *d = DT_F32;
    else if (!strcmp(s, "F16")) *d = DT_F16;
    else if (!strcmp(s, "BF16")) *d = DT_BF16;
    else if (!strcmp(s, "F64")) *d = DT_F64;
    else return false;
    return true;
}

/* Bytes per element of any safetensors dtype (0 unknown), to check sizes. */
static size_t any_size(const char *s)
{
    static const struct { const char *n; size_t b; } t[] = {
        {"F64", 8}, {"I64", 8}, {"U64", 8}, {"F32", 4}, {"I32", 4}, {"U32", 4}, {"F16", 2}, {"BF16", 2},
        {"I16", 2}, {"U16", 2}, {"I8", 1}, {"U8", 1}, {"BOOL", 1}, {"F8_E4M3", 1}, {"F8_E5M2", 1},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(s, t[i].n)) return t[i].b;
    return 0;
}

/* Checks entry `name` and fills its shape, dtype name and byte range. */
static int entry(const char *path, const struct st_file *f, const char *name, const struct json *v,
                 uint64_t *shape, size_t *ndim, const char **dtype, uint64_t *b, uint64_t *en, embx_err *e)
{
    const struct json *dt = json_get(v, "dtype"), *sh = json_get(v, "shape"), *off = json_get(v, "data_offsets");
    if (!dt || dt->type != JSON_STRING || !sh || sh->type != JSON_ARRAY || !off || off->type != JSON_ARRAY ||
        off->n != 2 || !off->items[0].is_uint || !off->items[1].is_uint)
        return err_set(e, "%s: tensor '%.200s' lacks dtype, shape or data_offsets", path, name);
    if (sh->n > 8) return err_set(e, "%s: tensor '%.200s' has %zu dimensions", path, name, sh->n);
    uint64_t count = 1;
    for (size_t i = 0; i < sh->n; i++) {
        if (!sh->items[i].is_uint) return err_set(e, "%s: tensor '%.200s' has a bad shape", path, name);
        shape[i] = sh->items[i].uint;
        if (shape[i] && count > UINT64_MAX / shape[i]) return err_set(e, "%s: tensor '%.200s' is too large", path, name);
        count *= shape[i];
    }
    *ndim = sh->n;
    *dtype = dt->str;
    *b = off->items[0].uint;
    *en = off->items[1].uint;
    if (*b > *en || *en > f->data_len)
        return err_set(e, "%s: tensor '%.200s' lies at bytes %llu-%llu, past the %zu bytes of data (truncated?)", path,
                       name, (unsigned long long)*b, (unsigned long long)*en, f->data_len);
    size_t es = any_size(dt->str);
    if (es && (count > UINT64_MAX / es || count * es != *en - *b))
        return err_set(e, "%s: tensor '%.200s' of %s needs %llu bytes, its offsets give %llu", path, name, dt->str,
                       (unsigned long long)(count > UINT64_MAX / (es ? es : 1) ? UINT64_MAX : count * es),
                       (unsigned long long)(*en - *b));
    return EMBX_OK;
}

static int collect(const char *path, const struct st_file *f, struct tensor_list *l, embx_err *e)
{
    for (size_t i = 0; i < f->hdr.n; i++) {
        if (!strcmp(f->hdr.keys[i], "__metadata__")) continue;
        uint64_t shape[8], b, en;
        size_t nd;
        const char *dt;
        if (entry(path, f, f->hdr.keys[i], &f->hdr.items[i], shape, &nd, &dt, &b, &en, e)) return EMBX_ERR;
        if (nd != 2) {
            l->others++;
            continue;
        }
        if (tensor_list_add(l, f->hdr.keys[i], (size_t)shape[0], (size_t)shape[1], dt, e)) return EMBX_ERR;
    }
    return EMBX_OK;
}

int safetensors_list(const char *path, struct tensor_list *out, embx_err *e)
{
    memset(out, 0, sizeof *out);
    struct st_file f;
    if (st_open(path, &f, e)) return EMBX_ERR;
    int rc = collect(path, &f, out, e);
    st_close(&f);
    if (rc) tensor_list_free(out);
    return rc;
}

int safetensors_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r,
                     embx_err *e)
{
    *out = NULL;
    struct st_file f;
    if (st_open(path, &f, e)) return EMBX_ERR;
    struct tensor_list l = {0};
    size_t pick = 0;
    int rc = collect(path, &f, &l, e);
    if (rc == EMBX_OK) rc = tensor_choose(path, &l, o->tensor, &pick, e);
    if (rc == EMBX_OK) {
        const struct json *v = json_get(&f.hdr, l.v[pick].name);
        uint64_t shape[8], b, en;
        size_t nd;
        const char *dt;
        struct tensor_view tv = {0};
        rc = entry(path, &f, l.v[pick].name, v, shape, &nd, &dt, &b, &en, e);
        if (rc == EMBX_OK && !dtype_of(dt, &tv.dtype))
            rc = err_set(e, "%s: tensor '%.200s' has dtype %s; embx reads F32, F16, BF16 and F64", path,
                         l.v[pick].name, dt);
        if (rc == EMBX_OK && (shape[0] == 0 || shape[1] == 0))
            rc = err_set(e, "%s: tensor '%.200s' is empty", path, l.v[pick].name);
        if (rc == EMBX_OK) {
            tv.data = f.data + b;
            tv.rows = (size_t)shape[0];
            tv.cols = (size_t)shape[1];
            tv.row_stride = tv.cols;
            tv.col_stride = 1;
            if (tensor_is_plain(&tv) && en - b >= MAP_BYTES) {
                rc = tensor_table_mapped(&tv, o->limit, f.map, f.len, out, e);
                f.map = NULL; /* the table owns it now */
            } else {
                rc = tensor_to_table(&tv, o->limit, out, e);
            }
        }
        if (rc == EMBX_OK) {
            (*out)->source = strdup(path);
            snprintf((*out)->format, sizeof (*out)->format, "safetensors");
            r->rows = (*out)->n;
        }
    }
    tensor_list_free(&l);
    st_close(&f);
    return rc;
}
