/* format_torch: a pickle interpreter restricted to what torch.save writes,
 * and the tensors' storages from the zip members PREFIX/data/KEY. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "format_torch.h"
#include "tensor.h"
#include "zip.h"

int torch_is_magic(const unsigned char *b, size_t len)
{
    if (!zip_is_magic(b, len) || len < 30) return 0;
    size_t nl = (size_t)b[26] | (size_t)b[27] << 8;
    return nl >= 8 && 30 + nl <= len && memcmp(b + 30 + nl - 8, "data.pkl", 8) == 0;
}

/* ---- values ---- */

enum pk { P_NONE, P_BOOL, P_INT, P_FLOAT, P_STR, P_TUPLE, P_LIST, P_DICT, P_GLOBAL, P_STORAGE, P_TENSOR, P_MARK };

/* what a storage global stands for */
struct storage_type {
    const char *name;
    const char *dtype;
    size_t size;
    int dt;          /* enum tensor_dtype, or -1: listed, not opened */
};

static const struct storage_type storages[] = {
    {"FloatStorage", "float32", 4, DT_F32},   {"HalfStorage", "float16", 2, DT_F16},
    {"BFloat16Storage", "bfloat16", 2, DT_BF16}, {"DoubleStorage", "float64", 8, DT_F64},
    {"LongStorage", "int64", 8, -1},          {"IntStorage", "int32", 4, -1},
    {"ShortStorage", "int16", 2, -1},         {"CharStorage", "int8", 1, -1},
    {"ByteStorage", "uint8", 1, -1},          {"BoolStorage", "bool", 1, -1},
};

enum glob { G_ORDERED_DICT, G_REBUILD_TENSOR, G_REBUILD_PARAMETER, G_STORAGE };

struct pv {
    enum pk k;
    int64_t i;
    double f;
    char *s;                       /* STR: owned; STORAGE: key */
    struct pv **v;                 /* TUPLE/LIST items; DICT keys and values interleaved */
    size_t n, cap;
    enum glob g;
    const struct storage_type *st; /* GLOBAL G_STORAGE, STORAGE, TENSOR */
    /* TENSOR */
    struct pv *storage;
    int64_t offset;
    int64_t shape[8], stride[8];
    size_t ndim;
};

struct vm {
    const unsigned char *p, *end;
    struct pv **all;      /* every value, freed together */
    size_t nall, capall;
    struct pv **stack;
    size_t sp, capstack;
    struct pv **memo;
    size_t nmemo;
    const char *path;
    embx_err *e;
};

static struct pv *mk(struct vm *m, enum pk k)
{
    if (m->nall == m->capall) {
        size_t nc = m->capall ? m->capall * 2 : 64;
        struct pv **a = realloc(m->all, nc * sizeof *a);
        if (!a) return NULL;
        m->all = a;
        m->capall = nc;
    }
    struct pv *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    v->k = k;
    m->all[m->nall++] = v;
    return v;
}

static int bad(struct vm *m, const char *why)
{
    return err_set(m->e, "%s: data.pkl: %s", m->path, why);
}

static int push(struct vm *m, struct pv *v)
{
    if (!v) return err_set(m->e, "out of memory");
    if (m->sp == m->capstack) {
        size_t nc = m->capstack ? m->capstack * 2 : 64;
        struct pv **s = realloc(m->stack, nc * sizeof *s);
        if (!s) return err_set(m->e, "out of memory");
        m->stack = s;
        m->capstack = nc;
    }
    m->stack[m->sp++] = v;
    return EMBX_OK;
}

static struct pv *pop(struct vm *m)
{
    return m->sp ? m->stack[--m->sp] : NULL;
}

static int add_item(struct vm *m, struct pv *c, struct pv *x)
{
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 4;
        struct pv **a = realloc(c->v, nc * sizeof *a);
        if (!a) return err_set(m->e, "out of memory");
        c->v = a;
        c->cap = nc;
    }
    c->v[c->n++] = x;
    return EMBX_OK;
}

/* Index just above the topmost MARK, or SIZE_MAX. */
static size_t find_mark(struct vm *m)
{
    for (size_t i = m->sp; i-- > 0;)
        if (m->stack[i]->k == P_MARK) return i;
    return SIZE_MAX;
}

