/* fuzz_common: helpers shared by the libFuzzer harnesses. The readers take a
 * path, so each input is written to one scratch file per process (on tmpfs
 * when TMPDIR points there); a successfully read table is checked for the
 * invariants every command relies on, so a reader that "succeeds" with a
 * broken table is a crash here, not a wrong answer later. */
#ifndef EMBX_FUZZ_COMMON_H
#define EMBX_FUZZ_COMMON_H
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "table.h"

/* This process's scratch directory ($EMBX_FUZZ_TMP, else /dev/shm, else
 * $TMPDIR): created once, removed at exit (not after a crash, so the scripts
 * point EMBX_FUZZ_TMP at a directory they remove themselves). */
static char fuzz_dir[4096];

static void fuzz_cleanup(void)
{
    if (!fuzz_dir[0]) return;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0) fuzz_dir[0] = '\0';
}

static const char *fuzz_scratch_dir(void)
{
    if (!fuzz_dir[0]) {
        /* tmpfs first: writing each input to a disk file costs ~5 ms */
        const char *tmp = getenv("EMBX_FUZZ_TMP");
        if (!tmp || !*tmp) tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/embx-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(fuzz_dir)) abort();
        atexit(fuzz_cleanup);
        /* the cache and history of the code under test stay in the scratch dir */
        setenv("XDG_CACHE_HOME", fuzz_dir, 1);
        setenv("XDG_STATE_HOME", fuzz_dir, 1);
        setenv("HOME", fuzz_dir, 1);
        setenv("EMBX_PROGRESS", "0", 1);
    }
    return fuzz_dir;
}

/* Writes data to the scratch file NAME and returns its path (static buffer). */
static const char *fuzz_write_file(const char *name, const uint8_t *data, size_t n)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/%s", fuzz_scratch_dir(), name);
    FILE *fp = fopen(path, "wb");
    if (!fp) abort();
    if (n && fwrite(data, 1, n, fp) != n) abort();
    if (fclose(fp) != 0) abort();
    return path;
}

/* Invariants of a table any reader returns: at least one row and column,
 * every word found at its own row, inverse norms finite and non-negative,
 * every float of every row readable (ASan catches a short mapping). */
static void fuzz_check_table(const embx_table *t)
{
    if (!t || t->n == 0 || t->dim == 0 || !t->vecs || !t->words || !t->inv_norms) abort();
    volatile float sink = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!t->words[i]) abort();
        if (table_find(t, t->words[i]) != (long)i) abort();
        float in = t->inv_norms[i];
        if (!(in >= 0.0f) || isinf(in)) {
            fprintf(stderr, "fuzz_check_table: row %zu of %zu (dim %zu): inverse norm %g\n", i, t->n, t->dim, in);
            for (size_t j = 0; j < t->dim && j < 16; j++) fprintf(stderr, " %g", table_row(t, i)[j]);
            fputc('\n', stderr);
            abort();
        }
        const float *r = table_row(t, i);
        for (size_t j = 0; j < t->dim; j++) sink += r[j];
    }
    (void)sink;
}

/* The contract of every table reader, checked after a call that filled *t
 * and *e: EMBX_OK with a sound table (checked, then freed), or an error
 * with a message and no table. */
static void fuzz_expect_read(int rc, embx_table **t, const embx_err *e)
{
    if (rc == EMBX_OK) {
        fuzz_check_table(*t);
        table_free(*t);
        *t = NULL;
    } else if (!e->msg[0] || *t) {
        abort();
    }
}

/* A deterministic choice from the input, so a reproducer replays exactly. */
static inline uint32_t fuzz_hash(const uint8_t *d, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ d[i]) * 16777619u;
    return h;
}

/* A small table (words that stress the command language and the vocabulary:
 * operators, numbers, UTF-8, a zero row); deterministic values. */
static const char *const fuzz_words[] = {
    "king", "queen", "man", "woman", "paris", "france", "berlin", "germany",
    "-", "--", "-lrb-", "1990", "caf\xc3\xa9", "\xe6\x9d\xb1\xe4\xba\xac", "a;b", "\"q\"",
    "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "zero", "Paris", "+", "x",
};
#define FUZZ_NWORDS (sizeof fuzz_words / sizeof fuzz_words[0])
#define FUZZ_DIM 8

