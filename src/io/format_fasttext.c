/* format_fasttext: fastText .bin models (see format_fasttext.h).
 *
 * The layout, every number little-endian as fastText writes it on the
 * machines it runs on:
 *   int32 magic 793712314, int32 version (11 or 12)
 *   Args: int32 dim ws epoch minCount neg wordNgrams loss model bucket minn
 *         maxn lrUpdateRate, float64 t
 *   Dictionary: int32 size nwords nlabels, int64 ntokens, int64 pruneidx_size,
 *         size x (word NUL-terminated, int64 count, int8 type 0 word/1 label),
 *         pruneidx_size x (int32 hash bucket, int32 row after pruning)
 *   uint8 quantized input; the input matrix: int64 rows, int64 cols,
 *         rows x cols float32 (the nwords word rows, then the n-gram buckets)
 *   then the output matrix, which word vectors do not use.
 * A word's vector is the mean of its own row and the rows of its character
 * n-grams: the n-grams of "<word>" of minn..maxn characters (UTF-8 sequences
 * count as one), hashed with FNV-1a over bytes read as signed char, modulo
 * bucket. A word outside the vocabulary gets the mean of its n-gram rows. */
#include <errno.h>
#include <fcntl.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "format_fasttext.h"
#include "mapguard.h"
#include "progress.h"

#define FT_MAGIC 793712314
#define FT_EOS "</s>"

int fasttext_is_magic(const unsigned char *b, size_t len)
{
    return len >= 8 && b[0] == 0xBA && b[1] == 0x16 && b[2] == 0x4F && b[3] == 0x2F;
}

uint32_t fasttext_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    /* fastText widens each byte through int8_t: bytes >= 0x80 become
     * 0xFFFFFFxx before the xor, unlike textbook FNV-1a. */
    for (size_t i = 0; i < len; i++) {
        h ^= (uint32_t)(int32_t)(int8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

/* ---- the model kept for words outside the vocabulary ---- */

struct ft_prune {
    int32_t key, row;
};

struct ft_model {
    struct table_oov oov;       /* first: the table's hook is this struct */
    const unsigned char *rows;  /* the input matrix's floats (any alignment) */
    uint64_t m;                 /* its rows */
    size_t dim;
    uint64_t nwords;
    int32_t bucket, minn, maxn;
    int64_t prune_n;            /* < 0: not pruned; 0: no n-grams; > 0: entries in prune */
    struct ft_prune *prune;     /* sorted by key */
};

static void model_free(struct table_oov *o)
{
    struct ft_model *m = (struct ft_model *)o;
    free(m->prune);
    free(m);
}

/* acc += row r of the input matrix (float sums, in fastText's order). */
static void add_row(const struct ft_model *m, uint64_t r, float *acc)
{
    const unsigned char *p = m->rows + r * m->dim * 4;
    for (size_t j = 0; j < m->dim; j++) {
        float v;
        memcpy(&v, p + 4 * j, 4);
        acc[j] += v;
    }
}

/* The matrix row of n-gram bucket h; false when pruning dropped it. */
static bool ngram_row(const struct ft_model *m, uint32_t h, uint64_t *row)
{
    if (m->prune_n < 0) {
        *row = m->nwords + h;
        return true;
    }
    size_t lo = 0, hi = (size_t)m->prune_n;    /* the last entry with this key wins */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->prune[mid].key <= (int32_t)h) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0 || m->prune[lo - 1].key != (int32_t)h) return false;
    *row = m->nwords + (uint64_t)m->prune[lo - 1].row;
    return true;
}

/* Byte k of "<" word ">" (w has L bytes). */
static inline unsigned char bounded(const char *w, size_t L, size_t k)
{
    return k == 0 ? '<' : k == L + 1 ? '>' : (unsigned char)w[k - 1];
}

/* Adds the rows of the character n-grams of word (L bytes) to acc; returns
 * how many. The hash grows with the n-gram, one character at a time. */
static size_t add_ngrams(const struct ft_model *m, const char *w, size_t L, float *acc)
{
    if (m->maxn <= 0 || m->bucket <= 0 || m->prune_n == 0) return 0;
    if (L == strlen(FT_EOS) && memcmp(w, FT_EOS, L) == 0) return 0;  /* fastText gives </s> none */
    size_t len = L + 2, count = 0;
    for (size_t i = 0; i < len; i++) {
        if ((bounded(w, L, i) & 0xC0) == 0x80) continue;  /* not at a character's start */
        uint32_t h = 2166136261u;
        size_t j = i;
        for (int32_t n = 1; j < len && n <= m->maxn; n++) {
            do {
                h ^= (uint32_t)(int32_t)(int8_t)bounded(w, L, j++);
                h *= 16777619u;
            } while (j < len && (bounded(w, L, j) & 0xC0) == 0x80);
            /* single "<" and ">" are not n-grams */
            if (n >= m->minn && !(n == 1 && (i == 0 || j == len))) {
                uint64_t r;
                if (ngram_row(m, h % (uint32_t)m->bucket, &r)) {
                    add_row(m, r, acc);
                    count++;
                }
            }
        }
    }
    return count;
}

