/* registry: the format descriptors and everything derived from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "format_fasttext.h"
#include "format_npy.h"
#include "format_projector.h"
#include "format_safetensors.h"
#include "format_torch.h"
#include "native.h"
#include "zip.h"
#include "registry.h"

/* ---- the text family and word2vec binary (formats.c reads them all) ---- */

static bool detect_w2v_bin(const unsigned char *h, size_t n) { return format_detect(h, n) == FMT_WORD2VEC_BIN; }
static bool detect_w2v(const unsigned char *h, size_t n) { return format_detect(h, n) == FMT_WORD2VEC; }
static bool detect_any(const unsigned char *h, size_t n) { (void)h; (void)n; return true; }

static int write_glove(const embx_table *t, const char *p, bool gz, embx_err *e)
{ return formats_write(t, p, FMT_GLOVE, gz, e); }
static int write_w2v(const embx_table *t, const char *p, bool gz, embx_err *e)
{ return formats_write(t, p, FMT_WORD2VEC, gz, e); }
static int write_fasttext(const embx_table *t, const char *p, bool gz, embx_err *e)
{ return formats_write(t, p, FMT_FASTTEXT, gz, e); }
static int write_w2v_bin(const embx_table *t, const char *p, bool gz, embx_err *e)
{ return formats_write(t, p, FMT_WORD2VEC_BIN, gz, e); }

/* ---- native .embx ---- */

static bool detect_embx(const unsigned char *h, size_t n) { return native_is_magic(h, n) != 0; }

static int read_embx(const char *path, const struct read_opts *o, embx_table **out,
                     struct read_report *r, embx_err *e)
{
    (void)o;
    if (native_open(path, out, NULL, e)) return EMBX_ERR;
    r->format = FMT_EMBX;
    r->rows = (*out)->n;
    return EMBX_OK;
}

static int write_embx(const embx_table *t, const char *p, bool gz, embx_err *e)
{
    (void)gz;
    return native_write(t, p, NULL, e);
}

/* ---- NumPy ---- */

static bool detect_npy(const unsigned char *h, size_t n) { return npy_is_magic(h, n) != 0; }

/* A zip whose first member is NAME.npy (numpy.savez writes nothing else). */
static bool detect_npz(const unsigned char *h, size_t n)
{
    if (!zip_is_magic(h, n) || n < 30) return false;
    size_t nl = (size_t)h[26] | (size_t)h[27] << 8;
    return nl >= 4 && 30 + nl <= n && memcmp(h + 30 + nl - 4, ".npy", 4) == 0;
}

static bool detect_safetensors(const unsigned char *h, size_t n) { return safetensors_is_magic(h, n) != 0; }

static bool detect_torch(const unsigned char *h, size_t n) { return torch_is_magic(h, n) != 0; }

static bool detect_fasttext(const unsigned char *h, size_t n) { return fasttext_is_magic(h, n) != 0; }

static bool detect_projector(const unsigned char *h, size_t n) { return projector_is_tsv(h, n) != 0; }

const struct format_desc format_registry[] = {
    {.code = FMT_EMBX, .name = "embx", .suffixes = {".embx"},
     .summary = "embx's own format, mapped in place (doc/embx-format.md)",
     .detect = detect_embx, .read = read_embx, .write = write_embx},
    {.code = 6, .name = "npy", .suffixes = {".npy"},
     .summary = "NumPy array: 2-D float16/32/64, either byte order, C or Fortran order",
     .detect = detect_npy, .read = npy_read},
    {.code = 7, .name = "npz", .suffixes = {".npz"},
     .summary = "NumPy archive of arrays (stored or deflated); --tensor NAME picks one",
     .detect = detect_npz, .read = npz_read, .list = npz_list},
    {.code = 8, .name = "safetensors", .suffixes = {".safetensors"},
     .summary = "safetensors (F32, F16, BF16, F64); --tensor NAME picks one",
     .detect = detect_safetensors, .read = safetensors_read, .list = safetensors_list},
    {.code = 9, .name = "pytorch", .aliases = {"torch", "pt"}, .suffixes = {".pt", ".pth"},
     .summary = "PyTorch checkpoint (torch.save, zip layout): state_dict or tensor; --tensor NAME picks one",
     .detect = detect_torch, .read = torch_read, .list = torch_list},
    {.code = FMT_FASTTEXT_BIN, .name = "fasttext-bin", .aliases = {"ftbin"},
     .summary = "fastText model (.bin): word vectors, and unseen words' vectors from character n-grams",
     .detect = detect_fasttext, .read = fasttext_read},
    {.code = 10, .name = "projector", .aliases = {"tsv"},
     .summary = "Embedding Projector vectors.tsv (labels from metadata.tsv beside it)",
     .detect = detect_projector, .read = projector_read},
    {.code = FMT_WORD2VEC_BIN, .name = "word2vec-bin", .aliases = {"bin", "w2v-bin"}, .suffixes = {".bin"},
     .summary = "word2vec binary: \"N D\" line, then word, space, D float32 per row",
     .detect = detect_w2v_bin, .read = formats_read, .write = write_w2v_bin, .gzip = true, .cache = true},
    {.code = FMT_WORD2VEC, .name = "word2vec", .aliases = {"w2v"},
     .summary = "word2vec text: \"N D\" line, then a word and D numbers per line",
     .detect = detect_w2v, .read = formats_read, .write = write_w2v, .gzip = true, .cache = true},
    {.code = FMT_FASTTEXT, .name = "fasttext", .aliases = {"vec"}, .suffixes = {".vec"},
     .summary = "fastText .vec: word2vec text with a blank after each row",
     .read = formats_read, .write = write_fasttext, .gzip = true, .cache = true},
    {.code = FMT_GLOVE, .name = "glove", .aliases = {"txt", "text"},
     .summary = "GloVe text: a word and D numbers per line, no header",
     .detect = detect_any, .read = formats_read, .write = write_glove, .gzip = true, .cache = true},
    {0},
};

