/* format_npy: NumPy .npy (versions 1-3; float16/32/64, either byte order,
 * C or Fortran order) and .npz (a zip of .npy members, stored or
 * deflated). A large little-endian C-order float32 .npy is used in place
 * from its mapping; everything else is converted into an owned matrix. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "format_npy.h"
#include "tensor.h"
#include "zip.h"

/* Mapping pays for itself from this size on; smaller files are copied. */
#define MAP_BYTES (1u << 20)

int npy_is_magic(const unsigned char *b, size_t len)
{
    return len >= 6 && memcmp(b, "\x93NUMPY", 6) == 0;
}

/* ---- the header: a Python dict literal ---- */

struct lex {
    const char *p, *end;
};

static void skip_ws(struct lex *l)
{
    while (l->p < l->end && (*l->p == ' ' || *l->p == '\t' || *l->p == '\n' || *l->p == '\r')) l->p++;
}

static bool eat(struct lex *l, char c)
{
    skip_ws(l);
    if (l->p < l->end && *l->p == c) {
        l->p++;
        return true;
    }
    return false;
}

/* A quoted string (no escapes: dtype names and keys have none). */
static bool str(struct lex *l, char *out, size_t cap)
{
    skip_ws(l);
    if (l->p >= l->end || (*l->p != '\'' && *l->p != '"')) return false;
    char q = *l->p++;
    size_t n = 0;
    while (l->p < l->end && *l->p != q) {
        if (*l->p == '\\' || n + 1 >= cap) return false;
        out[n++] = *l->p++;
    }
    if (l->p >= l->end) return false;
    l->p++;
    out[n] = '\0';
    return true;
}

static bool word(struct lex *l, const char *w)
{
    skip_ws(l);
    size_t n = strlen(w);
    if ((size_t)(l->end - l->p) >= n && memcmp(l->p, w, n) == 0) {
        l->p += n;
        return true;
    }
    return false;
}

static bool uint_(struct lex *l, uint64_t *v)
{
    skip_ws(l);
    if (l->p >= l->end || *l->p < '0' || *l->p > '9') return false;
    uint64_t x = 0;
    while (l->p < l->end && *l->p >= '0' && *l->p <= '9') {
        if (x > (UINT64_MAX - 9) / 10) return false;
        x = x * 10 + (uint64_t)(*l->p++ - '0');
    }
    if (l->p < l->end && *l->p == 'L') l->p++; /* Python 2 long */
    *v = x;
    return true;
}

