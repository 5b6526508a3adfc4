/* table: vocabulary hash, matrix storage, norms, suggestions, prefix index. */
#include "config.h"   /* _GNU_SOURCE: qsort_r */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "mapcheck.h"
#include "mapguard.h"
#include "table.h"
#include "rowmeta.h"
#include "editdist.h"
#include "utf8.h"

#define ALIGN 64

#define HUGE_ALIGN ((size_t)2 << 20)

/* Big matrices are 2 MB aligned and asked to use transparent huge pages:
 * filling 1 GB through 4 KB page faults costs more than parsing it (each
 * fault is an exit under a hypervisor). Untouched pages stay uncommitted. */
static void *aligned_rows(size_t rows, size_t dim)
{
    void *p = NULL;
    size_t bytes = rows * dim * sizeof(float);
    if (bytes == 0) bytes = ALIGN;
    bool big = bytes >= 4 * HUGE_ALIGN;
    if (posix_memalign(&p, big ? HUGE_ALIGN : ALIGN, bytes) != 0) return NULL;
#ifdef MADV_HUGEPAGE
    if (big) madvise(p, bytes & ~(HUGE_ALIGN - 1), MADV_HUGEPAGE); /* advice: failure is harmless */
#endif
    return p;
}

embx_table *table_create(size_t cap, size_t dim, embx_err *e)
{
    if (dim == 0) {
        err_set(e, "dimension must be at least 1");
        return NULL;
    }
    if (cap > SIZE_MAX / sizeof(float) / dim) {
        err_set(e, "table of %zu x %zu is too large", cap, dim);
        return NULL;
    }
    embx_table *t = calloc(1, sizeof *t);
    if (!t) {
        err_set(e, "out of memory");
        return NULL;
    }
    t->dim = dim;
    t->vecs = aligned_rows(cap, dim);
    if (!t->vecs) {
        free(t);
        err_set(e, "out of memory for a %zu x %zu table (%.1f MB)", cap, dim,
                (double)cap * dim * 4 / 1e6);
        return NULL;
    }
    t->cap = cap;
    t->vecs_owned = true;
    return t;
}

int table_reserve(embx_table *t, size_t cap, embx_err *e)
{
    if (cap <= t->cap) return EMBX_OK;
    if (!t->vecs_owned) return err_set(e, "table is read-only");
    if (cap > SIZE_MAX / sizeof(float) / t->dim)
        return err_set(e, "table of %zu x %zu is too large", cap, t->dim);
    float *v = aligned_rows(cap, t->dim);
    if (!v)
        return err_set(e, "out of memory for a %zu x %zu table (%.1f MB)", cap, t->dim,
                       (double)cap * t->dim * 4 / 1e6);
    if (t->n) memcpy(v, t->vecs, t->n * t->dim * sizeof(float));
    free(t->vecs);
    t->vecs = v;
    t->cap = cap;
    return EMBX_OK;
}

int table_set_vocab(embx_table *t, char *blob, size_t len, bool owned, embx_err *e)
{
    char **w = malloc((t->n ? t->n : 1) * sizeof *w);
    if (!w) return err_set(e, "out of memory");
    size_t i = 0, off = 0;
    while (i < t->n && off < len) {
        w[i++] = blob + off;
        char *z = memchr(blob + off, '\0', len - off);
        if (!z) break;
        off = (size_t)(z - blob) + 1;
    }
    if (i != t->n || (t->n && blob[len - 1] != '\0')) {
        free(w);
        return err_set(e, "vocabulary holds %zu words for %zu rows", i, t->n);
    }
    free(t->words);
    if (t->vocab_owned) free(t->vocab_blob);
    t->words = w;
    t->vocab_blob = blob;
    t->vocab_len = len;
    t->vocab_owned = owned;
    return EMBX_OK;
}

