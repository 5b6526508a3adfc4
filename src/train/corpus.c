/* corpus: streamed corpus reader, vocabulary counting and the id stream. */
#include "corpus.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define DROPPED (UINT32_MAX - 1)

/* One distinct word, in order of first appearance. */
struct vent {
    size_t off;        /* into the arena */
    uint64_t count;
    uint32_t hash;
    uint32_t len;
};

struct counter {
    struct vent *v; size_t nv, capv;
    uint32_t *slots; size_t nslots;   /* id + 1, 0 = empty; power of two */
    char *arena; size_t alen, acap;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (uint32_t)(h ^ (h >> 32));
}

static int counter_grow(struct counter *c, embx_err *e)
{
    size_t ns = c->nslots ? c->nslots * 2 : 1u << 16;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s) return err_set(e, "out of memory counting the vocabulary");
    for (size_t i = 0; i < c->nv; i++) {
        size_t j = c->v[i].hash & (ns - 1);
        while (s[j]) j = (j + 1) & (ns - 1);
        s[j] = (uint32_t)i + 1;
    }
    free(c->slots);
    c->slots = s;
    c->nslots = ns;
    return EMBX_OK;
}

/* Id of the word (added with count 0 when new), or -1 on out of memory. */
static long counter_id(struct counter *c, const char *w, size_t n, embx_err *e)
{
    uint32_t h = hash_bytes(w, n);
    size_t mask = c->nslots - 1, j = h & mask;
    for (;;) {
        uint32_t s = c->slots[j];
        if (!s) break;
        struct vent *v = &c->v[s - 1];
        if (v->hash == h && v->len == n && memcmp(c->arena + v->off, w, n) == 0) return (long)s - 1;
        j = (j + 1) & mask;
    }
    if (c->nv >= DROPPED - 1) return err_set(e, "more than %u distinct words", (unsigned)(DROPPED - 1)), -1;
    if (c->nv == c->capv) {
        size_t nc = c->capv ? c->capv * 2 : 1u << 15;
        struct vent *nvv = realloc(c->v, nc * sizeof *nvv);
        if (!nvv) return err_set(e, "out of memory counting the vocabulary"), -1;
        c->v = nvv;
        c->capv = nc;
    }
    if (c->alen + n + 1 > c->acap) {
        size_t na = c->acap ? c->acap * 2 : 1u << 20;
        while (na < c->alen + n + 1) na *= 2;
        char *a = realloc(c->arena, na);
        if (!a) return err_set(e, "out of memory counting the vocabulary"), -1;
        c->arena = a;
        c->acap = na;
    }
    memcpy(c->arena + c->alen, w, n);
    c->arena[c->alen + n] = '\0';
    c->v[c->nv] = (struct vent){c->alen, 0, h, (uint32_t)n};
    c->alen += n + 1;
    c->slots[j] = (uint32_t)c->nv + 1;
    c->nv++;
    if (c->nv * 2 > c->nslots && counter_grow(c, e) != EMBX_OK) return -1;
    return (long)c->nv - 1;
}

static void counter_free(struct counter *c)
{
    free(c->v);
    free(c->slots);
    free(c->arena);
}

/* Lowercases in place: ASCII, and the two-byte UTF-8 capitals of Latin-1,
 * Greek and Cyrillic (their lowercase forms are two bytes as well). */
static void fold_case(char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)w[i];
        if (b >= 'A' && b <= 'Z') {
            w[i] = (char)(b + 32);
        } else if ((b & 0xE0) == 0xC0 && i + 1 < n && ((unsigned char)w[i + 1] & 0xC0) == 0x80) {
            unsigned cp = ((b & 0x1Fu) << 6) | ((unsigned char)w[i + 1] & 0x3Fu), lo = cp;
            if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) ||
                (cp >= 0x410 && cp <= 0x42F))
                lo = cp + 0x20;
            else if (cp >= 0x400 && cp <= 0x40F)
                lo = cp + 0x50;
            w[i] = (char)(0xC0 | (lo >> 6));
            w[i + 1] = (char)(0x80 | (lo & 0x3F));
            i++;
        }
    }
}

struct idwriter {
    FILE *fp;
    uint32_t buf[16384];
    size_t n;
    uint64_t total;
    bool last_eos;
};

