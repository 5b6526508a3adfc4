/* cache: native copies of parsed tables. A cache file is named by a hash of
 * the source's real path, the row limit and the requested format; its
 * header records the source's size and mtime, so a changed source makes it
 * stale. Nothing in a cache file is trusted: native_open validates it and
 * a damaged or stale file is removed and rebuilt. */
#include <ctype.h>
#include <dirent.h>
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

int cache_file_for(const char *source, const struct read_opts *o, char *buf, size_t len, embx_err *e)
{
    struct native_source src;
    return cache_key(source, o, &src, buf, len, e);
}

/* ---- listing, eviction ---- */

static int by_age(const void *a, const void *b)
{
    const struct cache_entry *x = a, *y = b;
    if (x->mtime != y->mtime) return x->mtime < y->mtime ? -1 : 1;
    return strcmp(x->file, y->file);
}

/* Length of a cache file's stem ("<16 hex>"), or 0 when name is not one of
 * embx's cache files (anything else in the folder is left alone). */
static size_t stem_len(const char *name)
{
    size_t i = 0;
    while (i < 16 && isxdigit((unsigned char)name[i])) i++;
    return i == 16 && name[16] == '.' ? 16 : 0;
}

int cache_list(const char *dir, struct cache_entry **out, size_t *n, embx_err *e)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT) return EMBX_OK;
        return err_set(e, "cannot read %s: %s", dir, strerror(errno));
    }
    struct cache_entry *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc = EMBX_OK;
    struct dirent *de;
    /* first the .embx files, then the side files are added to their entry */
    for (int pass = 0; pass < 2 && rc == EMBX_OK; pass++) {
        rewinddir(d);
        while ((de = readdir(d)) != NULL) {
            size_t sl = stem_len(de->d_name);
            if (!sl) continue;
            bool main_file = strcmp(de->d_name + sl, ".embx") == 0;
            if (main_file != (pass == 0)) continue;
            char path[4096 + 300];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            struct stat st;
            if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
            if (pass == 1) {
                for (size_t i = 0; i < cnt; i++) {
                    const char *base = strrchr(v[i].file, '/') + 1;
                    if (strncmp(base, de->d_name, sl) == 0) {
                        v[i].bytes += (uint64_t)st.st_size;
                        break;
                    }
                }
                continue;
            }
            if (cnt == cap) {
                cap = cap ? cap * 2 : 16;
                struct cache_entry *nv = realloc(v, cap * sizeof *nv);
                if (!nv) {
                    rc = err_set(e, "out of memory");
                    break;
                }
                v = nv;
            }
            struct cache_entry *en = &v[cnt++];
            memset(en, 0, sizeof *en);
            snprintf(en->file, sizeof en->file, "%s", path);
            en->bytes = (uint64_t)st.st_size;
            en->mtime = (int64_t)st.st_mtim.tv_sec;
            struct native_source src;
            embx_err ne;
            struct stat ss;
            if (native_read_source(path, &src, &ne) == EMBX_OK) {
                snprintf(en->source, sizeof en->source, "%s", src.path);
                en->orphan = stat(src.path, &ss) != 0;
            } else {
                en->orphan = true;
            }
        }
    }
    closedir(d);
    if (rc) {
        free(v);
        return rc;
    }
    if (cnt) qsort(v, cnt, sizeof *v, by_age);
    *out = v;
    *n = cnt;
    return EMBX_OK;
}

size_t cache_evict_choice(const struct cache_entry *v, size_t n, uint64_t cap, const char *keep,
                          bool *evict)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        evict[i] = false;
        total += v[i].bytes;
    }
    size_t k = 0;
    if (cap == 0) return 0;
    for (size_t i = 0; i < n && total > cap; i++) {
        if (keep && strcmp(v[i].file, keep) == 0) continue;
        evict[i] = true;
        total -= v[i].bytes;
        k++;
    }
    return k;
}

int cache_remove(const struct cache_entry *en, embx_err *e)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", en->file);
    char *slash = strrchr(dir, '/');
    if (!slash) return err_set(e, "%s: not a cache file", en->file);
    *slash = '\0';
    const char *base = slash + 1;
    size_t sl = stem_len(base);
    if (!sl) return err_set(e, "%s: not a cache file", en->file);
    DIR *d = opendir(dir);
    if (!d) return err_set(e, "cannot read %s: %s", dir, strerror(errno));
    int rc = EMBX_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (stem_len(de->d_name) != sl || strncmp(de->d_name, base, sl) != 0) continue;
        char path[4096 + 300];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (unlink(path) != 0 && errno != ENOENT && rc == EMBX_OK)
            rc = err_set(e, "cannot remove %s: %s", path, strerror(errno));
    }
    closedir(d);
    return rc;
}

int cache_enforce_cap(uint64_t cap, const char *keep, size_t *removed, uint64_t *freed, embx_err *e)
{
    *removed = 0;
    *freed = 0;
    if (cap == 0) return EMBX_OK;
    char dir[PATH_MAX];
    if (cache_dir(dir, sizeof dir, e)) return EMBX_ERR;
    struct cache_entry *v;
    size_t n;
    if (cache_list(dir, &v, &n, e)) return EMBX_ERR;
    bool *ev = calloc(n ? n : 1, sizeof *ev);
    if (!ev) {
        free(v);
        return err_set(e, "out of memory");
    }
    cache_evict_choice(v, n, cap, keep, ev);
    int rc = EMBX_OK;
    for (size_t i = 0; i < n; i++) {
        if (!ev[i]) continue;
        if (cache_remove(&v[i], e)) {
            rc = EMBX_ERR;
            break;
        }
        (*removed)++;
        *freed += v[i].bytes;
    }
    free(ev);
    free(v);
    return rc;
}

int cache_parse_size(const char *s, uint64_t *out)
{
    if (strcmp(s, "off") == 0 || strcmp(s, "none") == 0) {
        *out = 0;
        return 0;
    }
    if (!isdigit((unsigned char)*s)) return -1;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (errno || end == s || !(v >= 0)) return -1;
    double mult = 1;
    switch (toupper((unsigned char)*end)) {
    case 'K': mult = 1024.0; end++; break;
    case 'M': mult = 1024.0 * 1024; end++; break;
    case 'G': mult = 1024.0 * 1024 * 1024; end++; break;
    case 'T': mult = 1024.0 * 1024 * 1024 * 1024; end++; break;
    default: break;
    }
    if (mult > 1 && (*end == 'i' || *end == 'I')) end++;
    if (*end == 'B' || *end == 'b') end++;
    if (*end) return -1;
    v *= mult;
    if (v >= 18446744073709551615.0) return -1;
    *out = (uint64_t)v;
    return 0;
}

const char *cache_size_str(uint64_t bytes, char *buf, size_t len)
{
    static const char *const unit[] = {"KB", "MB", "GB", "TB"};
    if (bytes < 1024) {
        snprintf(buf, len, "%llu B", (unsigned long long)bytes);
        return buf;
    }
    double v = (double)bytes / 1024.0;
    int u = 0;
    while (v >= 1024.0 && u < 3) {
        v /= 1024.0;
        u++;
    }
    snprintf(buf, len, v < 10 ? "%.1f %s" : "%.0f %s", v, unit[u]);
    return buf;
}