static void scale(float *v, size_t dim, size_t count)
{
    float f = (float)(1.0 / (double)count);   /* fastText multiplies by 1.0 / count */
    for (size_t j = 0; j < dim; j++) v[j] *= f;
}

static bool model_vector(const struct table_oov *o, const char *word, float *out)
{
    const struct ft_model *m = (const struct ft_model *)o;
    memset(out, 0, sizeof(float) * m->dim);
    size_t c = add_ngrams(m, word, strlen(word), out);
    if (!c) return false;
    scale(out, m->dim, c);
    return true;
}

/* ---- parsing ---- */

struct cur {
    const unsigned char *b;
    size_t len, at;
    const char *path;
};

static int need(struct cur *c, size_t n, const char *what, embx_err *e)
{
    if (c->len - c->at >= n) return EMBX_OK;
    return err_set(e, "%s: truncated fastText model: %s at byte %zu needs %zu bytes, %zu remain", c->path, what,
                   c->at, n, c->len - c->at);
}

static int32_t get32(struct cur *c)
{
    const unsigned char *p = c->b + c->at;
    c->at += 4;
    return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
}

static int64_t get64(struct cur *c)
{
    uint64_t lo = (uint32_t)get32(c), hi = (uint32_t)get32(c);
    return (int64_t)(lo | hi << 32);
}

static int cmp_prune(const void *a, const void *b)
{
    const struct ft_prune *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

struct ft_head {
    int32_t dim, bucket, minn, maxn, model;
    int32_t size, nwords, nlabels;
    int64_t prune_n;
    size_t words_at, words_len;   /* the words' entries: offset and bytes */
};

/* Magic, version and Args. */
static int read_args(struct cur *c, struct ft_head *h, embx_err *e)
{
    if (need(c, 8, "the magic number and version", e)) return EMBX_ERR;
    if (!fasttext_is_magic(c->b, c->len))
        return err_set(e, "%s: not a fastText model (its first bytes are not fastText's magic number)", c->path);
    c->at = 4;
    int32_t version = get32(c);
    if (version < 11 || version > 12)
        return err_set(e, "%s: fastText model version %d is not supported (embx reads versions 11 and 12)",
                       c->path, (int)version);
    if (need(c, 12 * 4 + 8, "the model's arguments", e)) return EMBX_ERR;
    int32_t a[12];
    for (int i = 0; i < 12; i++) a[i] = get32(c);
    c->at += 8;  /* t, the sampling threshold */
    h->dim = a[0];
    h->model = a[7];
    h->bucket = a[8];
    h->minn = a[9];
    h->maxn = a[10];
    /* version 11 supervised models were trained without character n-grams */
    if (version == 11 && h->model == 3) h->maxn = 0;
    if (h->dim <= 0) return err_set(e, "%s: fastText model with dimension %d", c->path, (int)h->dim);
    if (h->bucket < 0 || h->minn < 0 || h->maxn < 0)
        return err_set(e, "%s: fastText model with bucket %d, minn %d, maxn %d (none may be negative)", c->path,
                       (int)h->bucket, (int)h->minn, (int)h->maxn);
    return EMBX_OK;
}

/* The dictionary: counts checked against the bytes, the word entries'
 * extent recorded, labels skipped, then the pruned buckets. */
static int read_dict(struct cur *c, struct ft_head *h, struct ft_prune **prune, embx_err *e)
{
    if (need(c, 12 + 16, "the dictionary's header", e)) return EMBX_ERR;
    h->size = get32(c);
    h->nwords = get32(c);
    h->nlabels = get32(c);
    (void)get64(c);   /* ntokens */
    h->prune_n = get64(c);
    if (h->size < 0 || h->nwords < 0 || h->nlabels < 0 || (int64_t)h->nwords + h->nlabels != h->size)
        return err_set(e, "%s: fastText dictionary of %d entries says it has %d words and %d labels", c->path,
                       (int)h->size, (int)h->nwords, (int)h->nlabels);
    /* an entry is at least a NUL, an 8-byte count and a type byte */
    if ((uint64_t)h->size > (c->len - c->at) / 10)
        return err_set(e, "%s: truncated fastText model, or a damaged count: the dictionary claims %d entries, "
                       "more than the %zu bytes left hold", c->path, (int)h->size, c->len - c->at);
    h->words_at = c->at;
    for (int32_t i = 0; i < h->size; i++) {
        const unsigned char *p = c->b + c->at;
        const unsigned char *z = memchr(p, '\0', c->len - c->at);
        if (!z) return need(c, c->len - c->at + 1, "a dictionary word", e);
        size_t wl = (size_t)(z - p);
        if (wl == 0) return err_set(e, "%s: fastText dictionary entry %d at byte %zu is an empty word", c->path,
                                    (int)i, c->at);
        c->at += wl + 1;
        if (need(c, 9, "a dictionary entry's count and type", e)) return EMBX_ERR;
        c->at += 8;
        unsigned char type = c->b[c->at++];
        /* fastText sorts the words before the labels */
        if (type != (i < h->nwords ? 0 : 1))
            return err_set(e, "%s: fastText dictionary entry %d ('%.*s') has type %u where a %s belongs", c->path,
                           (int)i, (int)(wl > 60 ? 60 : wl), (const char *)p, type, i < h->nwords ? "word" : "label");
        if (i + 1 == h->nwords) h->words_len = c->at - h->words_at;
    }
    if (h->prune_n > 0) {
        if ((uint64_t)h->prune_n > (c->len - c->at) / 8)
            return err_set(e, "%s: truncated fastText model, or a damaged count: the dictionary claims %lld pruned "
                           "buckets, more than the %zu bytes left hold", c->path, (long long)h->prune_n, c->len - c->at);
        *prune = malloc(sizeof **prune * (size_t)h->prune_n);
        if (!*prune) return err_set(e, "%s: out of memory for %lld pruned buckets", c->path, (long long)h->prune_n);
        for (int64_t i = 0; i < h->prune_n; i++) {
            (*prune)[i].key = get32(c);
            (*prune)[i].row = get32(c);
        }
    }
    return EMBX_OK;
}

/* The words' entries as the table's vocabulary blob (first n words). */
static char *vocab_blob(const struct cur *c, const struct ft_head *h, size_t n, size_t *len)
{
    size_t at = h->words_at, out = 0;
    char *blob = malloc(h->words_len ? h->words_len : 1);
    if (!blob) return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t wl = strlen((const char *)c->b + at);
        memcpy(blob + out, c->b + at, wl + 1);
        out += wl + 1;
        at += wl + 1 + 9;
    }
    *len = out;
    return blob;
}