static bool need(struct vm *m, size_t n) { return (size_t)(m->end - m->p) >= n; }

static uint64_t rd_le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = n; i-- > 0;) v = v << 8 | p[i];
    return v;
}

static int global(struct vm *m, const char *mod, const char *name)
{
    struct pv *g = mk(m, P_GLOBAL);
    if (!g) return err_set(m->e, "out of memory");
    if (!strcmp(mod, "collections") && !strcmp(name, "OrderedDict")) g->g = G_ORDERED_DICT;
    else if (!strcmp(mod, "torch._utils") && !strcmp(name, "_rebuild_tensor_v2")) g->g = G_REBUILD_TENSOR;
    else if (!strcmp(mod, "torch._utils") && !strcmp(name, "_rebuild_parameter")) g->g = G_REBUILD_PARAMETER;
    else if (!strcmp(mod, "torch")) {
        g->g = G_STORAGE;
        for (size_t i = 0; i < sizeof storages / sizeof storages[0]; i++)
            if (!strcmp(name, storages[i].name)) g->st = &storages[i];
        if (!g->st) goto refuse;
    } else {
        goto refuse;
    }
    return push(m, g);
refuse:
    return err_set(m->e, "%s: the checkpoint's pickle uses %.100s.%.100s, which embx does not allow (only "
                   "tensors, storages and ordered dicts; nothing in the file is executed)", m->path, mod, name);
}

static int tuple_of(struct vm *m, size_t from)
{
    struct pv *t = mk(m, P_TUPLE);
    if (!t) return err_set(m->e, "out of memory");
    for (size_t i = from; i < m->sp; i++)
        if (add_item(m, t, m->stack[i])) return EMBX_ERR;
    m->sp = from;
    return push(m, t);
}

static bool int_tuple(const struct pv *t, int64_t *out, size_t *n)
{
    if (t->k != P_TUPLE || t->n > 8) return false;
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i]->k != P_INT || t->v[i]->i < 0) return false;
        out[i] = t->v[i]->i;
    }
    *n = t->n;
    return true;
}

static int reduce(struct vm *m)
{
    struct pv *args = pop(m), *f = pop(m);
    if (!args || !f || args->k != P_TUPLE) return bad(m, "REDUCE without a callable and arguments");
    if (f->k != P_GLOBAL || f->g == G_STORAGE) return bad(m, "REDUCE of something that is not an allowed function");
    if (f->g == G_ORDERED_DICT) return push(m, mk(m, P_DICT));
    if (f->g == G_REBUILD_PARAMETER) {
        if (args->n < 1 || args->v[0]->k != P_TENSOR) return bad(m, "_rebuild_parameter without a tensor");
        return push(m, args->v[0]);
    }
    /* _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata]) */
    if (args->n < 4 || args->v[0]->k != P_STORAGE || args->v[1]->k != P_INT || args->v[1]->i < 0)
        return bad(m, "_rebuild_tensor_v2 with unexpected arguments");
    struct pv *t = mk(m, P_TENSOR);
    if (!t) return err_set(m->e, "out of memory");
    size_t ns;
    t->storage = args->v[0];
    t->st = args->v[0]->st;
    t->offset = args->v[1]->i;
    if (!int_tuple(args->v[2], t->shape, &t->ndim) || !int_tuple(args->v[3], t->stride, &ns) || ns != t->ndim)
        return bad(m, "tensor with a bad size or stride");
    return push(m, t);
}