static embx_table *fuzz_small_table(void)
{
    embx_err e;
    embx_table *t = table_create(FUZZ_NWORDS, FUZZ_DIM, &e);
    if (!t) abort();
    size_t len = 0;
    for (size_t i = 0; i < FUZZ_NWORDS; i++) len += strlen(fuzz_words[i]) + 1;
    char *blob = malloc(len), *p = blob;
    if (!blob) abort();
    uint32_t s = 12345;
    for (size_t i = 0; i < FUZZ_NWORDS; i++) {
        size_t l = strlen(fuzz_words[i]) + 1;
        memcpy(p, fuzz_words[i], l);
        p += l;
        float *r = table_row(t, i);
        for (size_t j = 0; j < FUZZ_DIM; j++) {
            s = s * 1103515245u + 12345u;
            r[j] = strcmp(fuzz_words[i], "zero") == 0 ? 0.0f : (float)((s >> 8) % 2001) / 1000.0f - 1.0f;
        }
    }
    t->n = FUZZ_NWORDS;
    if (table_set_vocab(t, blob, len, true, &e) || table_finish(t, NULL, &e)) abort();
    snprintf(t->format, sizeof t->format, "glove");
    return t;
}

/* Applies the input as a list of 4-byte edits to a valid file image (buf,
 * *len bytes, room for cap): byte offset (16 bits), value, operation. The
 * operations aim at what a validator must catch: a byte set or flipped, a
 * 64-bit field set to a boundary value (0, 1, huge, around the file size),
 * the file cut short. */
static void fuzz_patch(uint8_t *buf, size_t *len, const uint8_t *d, size_t n)
{
    for (size_t i = 0; i + 4 <= n && *len > 0; i += 4) {
        size_t off = ((size_t)d[i] | (size_t)d[i + 1] << 8) % *len;
        uint8_t v = d[i + 2];
        switch (d[i + 3] & 3) {
        case 0: buf[off] = v; break;
        case 1: {
            uint64_t vals[] = {0, 1, 2, 8, 64, 4096, (uint64_t)*len, (uint64_t)*len - 1, (uint64_t)*len + 1,
                               1000000000000ULL, 1ULL << 32, 1ULL << 63, UINT64_MAX, UINT64_MAX - 7};
            uint64_t x = vals[v % (sizeof vals / sizeof vals[0])];
            off &= ~(size_t)7;
            if (v & 0x80) off &= ~(size_t)3;   /* also 4-byte fields */
            size_t w = (v & 0x80) ? 4 : 8;
            for (size_t k = 0; k < w && off + k < *len; k++) buf[off + k] = (uint8_t)(x >> (8 * k));
            break;
        }
        case 2: *len = off; break;
        default: buf[off] ^= v ? v : 0x80; break;
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
/* Harnesses that query the small table (expressions, benchmarks) define
 * FUZZ_WANT_TABLE before including: fuzz_tab is made once at start. */
#ifdef FUZZ_WANT_TABLE
static embx_table *fuzz_tab;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_tab = fuzz_small_table();
    return 0;
}
#endif

#ifdef EMBX_FORMATS_H
/* Read options chosen from the input's hash h: format f (FMT_AUTO now and
 * then, so detection runs too), --skip-bad, --limit 2, and two threads one
 * time in eight (thread hand-offs are slow on a loaded machine). */
static struct read_opts fuzz_read_opts(uint32_t h, enum embx_format f)
{
    struct read_opts o = {0};
    o.format = (h & 3) == 0 ? FMT_AUTO : f;
    o.skip_bad = (h >> 2) & 1;
    o.limit = ((h >> 3) & 3) == 3 ? 2 : 0;
    o.threads = ((h >> 5) & 7) == 0 ? 2 : 1;
    o.quiet = true;
    return o;
}

/* formats_read must return a sound table that honours --limit, or fail with
 * a message and no table. */
static void fuzz_formats_read(const char *path, const struct read_opts *o)
{
    embx_table *t = NULL;
    struct read_report r;
    embx_err e;
    e.msg[0] = '\0';
    int rc = formats_read(path, o, &t, &r, &e);
    if (rc == EMBX_OK && ((o->limit && t->n > o->limit) || r.rows != t->n)) abort();
    fuzz_expect_read(rc, &t, &e);
}
#endif

#endif
