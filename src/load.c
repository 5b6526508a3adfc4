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

/* The first bytes of path (none when unreadable: the reader then says why). */
static size_t peek(const char *path, unsigned char *m, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = pread(fd, m, len, 0);
    close(fd);
    return n > 0 ? (size_t)n : 0;
}

int load_table(const char *path, const struct load_opts *o, embx_table **out,
               struct read_report *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    *out = NULL;
    unsigned char m[8];
    size_t got = peek(path, m, sizeof m);
    if (o->read.format == FMT_EMBX || native_is_magic(m, got)) {
        if (native_open(path, out, NULL, e)) return EMBX_ERR;
        r->format = FMT_EMBX;
        r->rows = (*out)->n;
        return EMBX_OK;
    }
    if (!o->no_cache) {
        embx_err ce;
        if (cache_lookup(path, &o->read, out, &ce) == EMBX_OK) {
            embx_table *t = *out;
            r->gzip = got >= 2 && m[0] == 0x1f && m[1] == 0x8b;
            enum embx_format f;
            r->format = format_parse(t->format, &f) == 0 ? f : FMT_AUTO;
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
