/* format_input: the bytes of a vector file, either the whole plain file
 * mapped read-only or a window over a stream (gzip, or a pipe) read on
 * demand, behind one small cursor API the readers share. Open errors
 * (missing file, directory, permission, empty) are reported as
 * "FILE: problem". */
#ifndef EMBX_FORMAT_INPUT_H
#define EMBX_FORMAT_INPUT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

typedef struct fmt_input {
    const char *path;
    int fd;
    bool gz;                      /* streamed through zlib (gzip or a pipe) */
    void *gzf;                    /* gzFile when gz */
    /* plain file: the whole mapping; gz: the decompressed window */
    const unsigned char *data;
    size_t len;                   /* bytes valid in data */
    size_t pos;                   /* cursor within data */
    uint64_t base;                /* stream offset of data[0] */
    unsigned char *buf;           /* gz window storage */
    size_t cap;
    bool eof;                     /* no more bytes will arrive */
    uint64_t file_size;           /* on-disk size */
} fmt_input;

/* Opens path: maps a plain file, or prepares streaming for gzip content. */
int input_open(fmt_input *in, const char *path, embx_err *e);
/* Makes at least `need` bytes available from the cursor when the stream has
 * them; returns the number available (less than need only at the end).
 * Returns (size_t)-1 on a decompression error (e is set). */
size_t input_fill(fmt_input *in, size_t need, embx_err *e);
/* Stream offset of the cursor. */
static inline uint64_t input_offset(const fmt_input *in) { return in->base + in->pos; }
/* Drops the mapped pages wholly inside data[from, upto) from this process's
 * memory (plain files; they stay in the page cache). */
void input_release(const fmt_input *in, size_t from, size_t upto);
/* Maps the pages of data[from, upto) in one call instead of a page fault
 * per few pages (plain files; a no-op where the kernel cannot). */
void input_prefault(const fmt_input *in, size_t from, size_t upto);
/* True when the stream is gzip-compressed (false for a plain pipe). */
bool input_compressed(const fmt_input *in);
/* A decompressing thread that cuts a stream (gzip or a pipe) into blocks of
 * whole lines, in order, for parsers on other threads. */
typedef struct input_blocks input_blocks;
/* Starts the thread on in (from its cursor; in must stay open until
 * input_blocks_stop). block = bytes per block, depth = blocks in flight. */
int input_blocks_start(fmt_input *in, size_t block, int depth, input_blocks **out, embx_err *e);
/* Takes the next block in stream order: returns 1 with its bytes and
 * sequence number, 0 at the end of the stream, -1 on a read error or after a
 * stop (e set to the bare reason, without file or line; *seq set to the
 * number the next block would have had). Thread-safe. */
int input_blocks_next(input_blocks *b, const char **data, size_t *len, size_t *seq, embx_err *e);
/* Gives a block's buffer back once its bytes are no longer needed. */
void input_blocks_release(input_blocks *b, size_t seq);
/* Stops the thread early (cancel, parse error); takers get -1. */
void input_blocks_cancel(input_blocks *b);
/* Joins the thread and frees everything. */
void input_blocks_stop(input_blocks *b);
/* Unmaps / closes. */
void input_close(fmt_input *in);

#endif