/* Runs the pickle; the result is the single value left by STOP. */
static int run(struct vm *m, struct pv **result)
{
    while (m->p < m->end) {
        unsigned char op = *m->p++;
        struct pv *v, *x, *y;
        size_t mk_at, n;
        switch (op) {
        case 0x80: if (!need(m, 1)) goto trunc; m->p++; break;                  /* PROTO */
        case 0x95: if (!need(m, 8)) goto trunc; m->p += 8; break;               /* FRAME */
        case '.':                                                                /* STOP */
            if (m->sp != 1) return bad(m, "STOP with a malformed stack");
            *result = m->stack[0];
            return EMBX_OK;
        case '(': if (push(m, mk(m, P_MARK))) return EMBX_ERR; break;
        case '}': if (push(m, mk(m, P_DICT))) return EMBX_ERR; break;
        case ']': if (push(m, mk(m, P_LIST))) return EMBX_ERR; break;
        case ')': if (push(m, mk(m, P_TUPLE))) return EMBX_ERR; break;
        case 'N': if (push(m, mk(m, P_NONE))) return EMBX_ERR; break;
        case 0x88: case 0x89:
            if (!(v = mk(m, P_BOOL))) return err_set(m->e, "out of memory");
            v->i = op == 0x88;
            if (push(m, v)) return EMBX_ERR;
            break;
        case 'K': case 'M': case 'J': {
            n = op == 'K' ? 1 : op == 'M' ? 2 : 4;
            if (!need(m, n)) goto trunc;
            uint64_t u = rd_le(m->p, n);
            m->p += n;
            if (!(v = mk(m, P_INT))) return err_set(m->e, "out of memory");
            v->i = op == 'J' ? (int64_t)(int32_t)(uint32_t)u : (int64_t)u;
            if (push(m, v)) return EMBX_ERR;
            break;
        }
        case 0x8a: {                                                            /* LONG1 */
            if (!need(m, 1)) goto trunc;
            n = *m->p++;
            if (n > 8 || !need(m, n)) return bad(m, "integer too large");
            uint64_t u = rd_le(m->p, n);
            if (n && n < 8 && (m->p[n - 1] & 0x80)) u |= ~0ULL << (8 * n);
            m->p += n;
            if (!(v = mk(m, P_INT))) return err_set(m->e, "out of memory");
            v->i = (int64_t)u;
            if (push(m, v)) return EMBX_ERR;
            break;
        }
        case 'G': {
            if (!need(m, 8)) goto trunc;
            uint64_t u = 0;
            for (int i = 0; i < 8; i++) u = u << 8 | m->p[i];
            m->p += 8;
            if (!(v = mk(m, P_FLOAT))) return err_set(m->e, "out of memory");
            memcpy(&v->f, &u, 8);
            if (push(m, v)) return EMBX_ERR;
            break;
        }
        case 'X': case 0x8c: case 0x8d: {                                       /* strings */
            n = op == 0x8c ? 1 : op == 'X' ? 4 : 8;
            if (!need(m, n)) goto trunc;
            uint64_t l = rd_le(m->p, n);
            m->p += n;
            if (l > (uint64_t)(m->end - m->p)) goto trunc;
            if (!(v = mk(m, P_STR)) || !(v->s = strndup((const char *)m->p, (size_t)l)))
                return err_set(m->e, "out of memory");
            m->p += l;
            if (push(m, v)) return EMBX_ERR;
            break;
        }
        case 'q': case 'r': case 0x94: {                                        /* memo put */
            uint64_t idx;
            if (op == 0x94) idx = m->nmemo;
            else {
                n = op == 'q' ? 1 : 4;
                if (!need(m, n)) goto trunc;
                idx = rd_le(m->p, n);
                m->p += n;
            }
            if (!m->sp) return bad(m, "memo of an empty stack");
            /* indices are dense in what torch writes: a far one is damage */
            if (idx > m->nmemo + 1024 || idx > m->nall) return bad(m, "memo index out of range");
            if (idx >= m->nmemo) {
                struct pv **a = realloc(m->memo, (idx + 1) * sizeof *a);
                if (!a) return err_set(m->e, "out of memory");
                for (size_t i = m->nmemo; i <= idx; i++) a[i] = NULL;
                m->memo = a;
                m->nmemo = idx + 1;
            }
            m->memo[idx] = m->stack[m->sp - 1];
            break;
        }
        case 'h': case 'j': {
            n = op == 'h' ? 1 : 4;
            if (!need(m, n)) goto trunc;
            uint64_t idx = rd_le(m->p, n);
            m->p += n;
            if (idx >= m->nmemo || !m->memo[idx]) return bad(m, "memo get of an unset index");
            if (push(m, m->memo[idx])) return EMBX_ERR;
            break;
        }
        case 'c': {                                                             /* GLOBAL */
            const unsigned char *a = m->p, *nl1 = memchr(a, '\n', (size_t)(m->end - a));
            if (!nl1) goto trunc;
            const unsigned char *b = nl1 + 1, *nl2 = memchr(b, '\n', (size_t)(m->end - b));
            if (!nl2) goto trunc;
            char mod[128], name[128];
            snprintf(mod, sizeof mod, "%.*s", (int)(nl1 - a > 127 ? 127 : nl1 - a), (const char *)a);
            snprintf(name, sizeof name, "%.*s", (int)(nl2 - b > 127 ? 127 : nl2 - b), (const char *)b);
            m->p = nl2 + 1;
            if (global(m, mod, name)) return EMBX_ERR;
            break;
        }
        case 0x93:                                                              /* STACK_GLOBAL */
            y = pop(m);
            x = pop(m);
            if (!x || !y || x->k != P_STR || y->k != P_STR) return bad(m, "STACK_GLOBAL without two names");
            if (global(m, x->s, y->s)) return EMBX_ERR;
            break;
        case 't': case 0x85: case 0x86: case 0x87:
            if (op == 't') {
                if ((mk_at = find_mark(m)) == SIZE_MAX) return bad(m, "TUPLE without MARK");
                if (tuple_of(m, mk_at + 1)) return EMBX_ERR;
                struct pv *t = pop(m);
                m->sp--; /* the mark */
                if (push(m, t)) return EMBX_ERR;
            } else {
                n = (size_t)(op - 0x84);
                if (m->sp < n) return bad(m, "TUPLE of an empty stack");
                if (tuple_of(m, m->sp - n)) return EMBX_ERR;
            }
            break;
        case 'a': case 'e': case 's': case 'u': {
            size_t from;
            if (op == 'a') from = m->sp >= 1 ? m->sp - 1 : SIZE_MAX;
            else if (op == 's') from = m->sp >= 2 ? m->sp - 2 : SIZE_MAX;
            else {
                from = find_mark(m);
                if (from != SIZE_MAX) from++;
            }
            if (from == SIZE_MAX || from == 0) return bad(m, "APPEND/SETITEM with a malformed stack");
            size_t cidx = op == 'a' || op == 's' ? from - 1 : from - 2;
            if (op == 'e' || op == 'u') {
                if (from < 2) return bad(m, "APPENDS/SETITEMS with a malformed stack");
            }
            struct pv *c = m->stack[cidx];
            bool dict = op == 's' || op == 'u';
            if (c->k != (dict ? P_DICT : P_LIST)) return bad(m, dict ? "SETITEM on a non-dict" : "APPEND on a non-list");
            if (dict && (m->sp - from) % 2) return bad(m, "SETITEMS with an odd count");
            for (size_t i = from; i < m->sp; i++)
                if (add_item(m, c, m->stack[i])) return EMBX_ERR;
            m->sp = cidx + 1;
            break;
        }
        case 'Q': {                                                             /* BINPERSID */
            struct pv *id = pop(m);
            /* ('storage', storage_type, key, location, numel) */
            if (!id || id->k != P_TUPLE || id->n < 5 || id->v[0]->k != P_STR || strcmp(id->v[0]->s, "storage") ||
                id->v[1]->k != P_GLOBAL || id->v[1]->g != G_STORAGE || id->v[2]->k != P_STR || id->v[4]->k != P_INT)
                return bad(m, "persistent id is not a storage");
            if (!(v = mk(m, P_STORAGE))) return err_set(m->e, "out of memory");
            v->st = id->v[1]->st;
            v->s = strdup(id->v[2]->s);
            v->i = id->v[4]->i;
            if (!v->s || push(m, v)) return err_set(m->e, "out of memory");
            break;
        }
        case 'R': if (reduce(m)) return EMBX_ERR; break;
        case 'b':                                                               /* BUILD: state ignored */
            if (m->sp < 2) return bad(m, "BUILD with a malformed stack");
            m->sp--;
            break;
        default: {
            char why[64];
            snprintf(why, sizeof why, "pickle opcode 0x%02x is not allowed", op);
            return bad(m, why);
        }
        }
    }
trunc:
    return bad(m, "truncated pickle");
}

