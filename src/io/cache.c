/* cache: native copies of parsed tables. A cache file is named by a hash of
 * the source's real path, the row limit and the requested format; its
 * header records the source's size and mtime, so a changed source makes it
 * stale. Nothing in a cache file is trusted: native_open validates it and
 * a damaged or stale file is removed and rebuilt. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cache.h"
#include "native.h"

/* native_source.format packs the requested format (bits 0-7) and the
 * format detected when reading (bits 8-15). */
#define SRC_DETECTED(x) (((x) >> 8) & 0xffu)

static int mkdir_one(const char *d, embx_err *e)
{
    if (mkdir(d, 0755) == 0 || errno == EEXIST) return EMBX_OK;
    return err_set(e, "cannot create cache directory %s: %s", d, strerror(errno));
}

int cache_dir(char *buf, size_t len, embx_err *e)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && *xdg == '/') {
        if (mkdir_one(xdg, e)) return EMBX_ERR;
        n = snprintf(buf, len, "%s/embx", xdg);
    } else if (home && *home) {
        char base[PATH_MAX];
        snprintf(base, sizeof base, "%s/.cache", home);
        if (mkdir_one(base, e)) return EMBX_ERR;
        n = snprintf(buf, len, "%s/.cache/embx", home);
    } else {
        return err_set(e, "no cache directory (neither XDG_CACHE_HOME nor HOME is set)");
    }
    if (n < 0 || (size_t)n >= len) return err_set(e, "cache directory path too long");
    return mkdir_one(buf, e);
}

/* Fills the provenance of source and the cache file name for it. */
static int cache_key(const char *source, const struct read_opts *o, struct native_source *src,
                     char *file, size_t flen, embx_err *e)
{
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(source, real) || stat(real, &st) != 0)
        return err_set(e, "%s: %s", source, strerror(errno));
    memset(src, 0, sizeof *src);
    snprintf(src->path, sizeof src->path, "%s", real);
    src->size = (uint64_t)st.st_size;
    src->mtime_sec = (int64_t)st.st_mtim.tv_sec;
    src->mtime_nsec = (int64_t)st.st_mtim.tv_nsec;
    src->limit = o->limit;
    src->format = (uint32_t)o->format & 0xffu;
    /* FNV-1a over what selects a distinct table */
    uint64_t h = 1469598103934665603ULL;
    char extra[64];
    snprintf(extra, sizeof extra, "|%llu|%u", (unsigned long long)src->limit, src->format);
    for (const char *p = real; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    for (const char *p = extra; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    char dir[PATH_MAX];
    if (cache_dir(dir, sizeof dir, e)) return EMBX_ERR;
    int n = snprintf(file, flen, "%s/%016llx.embx", dir, (unsigned long long)h);
    if (n < 0 || (size_t)n >= flen) return err_set(e, "cache path too long");
    return EMBX_OK;
}

int cache_sidecar_path(const char *source, const struct read_opts *o, const char *ext,
                       char *buf, size_t len, embx_err *e)
{
    struct native_source src;
    if (cache_key(source, o, &src, buf, len, e)) return EMBX_ERR;
    size_t l = strlen(buf);   /* ends in ".embx" */
    if (l < 5 || l - 5 + strlen(ext) + 1 > len) return err_set(e, "cache path too long");
    strcpy(buf + l - 5, ext);
    return EMBX_OK;
}

int cache_lookup(const char *source, const struct read_opts *o, embx_table **out, embx_err *e)
{
    *out = NULL;
    struct native_source want, got;
    char file[PATH_MAX];
    if (cache_key(source, o, &want, file, sizeof file, e)) return EMBX_ERR;
    if (access(file, F_OK) != 0) return err_set(e, "not in the cache");
    embx_table *t = NULL;
    embx_err ne;
    if (native_open(file, &t, &got, &ne)) {
        unlink(file);
        return err_set(e, "cache %s was damaged (%s); rebuilt", file, ne.msg);
    }
    if (strcmp(got.path, want.path) != 0 || got.size != want.size ||
        got.mtime_sec != want.mtime_sec || got.mtime_nsec != want.mtime_nsec ||
        got.limit != want.limit || (got.format & 0xffu) != want.format) {
        table_free(t);
        unlink(file);
        return err_set(e, "cache %s was stale (the source changed); rebuilt", file);
    }
    free(t->source);
    t->source = strdup(source);
    snprintf(t->format, sizeof t->format, "%s",
             format_name((enum embx_format)SRC_DETECTED(got.format)));
    t->from_cache = true;
    *out = t;
    return EMBX_OK;
}

int cache_discard(const char *source, const struct read_opts *o, embx_err *e)
{
    struct native_source src;
    char file[PATH_MAX];
    if (cache_key(source, o, &src, file, sizeof file, e)) return EMBX_ERR;
    if (unlink(file) != 0 && errno != ENOENT)
        return err_set(e, "cannot remove %s: %s", file, strerror(errno));
    return EMBX_OK;
}

int cache_store(const char *source, const struct read_opts *o, const embx_table *t, embx_err *e)
{
    struct native_source src;
    char file[PATH_MAX];
    if (cache_key(source, o, &src, file, sizeof file, e)) return EMBX_ERR;
    enum embx_format f;
    if (format_parse(t->format, &f) == 0) src.format |= (uint32_t)f << 8;
    if (native_write_nosync(t, file, &src, e)) {
        err_prefix(e, "cannot write the cache");
        return EMBX_ERR;
    }
    return EMBX_OK;
}
