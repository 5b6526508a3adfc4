/* format_input: mapped plain files and streamed gzip files. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
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

void input_prefault(const fmt_input *in, size_t from, size_t upto)
{
#ifdef MADV_POPULATE_READ
    if (in->gz || !in->data) return;
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    size_t a = from & ~(pg - 1), b = upto < in->len ? upto : in->len;
    /* advice: an older kernel (EINVAL) or a file cut short (EFAULT) leaves
     * the pages to be faulted in as they are read */
    if (b > a) madvise((void *)(in->data + a), b - a, MADV_POPULATE_READ);
#else
    (void)in;
    (void)from;
    (void)upto;
#endif
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

/* ---- blocks of whole lines from a decompressing thread ---- */

enum { SLOT_FREE, SLOT_FILLED, SLOT_TAKEN };

struct block_slot {
    char *buf;
    size_t cap, len, seq;
    int state;
};

struct input_blocks {
    fmt_input *in;
    size_t block;
    int depth;
    struct block_slot *slots;
    char *carry;                  /* a partial last line, for the next block */
    size_t carry_len, carry_cap;
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t filled, freed;
    size_t produced, taken;       /* next sequence numbers */
    bool done, cancel;            /* producer finished; takers gave up */
    char err[512];       /* the read error, when done with one */
};

static bool room(char **p, size_t *cap, size_t need)
{
    if (need <= *cap) return true;
    size_t nc = *cap ? *cap : 4096;
    while (nc < need) nc *= 2;
    char *q = realloc(*p, nc);
    if (!q) return false;
    *p = q;
    *cap = nc;
    return true;
}

/* Fills one slot with carry + fresh bytes, cut after the last newline
 * within the block size (further only for a longer line). Returns 1 with a
 * block, 0 at the end, -1 on error (msg set). Runs without the lock: the
 * slot is FREE and only the producer touches free slots. */
static int produce_one(input_blocks *b, struct block_slot *s, char *msg, size_t msglen)
{
    gzFile g = (gzFile)b->in->gzf;
    size_t want = b->block;
    if (!room(&s->buf, &s->cap, want > b->carry_len ? want : b->carry_len)) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    memcpy(s->buf, b->carry, b->carry_len);
    s->len = b->carry_len;
    b->carry_len = 0;
    size_t scan = 0;           /* bytes already known to hold no newline */
    bool eof = b->in->eof;
    for (;;) {
        while (!eof && s->len < want) {
            size_t chunk = want - s->len;
            if (chunk > (1u << 30)) chunk = 1u << 30;
            int got = gzread(g, s->buf + s->len, (unsigned)chunk);
            if (got < 0) {
                snprintf(msg, msglen, "corrupt gzip data (%s)", gz_message(g));
                return -1;
            }
            if (got == 0) {
                int zerr;
                gzerror(g, &zerr);
                if (zerr != Z_OK && zerr != Z_STREAM_END) {
                    snprintf(msg, msglen, "corrupt gzip data (%s)", gz_message(g));
                    return -1;
                }
                eof = b->in->eof = true;
            }
            s->len += (size_t)got;
        }
        if (eof && s->len <= want) return s->len ? 1 : 0;
        /* cut after the last newline; the rest waits for the next block */
        size_t upto = s->len < want ? s->len : want;
        char *nl = NULL;
        for (size_t i = upto; i > scan; i--)
            if (s->buf[i - 1] == '\n') {
                nl = s->buf + i - 1;
                break;
            }
        if (nl) {
            size_t keep = (size_t)(nl + 1 - s->buf);
            if (!room(&b->carry, &b->carry_cap, s->len - keep)) {
                snprintf(msg, msglen, "out of memory");
                return -1;
            }
            b->carry_len = s->len - keep;
            memcpy(b->carry, s->buf + keep, b->carry_len);
            s->len = keep;
            return 1;
        }
        /* one line longer than the block: look further */
        scan = upto;
        want *= 2;
        if (!room(&s->buf, &s->cap, want)) {
            snprintf(msg, msglen, "out of memory");
            return -1;
        }
    }
}