static uint64_t hash_word(const char *s)
{
    /* FNV-1a, then a finalizer so the low bits used for slots mix well. */
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static int alloc_slots(embx_table *t, embx_err *e)
{
    size_t ns = 16;
    while (ns < t->n * 2) ns <<= 1;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s) return err_set(e, "out of memory for the vocabulary index");
    free(t->slots);
    t->slots = s;
    t->nslots = ns;
    return EMBX_OK;
}

/* Inserts row i; returns the existing row when the word is already there, else -1. */
static long slot_insert(embx_table *t, size_t i)
{
    size_t mask = t->nslots - 1;
    size_t h = hash_word(t->words[i]) & mask;
    while (t->slots[h]) {
        size_t r = t->slots[h] - 1;
        if (strcmp(t->words[r], t->words[i]) == 0) return (long)r;
        h = (h + 1) & mask;
    }
    t->slots[h] = (uint32_t)(i + 1);
    return -1;
}

int table_build_hash(embx_table *t, embx_err *e)
{
    if (t->n >= UINT32_MAX) return err_set(e, "too many rows (%zu)", t->n);
    if (alloc_slots(t, e)) return EMBX_ERR;
    for (size_t i = 0; i < t->n; i++)
        if (slot_insert(t, i) >= 0) return err_set(e, "duplicate word '%s'", t->words[i]);
    return EMBX_OK;
}

#define NORM_ROWS 4 /* rows whose sums run side by side */

void table_row_inv_norms(const float *rows, size_t m, size_t d, float *inv)
{
    for (size_t i0 = 0; i0 < m; i0 += NORM_ROWS) {
        const float *r = rows + i0 * d;
        /* one running sum per row, each in the row's own order (the norms
         * do not depend on the grouping); the rows' sums are independent,
         * so the additions overlap instead of waiting on each other */
        double s[NORM_ROWS] = {0};
        size_t g = m - i0 < NORM_ROWS ? m - i0 : NORM_ROWS;
        if (g == NORM_ROWS) {
            const float *r0 = r, *r1 = r + d, *r2 = r + 2 * d, *r3 = r + 3 * d;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (size_t j = 0; j < d; j++) {
                s0 += (double)r0[j] * r0[j];
                s1 += (double)r1[j] * r1[j];
                s2 += (double)r2[j] * r2[j];
                s3 += (double)r3[j] * r3[j];
            }
            s[0] = s0, s[1] = s1, s[2] = s2, s[3] = s3;
        } else {
            for (size_t k = 0; k < g; k++)
                for (size_t j = 0; j < d; j++) s[k] += (double)r[k * d + j] * r[k * d + j];
        }
        for (size_t k = 0; k < g; k++) {
            /* a row of subnormal values has a norm whose inverse overflows
             * float: in float32 arithmetic it is a zero vector, and treating
             * it as one keeps inf scores out of every search */
            double v = s[k] > 0 ? 1.0 / sqrt(s[k]) : 0.0;
            inv[i0 + k] = v <= FLT_MAX ? (float)v : 0.0f;
        }
    }
}

int table_compute_norms(embx_table *t, embx_err *e)
{
    if (!t->inv_norms || !t->norms_owned) {
        t->inv_norms = malloc((t->n ? t->n : 1) * sizeof(float));
        if (!t->inv_norms) return err_set(e, "out of memory");
        t->norms_owned = true;
    }
    const size_t n = t->n, d = t->dim;
    const size_t groups = (n + NORM_ROWS - 1) / NORM_ROWS;
    /* threads only pay off on real tables; a tiny one would wait for them */
    #pragma omp parallel for schedule(static) if (n * d > (1u << 20))
    for (size_t g = 0; g < groups; g++) {
        size_t i0 = g * NORM_ROWS, m = n - i0 < NORM_ROWS ? n - i0 : NORM_ROWS;
        table_row_inv_norms(t->vecs + i0 * d, m, d, t->inv_norms + i0);
    }
    return EMBX_OK;
}