static void vm_free(struct vm *m)
{
    for (size_t i = 0; i < m->nall; i++) {
        if (m->all[i]->k == P_STR || m->all[i]->k == P_STORAGE) free(m->all[i]->s);
        free(m->all[i]->v);
        free(m->all[i]);
    }
    free(m->all);
    free(m->stack);
    free(m->memo);
}

/* ---- the checkpoint ---- */

struct ckpt {
    void *map;
    size_t len;
    struct zip z;
    char prefix[256];        /* "archive/" */
    struct vm vm;
    struct pv *root;
    struct pv **tensors;     /* 2-D tensors in file order, with names */
    char **names;
    size_t n, cap, others;
};

static int add_tensor(struct ckpt *c, const char *name, struct pv *t, embx_err *e)
{
    if (t->ndim != 2) {
        c->others++;
        return EMBX_OK;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        struct pv **a = realloc(c->tensors, nc * sizeof *a);
        if (a) c->tensors = a;
        char **b = realloc(c->names, nc * sizeof *b);
        if (b) c->names = b;
        if (!a || !b) return err_set(e, "out of memory");
        c->cap = nc;
    }
    c->tensors[c->n] = t;
    if (!(c->names[c->n] = strdup(name))) return err_set(e, "out of memory");
    c->n++;
    return EMBX_OK;
}