/* The vocabulary's vectors: each word's row and n-gram rows, averaged. */
static int word_vectors(const struct ft_model *m, embx_table *t, const struct read_opts *o, embx_err *e)
{
    int threads = o->threads > 0 ? o->threads : omp_get_max_threads();
    int stop = 0;
    bool show = !o->quiet;
    progress pg;
    if (show) progress_start(&pg, "fastText word vectors", (double)t->n);
    size_t done = 0;
    #pragma omp parallel for schedule(dynamic, 512) num_threads(threads) if (t->n * t->dim > (1u << 18))
    for (size_t i = 0; i < t->n; i++) {
        if (__atomic_load_n(&stop, __ATOMIC_RELAXED)) continue;
        float *v = table_row(t, i);
        memset(v, 0, sizeof(float) * t->dim);
        add_row(m, i, v);
        scale(v, t->dim, 1 + add_ngrams(m, t->words[i], strlen(t->words[i]), v));
        if ((i & 4095) == 4095) {
            if (progress_cancelled()) __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
            size_t d = __atomic_add_fetch(&done, 4096, __ATOMIC_RELAXED);
            if (show && omp_get_thread_num() == 0) progress_update(&pg, (double)d, NULL);
        }
    }
    if (show) progress_finish(&pg);
    return stop ? err_cancelled(e) : EMBX_OK;
}

