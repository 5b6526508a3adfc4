/* load: one entry point for every file: native .embx files are mapped
 * directly; other formats come from the cache when it holds a fresh copy,
 * else they are parsed and the cache is filled. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cache.h"
#include "load.h"
#include "native.h"

/* True when path starts with the .embx magic (false when unreadable: the
 * reader then reports why). */
static bool is_native(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    unsigned char m[8];
    ssize_t n = pread(fd, m, sizeof m, 0);
    close(fd);
    return n == (ssize_t)sizeof m && native_is_magic(m, sizeof m);
}

int load_table(const char *path, const struct load_opts *o, embx_table **out,
               struct read_report *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    *out = NULL;
    if (o->read.format == FMT_EMBX || is_native(path)) {
        if (native_open(path, out, NULL, e)) return EMBX_ERR;
        r->format = FMT_EMBX;
        r->rows = (*out)->n;
        return EMBX_OK;
    }
    if (!o->no_cache) {
        embx_err ce;
        if (cache_lookup(path, &o->read, out, &ce) == EMBX_OK) {
            embx_table *t = *out;
            char name[32];
            snprintf(name, sizeof name, "%s", t->format);
            char *plus = strchr(name, '+');
            if (plus) *plus = '\0';
            r->gzip = plus != NULL;
            enum embx_format f;
            r->format = format_parse(name, &f) == 0 ? f : FMT_AUTO;
            r->rows = t->n;
            r->from_cache = true;
            return EMBX_OK;
        }
        if (strstr(ce.msg, "damaged") || strstr(ce.msg, "stale"))
            snprintf(r->cache_note, sizeof r->cache_note, "%s", ce.msg);
    }
    struct read_report keep = *r;
    if (formats_read(path, &o->read, out, r, e)) return EMBX_ERR;
    memcpy(r->cache_note, keep.cache_note, sizeof r->cache_note);
    if (!o->no_cache) {
        embx_err ce;
        if (cache_store(path, &o->read, *out, &ce))
            snprintf(r->cache_note, sizeof r->cache_note, "%s", ce.msg);
    }
    return EMBX_OK;
}