/* Every tensor under v, named by its dict keys joined with '.'. */
static int walk(struct ckpt *c, const char *name, struct pv *v, int depth, embx_err *e)
{
    if (depth > 16) return EMBX_OK;
    if (v->k == P_TENSOR) return add_tensor(c, name[0] ? name : "tensor", v, e);
    if (v->k == P_DICT) {
        for (size_t i = 0; i + 1 < v->n; i += 2) {
            if (v->v[i]->k != P_STR) continue;
            char sub[512];
            snprintf(sub, sizeof sub, "%s%s%s", name, name[0] ? "." : "", v->v[i]->s);
            if (walk(c, sub, v->v[i + 1], depth + 1, e)) return EMBX_ERR;
        }
    } else if (v->k == P_LIST || v->k == P_TUPLE) {
        for (size_t i = 0; i < v->n; i++) {
            char sub[512];
            snprintf(sub, sizeof sub, "%s%s%zu", name, name[0] ? "." : "", i);
            if (walk(c, sub, v->v[i], depth + 1, e)) return EMBX_ERR;
        }
    }
    return EMBX_OK;
}

static void ck_close(struct ckpt *c)
{
    for (size_t i = 0; i < c->n; i++) free(c->names[i]);
    free(c->names);
    free(c->tensors);
    vm_free(&c->vm);
    zip_close(&c->z);
    if (c->map) munmap(c->map, c->len);
}