/* Parses a .npy header from b[0..len) (what names it in errors). */
static int npy_parse(const unsigned char *b, size_t len, const char *what, struct npy_info *out, embx_err *e)
{
    memset(out, 0, sizeof *out);
    if (!npy_is_magic(b, len)) return err_set(e, "%s: not a .npy array (bad magic)", what);
    if (len < 10) return err_set(e, "%s: truncated .npy header", what);
    unsigned major = b[6];
    size_t hl, start;
    if (major == 1) {
        hl = (size_t)b[8] | (size_t)b[9] << 8;
        start = 10;
    } else if (major == 2 || major == 3) {
        if (len < 12) return err_set(e, "%s: truncated .npy header", what);
        hl = (size_t)b[8] | (size_t)b[9] << 8 | (size_t)b[10] << 16 | (size_t)b[11] << 24;
        start = 12;
    } else {
        return err_set(e, "%s: .npy format version %u is not supported (1, 2 or 3)", what, major);
    }
    if (hl > len - start) return err_set(e, "%s: truncated .npy header (%zu bytes announced)", what, hl);
    struct lex l = {(const char *)b + start, (const char *)b + start + hl};
    char key[32], descr[32] = "";
    bool have_descr = false, have_order = false, have_shape = false, fortran = false;
    uint64_t shape[8];
    size_t ndim = 0;
    if (!eat(&l, '{')) return err_set(e, "%s: .npy header is not a dict", what);
    while (!eat(&l, '}')) {
        if (!str(&l, key, sizeof key) || !eat(&l, ':'))
            return err_set(e, "%s: malformed .npy header", what);
        if (strcmp(key, "descr") == 0) {
            if (!str(&l, descr, sizeof descr))
                return err_set(e, "%s: .npy dtype is not a plain float type (structured arrays are not tables)",
                               what);
            have_descr = true;
        } else if (strcmp(key, "fortran_order") == 0) {
            if (word(&l, "True")) fortran = true;
            else if (word(&l, "False")) fortran = false;
            else return err_set(e, "%s: malformed .npy header (fortran_order)", what);
            have_order = true;
        } else if (strcmp(key, "shape") == 0) {
            if (!eat(&l, '(')) return err_set(e, "%s: malformed .npy header (shape)", what);
            while (!eat(&l, ')')) {
                if (ndim == sizeof shape / sizeof shape[0] || !uint_(&l, &shape[ndim]))
                    return err_set(e, "%s: malformed .npy header (shape)", what);
                ndim++;
                if (!eat(&l, ',')) {
                    if (!eat(&l, ')')) return err_set(e, "%s: malformed .npy header (shape)", what);
                    break;
                }
            }
            have_shape = true;
        } else {
            return err_set(e, "%s: unknown key '%s' in the .npy header", what, key);
        }
        if (!eat(&l, ',')) {
            if (!eat(&l, '}')) return err_set(e, "%s: malformed .npy header", what);
            break;
        }
    }
    if (!have_descr || !have_order || !have_shape)
        return err_set(e, "%s: .npy header lacks descr, fortran_order or shape", what);
    /* dtype: byte order, kind, size */
    const char *d = descr;
    bool big = false;
    if (*d == '<' || *d == '|' || *d == '=') d++;
    else if (*d == '>') { big = true; d++; }
    if (!strcmp(d, "f4")) out->view.dtype = DT_F32;
    else if (!strcmp(d, "f8")) out->view.dtype = DT_F64;
    else if (!strcmp(d, "f2")) out->view.dtype = DT_F16;
    else return err_set(e, "%s: dtype '%s' is not supported (float16, float32 or float64)", what, descr);
    snprintf(out->shape, sizeof out->shape, "(");
    for (size_t i = 0; i < ndim; i++)
        snprintf(out->shape + strlen(out->shape), sizeof out->shape - strlen(out->shape), "%s%llu",
                 i ? ", " : "", (unsigned long long)shape[i]);
    snprintf(out->shape + strlen(out->shape), sizeof out->shape - strlen(out->shape), "%s)", ndim == 1 ? "," : "");
    out->ndim = ndim;
    out->data_off = start + hl;
    if (ndim != 2) return EMBX_OK;
    if (shape[0] > SIZE_MAX || shape[1] > SIZE_MAX) return err_set(e, "%s: shape %s is too large", what, out->shape);
    out->view.rows = (size_t)shape[0];
    out->view.cols = (size_t)shape[1];
    out->view.big_endian = big;
    out->view.row_stride = fortran ? 1 : out->view.cols;
    out->view.col_stride = fortran ? out->view.rows : 1;
    return EMBX_OK;
}

/* Checks a 2-D array's header against the bytes that follow it. */
static int npy_check(const struct npy_info *n, size_t avail, const char *what, embx_err *e)
{
    if (n->ndim != 2)
        return err_set(e, "%s: the array has shape %s, not 2-D (rows x dimensions)", what, n->shape);
    if (n->view.rows == 0 || n->view.cols == 0) return err_set(e, "%s: the array %s is empty", what, n->shape);
    size_t need = tensor_span(&n->view);
    if (need == 0) return err_set(e, "%s: shape %s is too large", what, n->shape);
    if (avail < n->data_off || avail - n->data_off < need)
        return err_set(e, "%s: %s %s needs %zu bytes of data, only %zu follow the header (truncated?)", what,
                       dtype_name(n->view.dtype), n->shape, need, avail < n->data_off ? 0 : avail - n->data_off);
    return EMBX_OK;
}

/* Maps path read-only. */
static int map_file(const char *path, void **map, size_t *len, embx_err *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_set(e, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return err_set(e, "%s: not a regular file", path);
    }
    if (st.st_size == 0) {
        close(fd);
        return err_set(e, "%s: the file is empty", path);
    }
    *len = (size_t)st.st_size;
    *map = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (*map == MAP_FAILED) return err_set(e, "%s: cannot map: %s", path, strerror(errno));
    return EMBX_OK;
}

static void finish(embx_table *t, const char *path, const char *fmt, struct read_report *r)
{
    t->source = strdup(path);
    snprintf(t->format, sizeof t->format, "%s", fmt);
    r->rows = t->n;
}

