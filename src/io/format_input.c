/* format_input: mapped plain files and streamed gzip files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "format_input.h"

#define GZ_CHUNK (4u << 20)

/* gzerror() prefixes its message with the stream's name ("<fd:N>: "). */
static const char *gz_message(gzFile g)
{
    int zerr;
    const char *msg = gzerror(g, &zerr);
    if (!msg || !*msg) return "read error";
    const char *c = strstr(msg, ": ");
    return c && msg[0] == '<' ? c + 2 : msg;
}

static int open_error(const char *path, int err, embx_err *e)
{
    if (err == ENOENT) return err_set(e, "%s: no such file", path);
    if (err == EACCES) return err_set(e, "%s: permission denied", path);
    if (err == EISDIR) return err_set(e, "%s: is a directory, not a vector file", path);
    return err_set(e, "%s: cannot open: %s", path, strerror(err));
}

int input_open(fmt_input *in, const char *path, embx_err *e)
{
    memset(in, 0, sizeof *in);
    in->path = path;
    in->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (in->fd < 0) return open_error(path, errno, e);
    struct stat st;
    if (fstat(in->fd, &st) != 0) {
        int err = errno;
        input_close(in);
        return open_error(path, err, e);
    }
    if (S_ISDIR(st.st_mode)) {
        input_close(in);
        return open_error(path, EISDIR, e);
    }
    bool regular = S_ISREG(st.st_mode);
    in->file_size = regular ? (uint64_t)st.st_size : 0;
    if (regular && st.st_size == 0) {
        input_close(in);
        return err_set(e, "%s:1: the file is empty", path);
    }
    unsigned char magic[2] = {0, 0};
    ssize_t got = regular ? pread(in->fd, magic, 2, 0) : 0;
    /* gzip, and pipes or devices (which cannot be mapped): both streamed
     * through zlib, which passes data that is not gzip through unchanged */
    if (!regular || (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b)) {
        int fd2 = dup(in->fd);
        gzFile g = fd2 >= 0 ? gzdopen(fd2, "rb") : NULL;
        if (!g) {
            if (fd2 >= 0) close(fd2);
            input_close(in);
            return err_set(e, "%s: cannot start gzip decompression", path);
        }
        gzbuffer(g, 1u << 18);
        in->gz = true;                /* streamed (gzip or not) */
        in->gzf = g;
        in->cap = GZ_CHUNK;
        in->buf = malloc(in->cap);
        if (!in->buf) {
            input_close(in);
            return err_set(e, "%s: out of memory", path);
        }
        in->data = in->buf;
        return EMBX_OK;
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, in->fd, 0);
    if (m == MAP_FAILED) {
        int err = errno;
        input_close(in);
        return err_set(e, "%s: cannot map: %s", path, strerror(err));
    }
    in->data = m;
    in->len = (size_t)st.st_size;
    in->eof = true;
    return EMBX_OK;
}

size_t input_fill(fmt_input *in, size_t need, embx_err *e)
{
    size_t have = in->len - in->pos;
    if (have >= need || in->eof) return have;
    /* slide the unread tail to the front, grow if one item is bigger */
    if (in->pos) {
        memmove(in->buf, in->buf + in->pos, have);
        in->base += in->pos;
        in->pos = 0;
        in->len = have;
    }
    if (need > in->cap) {
        size_t nc = in->cap;
        while (nc < need) nc *= 2;
        unsigned char *nb = realloc(in->buf, nc);
        if (!nb) {
            err_set(e, "%s: out of memory", in->path);
            return (size_t)-1;
        }
        in->buf = nb;
        in->cap = nc;
        in->data = nb;
    }
    while (in->len < need && !in->eof) {
        size_t want = in->cap - in->len;
        if (want > (1u << 30)) want = 1u << 30;
        int got = gzread((gzFile)in->gzf, in->buf + in->len, (unsigned)want);
        if (got < 0) {
            err_set(e, "corrupt gzip data (%s)", gz_message((gzFile)in->gzf));
            return (size_t)-1;
        }
        if (got == 0) {
            int zerr;
            gzerror((gzFile)in->gzf, &zerr);
            if (zerr != Z_OK && zerr != Z_STREAM_END) {
                err_set(e, "corrupt gzip data (%s)", gz_message((gzFile)in->gzf));
                return (size_t)-1;
            }
            in->eof = true;
        }
        in->len += (size_t)got;
    }
    return in->len - in->pos;
}

void input_release(const fmt_input *in, size_t from, size_t upto)
{
    if (in->gz || !in->data) return;
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    size_t a = (from + pg - 1) & ~(pg - 1), b = upto & ~(pg - 1);
    if (b > a) madvise((void *)(in->data + a), b - a, MADV_DONTNEED);
}

bool input_compressed(const fmt_input *in)
{
    return in->gz && !gzdirect((gzFile)in->gzf);
}

void input_close(fmt_input *in)
{
    if (in->gz) {
        if (in->gzf) gzclose_r((gzFile)in->gzf);
        free(in->buf);
    } else if (in->data) {
        munmap((void *)in->data, in->len);
    }
    if (in->fd >= 0) close(in->fd);
    memset(in, 0, sizeof *in);
    in->fd = -1;
}