static int ck_open(const char *path, struct ckpt *c, embx_err *e)
{
    memset(c, 0, sizeof *c);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_set(e, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        return err_set(e, "%s: not a regular, non-empty file", path);
    }
    c->len = (size_t)st.st_size;
    c->map = mmap(NULL, c->len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (c->map == MAP_FAILED) {
        c->map = NULL;
        return err_set(e, "%s: cannot map: %s", path, strerror(errno));
    }
    if (zip_open(&c->z, c->map, c->len, path, e)) return EMBX_ERR;
    long pk = -1;
    for (size_t i = 0; i < c->z.n && pk < 0; i++) {
        const char *nm = c->z.m[i].name, *sl = strrchr(nm, '/');
        if (sl && !strcmp(sl + 1, "data.pkl") && (size_t)(sl - nm) + 1 < sizeof c->prefix) {
            pk = (long)i;
            snprintf(c->prefix, sizeof c->prefix, "%.*s", (int)(sl - nm + 1), nm);
        }
    }
    if (pk < 0) return err_set(e, "%s: a zip without data.pkl: not a PyTorch checkpoint", path);
    const unsigned char *data;
    void *owned;
    if (zip_member_data(&c->z, (size_t)pk, &data, &owned, e)) return EMBX_ERR;
    c->vm.p = data;
    c->vm.end = data + c->z.m[pk].usize;
    c->vm.path = path;
    c->vm.e = e;
    int rc = run(&c->vm, &c->root);
    if (rc == EMBX_OK) rc = walk(c, "", c->root, 0, e);
    free(owned);
    return rc;
}

static int ck_list(const char *path, const struct ckpt *c, struct tensor_list *l, embx_err *e)
{
    (void)path;
    l->others = c->others;
    for (size_t i = 0; i < c->n; i++) {
        const struct pv *t = c->tensors[i];
        if (tensor_list_add(l, c->names[i], (size_t)t->shape[0], (size_t)t->shape[1], t->st->dtype, e)) return EMBX_ERR;
    }
    return EMBX_OK;
}

int torch_list(const char *path, struct tensor_list *out, embx_err *e)
{
    memset(out, 0, sizeof *out);
    struct ckpt c;
    int rc = ck_open(path, &c, e);
    if (rc == EMBX_OK) rc = ck_list(path, &c, out, e);
    ck_close(&c);
    if (rc) tensor_list_free(out);
    return rc;
}

int torch_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r, embx_err *e)
{
    *out = NULL;
    struct ckpt c;
    struct tensor_list l = {0};
    size_t pick = 0;
    int rc = ck_open(path, &c, e);
    if (rc == EMBX_OK) rc = ck_list(path, &c, &l, e);
    if (rc == EMBX_OK) rc = tensor_choose(path, &l, o->tensor, &pick, e);
    if (rc == EMBX_OK) {
        const struct pv *t = c.tensors[pick];
        const char *name = c.names[pick];
        char member[600];
        snprintf(member, sizeof member, "%sdata/%s", c.prefix, t->storage->s);
        long mi = zip_find(&c.z, member);
        const unsigned char *data = NULL;
        void *owned = NULL;
        size_t es = t->st->size;
        struct tensor_view v = {0};
        if (t->st->dt < 0)
            rc = err_set(e, "%s: tensor '%.200s' holds %s; embx reads float32, float16, bfloat16 and float64", path,
                         name, t->st->dtype);
        else if (mi < 0)
            rc = err_set(e, "%s: tensor '%.200s': storage member %.300s is missing", path, name, member);
        else if (t->shape[0] == 0 || t->shape[1] == 0)
            rc = err_set(e, "%s: tensor '%.200s' is empty", path, name);
        if (rc == EMBX_OK) rc = zip_member_data(&c.z, (size_t)mi, &data, &owned, e);
        if (rc == EMBX_OK) {
            uint64_t bytes = c.z.m[mi].usize;
            v.dtype = (enum tensor_dtype)t->st->dt;
            v.rows = (size_t)t->shape[0];
            v.cols = (size_t)t->shape[1];
            v.row_stride = (size_t)t->stride[0];
            v.col_stride = (size_t)t->stride[1];
            size_t span = tensor_span(&v);
            uint64_t off = (uint64_t)t->offset;
            if (t->storage->i < 0 || (uint64_t)t->storage->i > bytes / es || bytes % es)
                rc = err_set(e, "%s: tensor '%.200s': storage %s holds %llu bytes, the pickle says %lld %s values",
                             path, name, t->storage->s, (unsigned long long)bytes, (long long)t->storage->i,
                             t->st->dtype);
            else if (span == 0 || off > bytes / es || span > bytes - off * es)
                rc = err_set(e, "%s: tensor '%.200s' (%zu x %zu at offset %llu) lies beyond its %llu-byte storage",
                             path, name, v.rows, v.cols, (unsigned long long)off, (unsigned long long)bytes);
            if (rc == EMBX_OK) {
                v.data = data + off * es;
                /* the storage may be unaligned inside the zip: copy unless aligned */
                rc = tensor_to_table(&v, o->limit, out, e);
            }
        }
        free(owned);
        if (rc == EMBX_OK) {
            (*out)->source = strdup(path);
            snprintf((*out)->format, sizeof (*out)->format, "pytorch");
            r->rows = (*out)->n;
        }
    }
    tensor_list_free(&l);
    ck_close(&c);
    return rc;
}