static void *producer(void *arg)
{
    input_blocks *b = arg;
    char msg[512];
    msg[0] = '\0';
    for (;;) {
        pthread_mutex_lock(&b->mu);
        struct block_slot *s = &b->slots[b->produced % (size_t)b->depth];
        while (s->state != SLOT_FREE && !b->cancel) pthread_cond_wait(&b->freed, &b->mu);
        bool stop = b->cancel;
        pthread_mutex_unlock(&b->mu);
        if (stop) break;
        int rc = produce_one(b, s, msg, sizeof msg);
        pthread_mutex_lock(&b->mu);
        if (rc == 1) {
            s->seq = b->produced++;
            s->state = SLOT_FILLED;
        } else {
            if (rc < 0) snprintf(b->err, sizeof b->err, "%s", msg);
            b->done = true;
        }
        pthread_cond_broadcast(&b->filled);
        pthread_mutex_unlock(&b->mu);
        if (rc != 1) return NULL;
    }
    pthread_mutex_lock(&b->mu);
    b->done = true;
    pthread_cond_broadcast(&b->filled);
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

int input_blocks_start(fmt_input *in, size_t block, int depth, input_blocks **out, embx_err *e)
{
    input_blocks *b = calloc(1, sizeof *b);
    if (!b) return err_set(e, "out of memory");
    b->in = in;
    b->block = block ? block : 1;
    b->depth = depth > 0 ? depth : 1;
    b->slots = calloc((size_t)b->depth, sizeof *b->slots);
    size_t have = in->len - in->pos;
    if (!b->slots || !room(&b->carry, &b->carry_cap, have + 1)) {
        input_blocks_stop(b);
        return err_set(e, "out of memory");
    }
    /* what the caller already buffered (header sniffing) comes first */
    memcpy(b->carry, in->data + in->pos, have);
    b->carry_len = have;
    in->pos = in->len;
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->filled, NULL);
    pthread_cond_init(&b->freed, NULL);
    if (pthread_create(&b->thread, NULL, producer, b) != 0) {
        pthread_mutex_destroy(&b->mu);
        pthread_cond_destroy(&b->filled);
        pthread_cond_destroy(&b->freed);
        free(b->slots);
        free(b->carry);
        free(b);
        return err_set(e, "cannot start the decompression thread");
    }
    b->started = true;
    *out = b;
    return EMBX_OK;
}

int input_blocks_next(input_blocks *b, const char **data, size_t *len, size_t *seq, embx_err *e)
{
    pthread_mutex_lock(&b->mu);
    int rc;
    for (;;) {
        struct block_slot *s = &b->slots[b->taken % (size_t)b->depth];
        if (b->cancel) {
            err_set(e, "stopped");
            *seq = b->taken;
            rc = -1;
            break;
        }
        if (s->state == SLOT_FILLED && s->seq == b->taken) {
            s->state = SLOT_TAKEN;
            *data = s->buf;
            *len = s->len;
            *seq = b->taken++;
            rc = 1;
            break;
        }
        if (b->done && b->produced == b->taken) {
            if (b->err[0]) {
                err_set(e, "%s", b->err);
                *seq = b->taken; /* the error stands where the next block would */
                rc = -1;
            } else {
                rc = 0;
            }
            break;
        }
        pthread_cond_wait(&b->filled, &b->mu);
    }
    pthread_mutex_unlock(&b->mu);
    return rc;
}

void input_blocks_release(input_blocks *b, size_t seq)
{
    pthread_mutex_lock(&b->mu);
    struct block_slot *s = &b->slots[seq % (size_t)b->depth];
    if (s->seq == seq && s->state == SLOT_TAKEN) s->state = SLOT_FREE;
    pthread_cond_broadcast(&b->freed);
    pthread_mutex_unlock(&b->mu);
}

void input_blocks_cancel(input_blocks *b)
{
    pthread_mutex_lock(&b->mu);
    b->cancel = true;
    pthread_cond_broadcast(&b->freed);
    pthread_cond_broadcast(&b->filled);
    pthread_mutex_unlock(&b->mu);
}

void input_blocks_stop(input_blocks *b)
{
    if (!b) return;
    if (b->started) {
        input_blocks_cancel(b);
        pthread_join(b->thread, NULL);
        pthread_mutex_destroy(&b->mu);
        pthread_cond_destroy(&b->filled);
        pthread_cond_destroy(&b->freed);
    }
    for (int i = 0; b->slots && i < b->depth; i++) free(b->slots[i].buf);
    free(b->slots);
    free(b->carry);
    free(b);
}