int npy_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r, embx_err *e)
{
    *out = NULL;
    void *map;
    size_t len;
    if (map_file(path, &map, &len, e)) return EMBX_ERR;
    struct npy_info n;
    if (npy_parse(map, len, path, &n, e) || npy_check(&n, len, path, e)) {
        munmap(map, len);
        return EMBX_ERR;
    }
    n.view.data = (const unsigned char *)map + n.data_off;
    int rc;
    if (tensor_is_plain(&n.view) && tensor_span(&n.view) >= MAP_BYTES) {
        rc = tensor_table_mapped(&n.view, o->limit, map, len, out, e);
    } else {
        rc = tensor_to_table(&n.view, o->limit, out, e);
        munmap(map, len);
    }
    if (rc) return EMBX_ERR;
    finish(*out, path, "npy", r);
    return EMBX_OK;
}

/* ---- .npz ---- */

/* Header of member i (inflating only its first bytes). */
static int member_info(const struct zip *z, size_t i, struct npy_info *n, embx_err *e)
{
    unsigned char head[4096];
    size_t got;
    char what[600];
    snprintf(what, sizeof what, "%s: array '%.*s'", z->path, 400, z->m[i].name);
    if (zip_member_head(z, i, head, sizeof head, &got, e)) return EMBX_ERR;
    return npy_parse(head, got, what, n, e);
}

static bool is_npy_name(const char *name)
{
    size_t l = strlen(name);
    return l > 4 && strcmp(name + l - 4, ".npy") == 0;
}

static int npz_collect(const struct zip *z, struct tensor_list *out, embx_err *e)
{
    for (size_t i = 0; i < z->n; i++) {
        if (!is_npy_name(z->m[i].name)) continue;
        struct npy_info n;
        if (member_info(z, i, &n, e)) return EMBX_ERR;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)strlen(z->m[i].name) - 4, z->m[i].name);
        if (n.ndim != 2) {
            out->others++;
            continue;
        }
        if (tensor_list_add(out, name, n.view.rows, n.view.cols, dtype_name(n.view.dtype), e)) return EMBX_ERR;
    }
    return EMBX_OK;
}

int npz_list(const char *path, struct tensor_list *out, embx_err *e)
{
    memset(out, 0, sizeof *out);
    void *map;
    size_t len;
    if (map_file(path, &map, &len, e)) return EMBX_ERR;
    struct zip z;
    int rc = zip_open(&z, map, len, path, e);
    if (rc == EMBX_OK) {
        rc = npz_collect(&z, out, e);
        zip_close(&z);
    }
    munmap(map, len);
    if (rc) tensor_list_free(out);
    return rc;
}

int npz_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r, embx_err *e)
{
    *out = NULL;
    void *map;
    size_t len;
    if (map_file(path, &map, &len, e)) return EMBX_ERR;
    struct zip z;
    struct tensor_list l = {0};
    if (zip_open(&z, map, len, path, e)) {
        munmap(map, len);
        return EMBX_ERR;
    }
    size_t pick = 0;
    int rc = npz_collect(&z, &l, e);
    if (rc == EMBX_OK) rc = tensor_choose(path, &l, o->tensor, &pick, e);
    if (rc == EMBX_OK) {
        char member[300];
        snprintf(member, sizeof member, "%s.npy", l.v[pick].name);
        long i = zip_find(&z, member);
        const unsigned char *data = NULL;
        void *owned = NULL;
        struct npy_info n;
        char what[600];
        snprintf(what, sizeof what, "%s: array '%s'", path, l.v[pick].name);
        rc = i < 0 ? err_set(e, "%s: member %s vanished", path, member) : zip_member_data(&z, (size_t)i, &data, &owned, e);
        if (rc == EMBX_OK) rc = npy_parse(data, (size_t)z.m[i].usize, what, &n, e);
        if (rc == EMBX_OK) rc = npy_check(&n, (size_t)z.m[i].usize, what, e);
        if (rc == EMBX_OK) {
            n.view.data = data + n.data_off;
            rc = tensor_to_table(&n.view, o->limit, out, e);
        }
        free(owned);
        if (rc == EMBX_OK) {
            finish(*out, path, "npz", r);
            snprintf((*out)->format, sizeof (*out)->format, "npz:%.27s", l.v[pick].name);
        }
    }
    tensor_list_free(&l);
    zip_close(&z);
    munmap(map, len);
    return rc;
}