static int parse(struct cur *c, void *map, size_t map_len, const struct read_opts *o, embx_table **out,
                 embx_err *e)
{
    struct ft_head h = {0};
    struct ft_prune *prune = NULL;
    if (read_args(c, &h, e) || read_dict(c, &h, &prune, e)) goto fail;
    if (need(c, 1, "the quantization flag", e)) goto fail;
    if (c->b[c->at++]) {
        err_set(e, "%s: a quantized fastText model (.ftz): its vectors are compressed codes that embx does not "
                "decode; open the full .bin model, or the .vec file fastText writes beside it", c->path);
        goto fail;
    }
    if (need(c, 16, "the input matrix's shape", e)) goto fail;
    int64_t rows = get64(c), cols = get64(c);
    size_t left = c->len - c->at;
    if (rows < 0 || cols != h.dim) {
        err_set(e, "%s: fastText input matrix of %lld x %lld for dimension %d", c->path, (long long)rows,
                (long long)cols, (int)h.dim);
        goto fail;
    }
    if ((uint64_t)rows > left / 4 / (uint64_t)cols) {
        err_set(e, "%s: truncated fastText model: the input matrix of %lld x %lld floats needs more than the %zu "
                "bytes left", c->path, (long long)rows, (long long)cols, left);
        goto fail;
    }
    if ((uint64_t)rows < (uint64_t)h.nwords) {
        err_set(e, "%s: fastText input matrix has %lld rows for %d words", c->path, (long long)rows, (int)h.nwords);
        goto fail;
    }
    if (h.prune_n < 0 && h.maxn > 0 && h.bucket > 0 && (uint64_t)rows < (uint64_t)h.nwords + (uint64_t)h.bucket) {
        err_set(e, "%s: fastText input matrix has %lld rows, fewer than its %d words and %d n-gram buckets", c->path,
                (long long)rows, (int)h.nwords, (int)h.bucket);
        goto fail;
    }
    for (int64_t i = 0; i < h.prune_n; i++)
        if (prune[i].row < 0 || (uint64_t)h.nwords + (uint64_t)prune[i].row >= (uint64_t)rows) {
            err_set(e, "%s: fastText pruned bucket %lld points at row %d, outside the input matrix", c->path,
                    (long long)i, (int)prune[i].row);
            goto fail;
        }
    if (h.nwords == 0) {
        err_set(e, "%s: the fastText model has no words", c->path);
        goto fail;
    }
    if (h.prune_n > 0) qsort(prune, (size_t)h.prune_n, sizeof *prune, cmp_prune);

    struct ft_model *m = calloc(1, sizeof *m);
    if (!m) { err_set(e, "out of memory"); goto fail; }
    *m = (struct ft_model){.oov = {.vector = model_vector, .free = model_free, .how = "its character n-grams"},
                           .rows = c->b + c->at, .m = (uint64_t)rows, .dim = (size_t)h.dim,
                           .nwords = (uint64_t)h.nwords, .bucket = h.bucket, .minn = h.minn, .maxn = h.maxn,
                           .prune_n = h.prune_n, .prune = prune};
    snprintf(m->oov.about, sizeof m->oov.about, "fastText character n-grams of %d-%d characters, %d buckets",
             (int)h.minn, (int)h.maxn, (int)h.bucket);
    prune = NULL;
    size_t n = o->limit && o->limit < (size_t)h.nwords ? o->limit : (size_t)h.nwords;
    embx_table *t = table_create(n, (size_t)h.dim, e);
    if (!t) { model_free(&m->oov); goto fail; }
    /* from here the table owns the mapping and the model */
    t->map = map;
    t->map_len = map_len;
    t->map_guard = mapguard_register(map, map_len);
    t->oov = &m->oov;
    t->n = n;
    size_t blen = 0;
    char *blob = vocab_blob(c, &h, n, &blen);
    if (!blob) { err_set(e, "out of memory for the vocabulary"); table_free(t); return EMBX_ERR; }
    if (table_set_vocab(t, blob, blen, true, e)) { free(blob); table_free(t); return EMBX_ERR; }
    int rc = word_vectors(m, t, o, e);
    if (rc == EMBX_OK) rc = table_finish(t, NULL, e);
    if (rc != EMBX_OK) { table_free(t); return rc; }
    *out = t;
    return EMBX_OK;
fail:
    free(prune);
    munmap(map, map_len);
    return EMBX_ERR;
}

int fasttext_read(const char *path, const struct read_opts *o, embx_table **out, struct read_report *r,
                  embx_err *e)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_set(e, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return err_set(e, "%s: a fastText model must be a regular file (it is mapped)", path);
    }
    if (st.st_size < 8) {
        close(fd);
        return err_set(e, "%s: truncated fastText model: %lld bytes", path, (long long)st.st_size);
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return err_set(e, "%s: cannot map: %s", path, strerror(errno));
    struct cur c = {.b = map, .len = len, .at = 0, .path = path};
    int rc = parse(&c, map, len, o, out, e);
    if (rc != EMBX_OK) return rc;
    (*out)->source = strdup(path);
    snprintf((*out)->format, sizeof (*out)->format, "fasttext-bin");
    r->format = FMT_FASTTEXT_BIN;
    r->rows = (*out)->n;
    return EMBX_OK;
}