static int idw_put(struct idwriter *w, uint32_t id, embx_err *e)
{
    if (id == CORPUS_EOS) {
        if (w->last_eos) return EMBX_OK;   /* no empty sentences */
        w->last_eos = true;
    } else {
        w->last_eos = false;
    }
    w->buf[w->n++] = id;
    w->total++;
    if (w->n == sizeof w->buf / sizeof w->buf[0]) {
        if (fwrite(w->buf, sizeof w->buf[0], w->n, w->fp) != w->n)
            return err_set(e, "cannot write the temporary id file: %s", strerror(errno));
        w->n = 0;
    }
    return EMBX_OK;
}

static int idw_flush(struct idwriter *w, embx_err *e)
{
    if (w->n && fwrite(w->buf, sizeof w->buf[0], w->n, w->fp) != w->n)
        return err_set(e, "cannot write the temporary id file: %s", strerror(errno));
    w->n = 0;
    if (fflush(w->fp) != 0) return err_set(e, "cannot write the temporary id file: %s", strerror(errno));
    return EMBX_OK;
}

/* An unlinked temporary file in $TMPDIR (or /tmp). */
static FILE *temp_file(embx_err *e)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    size_t n = strlen(dir) + 32;
    char *path = malloc(n);
    if (!path) return err_set(e, "out of memory"), NULL;
    snprintf(path, n, "%s/embx-corpus.XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        err_set(e, "cannot create a temporary file in %s: %s (set TMPDIR)", dir, strerror(errno));
        free(path);
        return NULL;
    }
    unlink(path);
    free(path);
    FILE *fp = fdopen(fd, "w+b");
    if (!fp) {
        close(fd);
        err_set(e, "cannot open a temporary file: %s", strerror(errno));
    }
    return fp;
}

/* Pass over the text: counts words and writes first-appearance ids. */
static int scan(const char *path, gzFile gz, off_t fsize, const struct corpus_opts *o, progress *p,
                struct counter *c, struct idwriter *w, uint64_t *ntokens, embx_err *e)
{
    enum { BUF = 1 << 20 };
    unsigned char *buf = malloc(BUF);
    if (!buf) return err_set(e, "out of memory");
    char word[CORPUS_MAX_WORD + 1];
    size_t wl = 0;
    bool inword = false;
    int rc = EMBX_OK;
    for (;;) {
        int got = gzread(gz, buf, BUF);
        if (got < 0) {
            int zerr;
            const char *msg = gzerror(gz, &zerr);
            rc = err_set(e, "%s: read error: %s", path, zerr == Z_ERRNO ? strerror(errno) : msg);
            break;
        }
        if (got == 0) buf[0] = '\n';   /* end of file ends the last word */
        for (int i = 0; i < (got ? got : 1); i++) {
            unsigned char b = buf[i];
            bool blank = b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f' || b == 0;
            if (!blank) {
                if (wl < CORPUS_MAX_WORD) word[wl++] = (char)b;
                inword = true;
                continue;
            }
            if (inword) {
                if (o->lowercase) fold_case(word, wl);
                long id = counter_id(c, word, wl, e);
                if (id < 0 || idw_put(w, (uint32_t)id, e) != EMBX_OK) {
                    rc = EMBX_ERR;
                    break;
                }
                c->v[id].count++;
                (*ntokens)++;
                wl = 0;
                inword = false;
            }
            if (b == '\n' && idw_put(w, CORPUS_EOS, e) != EMBX_OK) {
                rc = EMBX_ERR;
                break;
            }
        }
        if (rc != EMBX_OK || got == 0) break;
        if (progress_cancelled()) {
            rc = err_cancelled(e);
            break;
        }
        progress_update(p, fsize > 0 ? (double)gzoffset(gz) : 0, NULL);
    }
    free(buf);
    return rc;
}

struct rank { uint64_t count; uint32_t id; };