int table_finish(embx_table *t, struct table_notes *notes, embx_err *e)
{
    struct table_notes local;
    if (!notes) notes = &local;
    memset(notes, 0, sizeof *notes);
    if (t->n >= UINT32_MAX) return err_set(e, "too many rows (%zu)", t->n);
    if (t->n && !t->words) return err_set(e, "table has no vocabulary");
    if (alloc_slots(t, e)) return EMBX_ERR;
    size_t out = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (out != i) t->words[out] = t->words[i];
        /* insert at the compacted position so the hash stores final rows */
        long prev = slot_insert(t, out);
        if (prev >= 0) {
            if (notes->duplicates++ == 0) {
                snprintf(notes->first_duplicate, sizeof notes->first_duplicate, "%s", t->words[out]);
                notes->first_duplicate_row = i;
            }
            continue;
        }
        if (out != i) {
            memmove(t->vecs + out * t->dim, t->vecs + i * t->dim, t->dim * sizeof(float));
            if (t->counts) t->counts[out] = t->counts[i];
            if (t->bias) t->bias[out] = t->bias[i];
        }
        out++;
    }
    if (out != t->n) {
        t->n = out;
        /* dropped rows' words may still sit in the hash at reused positions:
         * rebuild so every slot points at a final row */
        if (table_build_hash(t, e)) return EMBX_ERR;
        if (t->inv_norms && t->norms_owned) { free(t->inv_norms); t->inv_norms = NULL; }
    }
    if (!t->inv_norms && table_compute_norms(t, e)) return EMBX_ERR;
    for (size_t i = 0; i < t->n; i++) {
        if (t->inv_norms[i] == 0.0f) notes->zero_rows++;
        if (!utf8_valid(t->words[i], strlen(t->words[i]))) notes->invalid_utf8++;
    }
    free(t->sorted);
    t->sorted = NULL;
    return EMBX_OK;
}

long table_find(const embx_table *t, const char *word)
{
    if (!t || !t->slots || !word) return -1;
    size_t mask = t->nslots - 1;
    size_t h = hash_word(word) & mask;
    while (t->slots[h]) {
        size_t r = t->slots[h] - 1;
        if (strcmp(t->words[r], word) == 0) return (long)r;
        h = (h + 1) & mask;
    }
    /* "#N" names row N wherever a word is expected (token ids) */
    if (word[0] == '#' && word[1] >= '0' && word[1] <= '9') {
        char *end;
        errno = 0;
        unsigned long long i = strtoull(word + 1, &end, 10);
        if (!*end && !errno && i < t->n) return (long)i;
    }
    /* a title (or any text value of one row) names its row */
    long r = rowmeta_find(t->meta, word, NULL);
    return r >= 0 ? r : -1;
}

static int casecmp_bytes(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb) return ca - cb;
        if (!ca) return 0;
    }
}

/* Fills out[] with up to max suggestions for a missing word: the case-folded
 * match first, then the closest spellings (edit distance). Returns count. */
static size_t table_suggest(const embx_table *t, const char *word, size_t *out, size_t max)
{
    if (!t || max == 0) return 0;
    size_t cnt = 0;
    size_t dist[16];
    if (max > 16) max = 16;
    size_t lw = strlen(word);
    size_t limit = lw <= 3 ? 1 : lw <= 6 ? 2 : 3;
    /* a case-folded match ranks above any spelling neighbour */
    for (size_t i = 0; i < t->n; i++) {
        const char *w = t->words[i];
        size_t l = strlen(w), d;
        if (l + limit < lw || lw + limit < l) continue;
        if (l == lw && casecmp_bytes(w, word) == 0) d = 0;
        else {
            d = edit_distance(word, lw, w, l, limit);
            if (d > limit || d == 0) continue;
        }
        if (cnt == max && d >= dist[cnt - 1]) continue;
        size_t pos = cnt < max ? cnt++ : max - 1;
        while (pos > 0 && dist[pos - 1] > d) {
            dist[pos] = dist[pos - 1];
            out[pos] = out[pos - 1];
            pos--;
        }
        dist[pos] = d;
        out[pos] = i;
    }
    return cnt;
}

