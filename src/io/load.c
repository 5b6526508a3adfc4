/* load: one entry point for every file: native .embx files are mapped
 * directly; other formats come from the cache when it holds a fresh copy,
 * else they are parsed and the cache is filled. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cache.h"
#include "load.h"
#include "native.h"
#include "labels.h"
#include "registry.h"

/* The first bytes of path (none when unreadable: the reader then says why). */
static size_t peek(const char *path, unsigned char *m, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = pread(fd, m, len, 0);
    close(fd);
    return n > 0 ? (size_t)n : 0;
}

/* Matrices from this size on are cached in the background. */
#define BACKGROUND_BYTES (16u << 20)

/* Writing the cache copy of a big table means pushing the whole matrix to
 * disk, which can take longer than parsing it. A detached grandchild process
 * writes it from a copy-on-write snapshot of the table while the session goes
 * on (the pages are shared, not copied). Its standard streams go to
 * /dev/null so a pipeline reading embx's output is not held open, and its own
 * session keeps Ctrl-C away from it. The copy is validated on every open, so
 * a write that dies half-way costs nothing but a rebuild. Returns false when
 * it could not start (the caller then writes synchronously). */
static bool store_in_background(const char *path, const struct read_opts *o, const embx_table *t,
                                uint64_t cap)
{
    const char *sync = getenv("EMBX_CACHE_SYNC");
    if (sync && *sync && strcmp(sync, "0") != 0) return false;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        pid_t g = fork();
        if (g != 0) _exit(g < 0 ? 1 : 0);
        setsid();
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
            if (fd > 2) close(fd);
        }
        embx_err e;
        if (cache_store(path, o, t, &e) != EMBX_OK) _exit(1);
        char file[4096];
        size_t removed;
        uint64_t freed;
        if (cap && cache_file_for(path, o, file, sizeof file, &e) == EMBX_OK)
            cache_enforce_cap(cap, file, &removed, &freed, &e);
        _exit(0);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int load_any(const char *path, const struct load_opts *o, embx_table **out,
                    struct read_report *r, embx_err *e);

/* Says where a new cached copy went and how big it is (a big text file
 * silently turning into hundreds of MB elsewhere surprises), and evicts the
 * oldest copies beyond the cap. bytes 0: the copy is written, stat it. */
static void note_new_copy(const char *path, const struct load_opts *o, struct read_report *r,
                          uint64_t bytes, bool background)
{
    char file[4096], size[32];
    embx_err ce;
    if (cache_file_for(path, &o->read, file, sizeof file, &ce)) return;
    struct stat st;
    if (!bytes && stat(file, &st) == 0) bytes = (uint64_t)st.st_size;
    size_t removed = 0;
    uint64_t freed = 0;
    char evicted[160] = "";
    if (!background && o->cache_max) {
        if (cache_enforce_cap(o->cache_max, file, &removed, &freed, &ce) == EMBX_OK && removed) {
            char fs[32];
            snprintf(evicted, sizeof evicted, "; evicted the %zu oldest (%s) to stay under cache-max",
                     removed, cache_size_str(freed, fs, sizeof fs));
        }
    }
    if (r->cache_note[0]) return;   /* a rebuilt copy is already named */
    snprintf(r->cache_note, sizeof r->cache_note, "cached a native copy (%s%s) in %s%s ('cache' lists them)",
             background ? "about " : "", cache_size_str(bytes, size, sizeof size), file, evicted);
}

/* --vocab: the rows are renamed after reading, so a cached copy serves any
 * vocabulary. */
int load_table(const char *path, const struct load_opts *o, embx_table **out,
               struct read_report *r, embx_err *e)
{
    if (load_any(path, o, out, r, e)) return EMBX_ERR;
    if (!o->vocab) return EMBX_OK;
    char **labels;
    size_t renamed;
    int rc = labels_read(o->vocab, (*out)->n, &labels, e);
    if (rc == EMBX_OK) {
        rc = labels_apply(*out, labels, &renamed, e);
        labels_free(labels, (*out)->n);
    }
    if (rc) {
        table_free(*out);
        *out = NULL;
        return EMBX_ERR;
    }
    return EMBX_OK;
}

static int load_any(const char *path, const struct load_opts *o, embx_table **out,
                    struct read_report *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    *out = NULL;
    unsigned char m[4096];
    size_t got = peek(path, m, sizeof m);
    const struct format_desc *d = o->read.format != FMT_AUTO ? format_by_code(o->read.format)
                                                             : format_detect_head(m, got);
    if (!d) return err_set(e, "%s: unknown format", path);
    /* a native file is itself what the cache would hold */
    if (native_is_magic(m, got)) d = format_by_code(FMT_EMBX);
    bool gz = got >= 2 && m[0] == 0x1f && m[1] == 0x8b;
    if (gz && !d->gzip)
        return err_set(e, "%s: a gzip-compressed %s file cannot be read: gunzip it first", path, d->name);
    if (!d->cache) return d->read(path, &o->read, out, r, e);
    /* only regular files have a size and mtime to key a cache copy by */
    struct stat st;
    bool cacheable = !o->no_cache && stat(path, &st) == 0 && S_ISREG(st.st_mode);
    if (cacheable) {
        embx_err ce;
        if (cache_lookup(path, &o->read, out, &ce) == EMBX_OK) {
            embx_table *t = *out;
            r->gzip = gz;
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
    if (d->read(path, &o->read, out, r, e)) return EMBX_ERR;
    memcpy(r->cache_note, keep.cache_note, sizeof r->cache_note);
    if (cacheable) {
        const embx_table *t = *out;
        if (t->n * t->dim * sizeof(float) >= BACKGROUND_BYTES &&
            store_in_background(path, &o->read, t, o->cache_max)) {
            /* the size the copy will have: the matrix and norms dominate */
            note_new_copy(path, o, r, ((uint64_t)t->n * (t->dim + 1) + 1024) * sizeof(float), true);
            return EMBX_OK;
        }
        embx_err ce;
        if (cache_store(path, &o->read, t, &ce)) {
            snprintf(r->cache_note, sizeof r->cache_note, "%s", ce.msg);
            return EMBX_OK;
        }
        note_new_copy(path, o, r, 0, false);
    }
    return EMBX_OK;
}