const struct format_desc *format_by_code(enum embx_format code)
{
    for (const struct format_desc *d = format_registry; d->name; d++)
        if (d->code == code) return d;
    return NULL;
}

const struct format_desc *format_by_name(const char *name)
{
    for (const struct format_desc *d = format_registry; d->name; d++) {
        if (strcasecmp(name, d->name) == 0) return d;
        for (size_t i = 0; i < sizeof d->aliases / sizeof d->aliases[0] && d->aliases[i]; i++)
            if (strcasecmp(name, d->aliases[i]) == 0) return d;
    }
    return NULL;
}

const char *format_name(enum embx_format f)
{
    if (f == FMT_AUTO) return "auto";
    const struct format_desc *d = format_by_code(f);
    return d ? d->name : "unknown";
}

int format_parse(const char *name, enum embx_format *out)
{
    if (strcasecmp(name, "auto") == 0) {
        *out = FMT_AUTO;
        return 0;
    }
    const struct format_desc *d = format_by_name(name);
    if (!d) return -1;
    *out = d->code;
    return 0;
}

const char *format_names(char *buf, size_t len, bool writable)
{
    size_t used = 0;
    if (len) buf[0] = '\0';
    for (const struct format_desc *d = format_registry; d->name; d++) {
        if (writable ? !d->write : !d->read) continue;
        int n = snprintf(buf + used, len > used ? len - used : 0, "%s%s", used ? ", " : "", d->name);
        if (n > 0) used += (size_t)n;
        if (used >= len) break;
    }
    return buf;
}

const struct format_desc *format_detect_head(const unsigned char *head, size_t len)
{
    const struct format_desc *last = NULL;
    bool gz = len >= 2 && head[0] == 0x1f && head[1] == 0x8b;
    for (const struct format_desc *d = format_registry; d->name; d++) {
        if (!d->detect) continue;
        last = d;
        if (gz ? d->gzip && d->detect == detect_any : d->detect(head, len)) return d;
    }
    return last;
}

static bool has_suffix(const char *s, size_t ls, const char *suf)
{
    size_t lf = strlen(suf);
    return ls >= lf && strncasecmp(s + ls - lf, suf, lf) == 0;
}

int format_for_output(const char *path, const char *requested, const struct format_desc *fallback,
                      const struct format_desc **out, bool *gz, embx_err *e)
{
    char names[512];
    size_t len = strlen(path);
    *gz = has_suffix(path, len, ".gz");
    if (*gz) len -= 3;
    const struct format_desc *d = NULL;
    if (requested) {
        d = format_by_name(requested);
        if (!d || !d->write)
            return err_set(e, "--format: %s '%.*s%s' (can write: %s)", d ? "cannot write the format" : "unknown format",
                           ERR_WORD(requested), format_names(names, sizeof names, true));
    } else {
        for (const struct format_desc *c = format_registry; c->name && !d; c++)
            for (size_t i = 0; i < sizeof c->suffixes / sizeof c->suffixes[0] && c->suffixes[i]; i++)
                if (c->write && has_suffix(path, len, c->suffixes[i])) {
                    d = c;
                    break;
                }
        if (!d) d = fallback && fallback->write ? fallback : format_by_code(FMT_GLOVE);
    }
    if (*gz && !d->gzip)
        return err_set(e, "%s: the %s format cannot be gzip-compressed", path, d->name);
    *out = d;
    return EMBX_OK;
}

int format_write(const struct format_desc *d, const embx_table *t, const char *path, bool gz,
                 embx_err *e)
{
    if (!d->write) return err_set(e, "%s: embx cannot write the %s format", path, d->name);
    if (gz && !d->gzip) return err_set(e, "%s: the %s format cannot be gzip-compressed", path, d->name);
    return d->write(t, path, gz, e);
}

int tensor_list_add(struct tensor_list *l, const char *name, size_t rows, size_t cols,
                    const char *dtype, embx_err *e)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 8;
        struct tensor_info *v = realloc(l->v, nc * sizeof *v);
        if (!v) return err_set(e, "out of memory listing tensors");
        l->v = v;
        l->cap = nc;
    }
    struct tensor_info *t = &l->v[l->n++];
    snprintf(t->name, sizeof t->name, "%s", name);
    snprintf(t->dtype, sizeof t->dtype, "%s", dtype);
    t->rows = rows;
    t->cols = cols;
    return EMBX_OK;
}

void tensor_list_free(struct tensor_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

int tensor_choose(const char *path, const struct tensor_list *l, const char *want, size_t *pick, embx_err *e)
{
    if (want) {
        for (size_t i = 0; i < l->n; i++)
            if (strcmp(l->v[i].name, want) == 0) {
                *pick = i;
                return EMBX_OK;
            }
    } else if (l->n == 1) {
        *pick = 0;
        return EMBX_OK;
    }
    char list[700] = "";
    for (size_t i = 0; i < l->n && strlen(list) < 600; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%.100s (%zu x %zu %s)", i ? ", " : "",
                 l->v[i].name, l->v[i].rows, l->v[i].cols, l->v[i].dtype);
    if (l->n == 0)
        return err_set(e, "%s: no 2-D tensor in the file%s", path, l->others ? " (only other shapes)" : "");
    if (want) return err_set(e, "%s: no 2-D tensor named '%.*s%s'; the 2-D tensors are: %s", path, ERR_WORD(want), list);
    return err_set(e, "%s: %zu 2-D tensors, choose one with --tensor NAME: %s", path, l->n, list);
}
