/* mapcheck: background XXH3 verification of mapped bytes (see mapcheck.h). */
#include "config.h"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "mapcheck.h"

enum { BLOCK = 16u << 20 };

struct mapcheck {
    const unsigned char *data;
    size_t len;
    uint64_t want;
    pthread_t thread;
    bool threaded, joined;
    int done;        /* atomics: set by the worker */
    int stop;        /* set by mapcheck_free */
    bool ok;         /* valid once done */
};

/* The two-level hash; stops early (returning false) when *stop is set. */
static bool hash_blocks(const unsigned char *data, size_t len, const int *stop, uint64_t *out)
{
    XXH3_state_t *st = XXH3_createState();
    if (!st) return false;
    XXH3_64bits_reset(st);
    bool ok = true;
    size_t off = 0;
    do {    /* an empty range is one empty block */
        if (stop && __atomic_load_n(stop, __ATOMIC_RELAXED)) { ok = false; break; }
        size_t n = len - off < BLOCK ? len - off : BLOCK;
        uint64_t h = XXH3_64bits(data + off, n);
        unsigned char le[8];
        for (int i = 0; i < 8; i++) le[i] = (unsigned char)(h >> (8 * i));
        XXH3_64bits_update(st, le, sizeof le);
        off += n;
    } while (off < len);
    *out = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    return ok;
}

uint64_t mapcheck_hash(const void *data, size_t len)
{
    uint64_t h = 0;
    hash_blocks(data, len, NULL, &h);
    return h;
}

static void *worker(void *arg)
{
    struct mapcheck *c = arg;
    uint64_t h = 0;
    bool finished = hash_blocks(c->data, c->len, &c->stop, &h);
    c->ok = finished && h == c->want;
    __atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

struct mapcheck *mapcheck_start(const void *data, size_t len, uint64_t want)
{
    struct mapcheck *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->data = data;
    c->len = len;
    c->want = want;
    /* The worker takes no asynchronous signals (Ctrl-C, resizes stay with
     * the main thread); a fault while reading still reaches it. */
    sigset_t all, old;
    sigfillset(&all);
    sigdelset(&all, SIGBUS);
    sigdelset(&all, SIGSEGV);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    c->threaded = pthread_create(&c->thread, NULL, worker, c) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!c->threaded) worker(c);
    return c;
}

bool mapcheck_wait(struct mapcheck *c)
{
    if (c->threaded && !c->joined) {
        pthread_join(c->thread, NULL);
        c->joined = true;
    }
    return c->ok;
}

bool mapcheck_done(const struct mapcheck *c)
{
    return __atomic_load_n(&c->done, __ATOMIC_ACQUIRE) != 0;
}

void mapcheck_free(struct mapcheck *c)
{
    if (!c) return;
    __atomic_store_n(&c->stop, 1, __ATOMIC_RELAXED);
    if (c->threaded && !c->joined) pthread_join(c->thread, NULL);
    free(c);
}
