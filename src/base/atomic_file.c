/* atomic_file: temp file beside the target, fsync, rename. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "atomic_file.h"

int atomic_open(atomic_file *a, const char *path, embx_err *e)
{
    memset(a, 0, sizeof *a);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return err_set(e, "%s: is a directory", path);
    size_t n = strlen(path);
    a->path = strdup(path);
    a->tmp = malloc(n + 16);
    if (!a->path || !a->tmp) {
        atomic_abort(a);
        return err_set(e, "%s: out of memory", path);
    }
    snprintf(a->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(a->tmp);
    if (fd < 0) {
        int err = errno;
        free(a->tmp);
        a->tmp = NULL;
        atomic_abort(a);
        return err_set(e, "%s: cannot write: %s", path, strerror(err));
    }
    /* mkstemp makes 0600; a saved table should get the usual umask mode. */
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
    a->fp = fdopen(fd, "wb");
    if (!a->fp) {
        int err = errno;
        close(fd);
        atomic_abort(a);
        return err_set(e, "%s: cannot write: %s", path, strerror(err));
    }
    setvbuf(a->fp, NULL, _IOFBF, 1 << 20);
    return EMBX_OK;
}

int atomic_commit(atomic_file *a, embx_err *e)
{
    int err = 0;
    if (fflush(a->fp) != 0 || ferror(a->fp)) err = errno ? errno : EIO;
    if (!err && fsync(fileno(a->fp)) != 0) err = errno;
    if (fclose(a->fp) != 0 && !err) err = errno;
    a->fp = NULL;
    if (!err && rename(a->tmp, a->path) != 0) err = errno;
    if (err) {
        err_set(e, "%s: write failed: %s", a->path, strerror(err));
        atomic_abort(a);
        return EMBX_ERR;
    }
    free(a->tmp);
    free(a->path);
    a->tmp = a->path = NULL;
    return EMBX_OK;
}

void atomic_abort(atomic_file *a)
{
    if (a->fp) fclose(a->fp);
    if (a->tmp) unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
}

int atomic_copy(const char *src, const char *dst, embx_err *e)
{
    FILE *in = fopen(src, "rb");
    if (!in) return err_set(e, "%s: %s", src, strerror(errno));
    atomic_file af;
    if (atomic_open(&af, dst, e)) { fclose(in); return EMBX_ERR; }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, af.fp);
    bool bad = ferror(in);
    fclose(in);
    if (bad) { atomic_abort(&af); return err_set(e, "%s: read error", src); }
    return atomic_commit(&af, e);
}