static int by_count(const void *a, const void *b)
{
    const struct rank *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int corpus_load(const char *path, const struct corpus_opts *o, progress *p, corpus **out, embx_err *e)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0) return err_set(e, "cannot open corpus %s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return err_set(e, "corpus %s is a directory, expected a text file", path);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return err_set(e, "cannot open corpus %s: %s", path, strerror(errno));
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        close(fd);
        return err_set(e, "cannot open corpus %s: out of memory", path);
    }
    gzbuffer(gz, 1 << 18);

    struct counter c = {0};
    struct idwriter *w = calloc(1, sizeof *w);
    uint32_t *remap = NULL;
    struct rank *rk = NULL;
    corpus *cp = NULL;
    int rc = EMBX_ERR;
    if (!w) {
        err_set(e, "out of memory");
        goto done;
    }
    w->last_eos = true;
    if (counter_grow(&c, e) != EMBX_OK) goto done;
    if (!(w->fp = temp_file(e))) goto done;

    uint64_t ntokens = 0;
    if (p) progress_start(p, "reading corpus", (double)st.st_size);
    rc = scan(path, gz, st.st_size, o, p, &c, w, &ntokens, e);
    progress_finish(p);
    if (rc != EMBX_OK) goto done;
    rc = EMBX_ERR;
    if (idw_flush(w, e) != EMBX_OK) goto done;
    if (ntokens == 0) {
        err_set(e, "corpus %s is empty: it holds no words", path);
        goto done;
    }

    /* Rows: most frequent first, ties in order of first appearance. */
    rk = malloc(c.nv * sizeof *rk);
    remap = malloc(c.nv * sizeof *remap);
    cp = calloc(1, sizeof *cp);
    if (!rk || !remap || !cp) {
        err_set(e, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < c.nv; i++) rk[i] = (struct rank){c.v[i].count, (uint32_t)i};
    qsort(rk, c.nv, sizeof *rk, by_count);
    size_t kept = 0, blen = 0;
    while (kept < c.nv && rk[kept].count >= o->min_count) blen += c.v[rk[kept++].id].len + 1;
    const char *top = c.arena + c.v[rk[0].id].off;
    if (kept < 2) {
        if (kept == 0)
            err_set(e, "no word of %s occurs %llu times (the most frequent, '%.60s', occurs %llu); lower --min-count",
                    path, (unsigned long long)o->min_count, top, (unsigned long long)rk[0].count);
        else
            err_set(e, "only 1 of the %zu distinct words of %s occurs at least %llu times; training needs 2 or more "
                    "(lower --min-count or give a larger corpus)", c.nv, path, (unsigned long long)o->min_count);
        goto done;
    }
    cp->nwords = kept;
    cp->ndistinct = c.nv;
    cp->ntokens = ntokens;
    cp->max_count = rk[0].count;
    cp->blob = malloc(blen);
    cp->blob_len = blen;
    cp->words = malloc(kept * sizeof *cp->words);
    cp->counts = malloc(kept * sizeof *cp->counts);
    if (!cp->blob || !cp->words || !cp->counts) {
        err_set(e, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < c.nv; i++) remap[i] = DROPPED;
    char *bp = cp->blob;
    for (size_t r = 0; r < kept; r++) {
        const struct vent *v = &c.v[rk[r].id];
        memcpy(bp, c.arena + v->off, v->len + 1);
        cp->words[r] = bp;
        bp += v->len + 1;
        cp->counts[r] = v->count;
        cp->nkept += v->count;
        remap[rk[r].id] = (uint32_t)r;
    }

    /* Map the id file and rewrite it in place: first-appearance ids become
     * rows, dropped words disappear (they take no window positions). */
    size_t len = w->total * sizeof(uint32_t);
    uint32_t *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fileno(w->fp), 0);
    if (m == MAP_FAILED) {
        err_set(e, "cannot map the temporary id file: %s", strerror(errno));
        goto done;
    }
    size_t n = 0;
    for (size_t i = 0; i < w->total; i++) {
        uint32_t id = m[i];
        if (id == CORPUS_EOS) {
            if (n && m[n - 1] != CORPUS_EOS) m[n++] = CORPUS_EOS;
        } else if (remap[id] != DROPPED) {
            m[n++] = remap[id];
        }
    }
    cp->map = m;
    cp->map_len = len;
    cp->ids = m;
    cp->nids = n;
    madvise(m, len, MADV_SEQUENTIAL);
    rc = EMBX_OK;
done:
    gzclose(gz);
    if (w && w->fp) fclose(w->fp);   /* the mapping stays valid */
    free(w);
    free(remap);
    free(rk);
    counter_free(&c);
    if (rc == EMBX_OK)
        *out = cp;
    else
        corpus_free(cp);
    return rc;
}

char *corpus_take_blob(corpus *c, size_t *len)
{
    char *b = c->blob;
    *len = c->blob_len;
    c->blob = NULL;
    return b;
}

void corpus_free(corpus *c)
{
    if (!c) return;
    if (c->map) munmap(c->map, c->map_len);
    free(c->blob);
    free(c->words);
    free(c->counts);
    free(c);
}