int table_err_unknown(const embx_table *t, const char *word, embx_err *e)
{
    size_t shared = 0;
    if (t && rowmeta_find(t->meta, word, &shared) == -2)
        return err_set(e, "'%.*s%s' is a value of %zu rows' metadata, not the name of one row", ERR_WORD(word), shared);
    size_t sug[5];
    size_t n = table_suggest(t, word, sug, 5);
    char list[600] = "";
    size_t off = 0;
    for (size_t i = 0; i < n && off < sizeof list - 1; i++) {
        int w = snprintf(list + off, sizeof list - off, "%s%s", i ? ", " : "", t->words[sug[i]]);
        if (w < 0) break;
        off += (size_t)w;
    }
    /* titles close in spelling, with the row each names */
    const char *vals[5];
    size_t rows[5], nv = t ? rowmeta_suggest(t->meta, word, vals, rows, 5) : 0;
    for (size_t i = 0; i < nv && off < sizeof list - 1; i++) {
        int w = snprintf(list + off, sizeof list - off, "%s\"%s\" (%s)", n + i ? ", " : "", vals[i], t->words[rows[i]]);
        if (w < 0) break;
        off += (size_t)w;
    }
    if (off >= sizeof list) off = sizeof list - 1;
    n += nv;
    if (n) return err_set(e, "'%.*s%s' is not in the table (did you mean: %s?)", ERR_WORD(word), list);
    return err_set(e, "'%.*s%s' is not in the table", ERR_WORD(word));
}

/* qsort_r context: the comparator's table travels as an argument, not a global */
static int cmp_rows(const void *a, const void *b, void *ctx)
{
    const embx_table *t = ctx;
    uint32_t ra = *(const uint32_t *)a, rb = *(const uint32_t *)b;
    int c = strcmp(t->words[ra], t->words[rb]);
    return c ? c : (ra > rb) - (ra < rb);
}

int table_prefix_range(embx_table *t, const char *prefix, size_t *begin, size_t *end)
{
    *begin = *end = 0;
    if (!t->sorted) {
        t->sorted = malloc((t->n ? t->n : 1) * sizeof *t->sorted);
        if (!t->sorted) return EMBX_ERR;
        for (size_t i = 0; i < t->n; i++) t->sorted[i] = (uint32_t)i;
        qsort_r(t->sorted, t->n, sizeof *t->sorted, cmp_rows, t);
    }
    size_t lp = strlen(prefix);
    size_t lo = 0, hi = t->n;
    while (lo < hi) {   /* first word >= prefix */
        size_t mid = (lo + hi) / 2;
        if (strcmp(t->words[t->sorted[mid]], prefix) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t first = lo;
    hi = t->n;
    while (lo < hi) {   /* first word not starting with prefix */
        size_t mid = (lo + hi) / 2;
        if (strncmp(t->words[t->sorted[mid]], prefix, lp) <= 0) lo = mid + 1;
        else hi = mid;
    }
    *begin = first;
    *end = lo;
    return EMBX_OK;
}

size_t table_memory(const embx_table *t)
{
    return t->n * t->dim * sizeof(float) + t->n * sizeof(float) + t->vocab_len +
           t->n * sizeof(char *) + t->nslots * sizeof(uint32_t);
}

bool table_oov_vector(const embx_table *t, const char *word, float *out)
{
    return t->oov && t->oov->vector(t->oov, word, out);
}

void table_free(embx_table *t)
{
    if (!t) return;
    if (t->vecs_owned) free(t->vecs);
    if (t->norms_owned) free(t->inv_norms);
    if (t->vocab_owned) free(t->vocab_blob);
    rowmeta_free(t->meta);
    free(t->counts);
    free(t->bias);
    mapcheck_free(t->check);    /* stops its reads before the unmap */
    if (t->derived) t->derived->free(t->derived);
    if (t->oov) t->oov->free(t->oov);   /* may point into the mapping */
    mapguard_unregister(t->map_guard);
    if (t->map) munmap(t->map, t->map_len);
    free(t->words);
    free(t->slots);
    free(t->sorted);
    free(t->source);
    free(t);
}
