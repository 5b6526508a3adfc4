/* knngraph_file: neighbour graphs in files (see knngraph_file.h).
 * Layout: a header of 16 little-endian 64-bit words, the neighbours as
 * n x k uint32 (UINT32_MAX = none), then the squared distances as n x k
 * floats, each array padded to 8 bytes. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "atomic_file.h"
#include "knngraph_file.h"
#include "mapcheck.h"

enum {
    H_MAGIC, H_VERSION, H_N, H_K, H_METRIC, H_APPROX, H_SEED, H_SAMPLE, H_ROUNDS,
    H_RECALL, H_RECALL_POINTS, H_DATA, H_PAYLOAD_CHECK, H_RESERVED1, H_RESERVED2, H_HEADER_CHECK, HEADER_WORDS
};
static const char MAGIC[8] = {'E', 'M', 'B', 'X', 'K', 'N', 'N', 'G'};
#define FILE_VERSION 1
#define NONE32 UINT32_MAX

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

uint64_t knngraph_data_hash(const float *X, size_t n, size_t dim)
{
    return mapcheck_hash(X, sizeof(float) * n * dim) ^ (n * 0x9e3779b97f4a7c15ULL) ^ dim;
}

static uint64_t payload_check(const uint32_t *nbr, const float *d2, size_t nk)
{
    uint64_t a = mapcheck_hash(nbr, sizeof(uint32_t) * nk), b = mapcheck_hash(d2, sizeof(float) * nk);
    return a ^ ((b << 17) | (b >> 47)) ^ 0x6b6e6e67ULL;
}

static uint64_t header_check(const uint64_t *hd) { return mapcheck_hash(hd, H_HEADER_CHECK * 8); }

/* The header words that depend on how the graph was asked for (resolved as
 * knngraph_build resolves them, so equal requests give equal words). */
static void request_words(const struct knngraph_opts *o, size_t n, uint64_t *hd)
{
    size_t k;
    bool approx = knngraph_resolve(o, n, &k) == KNNG_NNDESCENT;
    hd[H_N] = n;
    hd[H_K] = k;
    hd[H_METRIC] = (uint64_t)o->metric;
    hd[H_APPROX] = approx;
    hd[H_SEED] = approx ? (uint64_t)o->seed : 0;
    hd[H_SAMPLE] = approx ? (uint64_t)o->recall_sample : 0;
}

int knngraph_file_suffix(const struct knngraph_opts *o, size_t n, char *buf, size_t len)
{
    size_t k;
    bool approx = n >= 2 && knngraph_resolve(o, n, &k) == KNNG_NNDESCENT;
    if (n < 2) k = 0;
    const char *m = o->metric == KNNG_COSINE ? "cos" : "euc";
    int w = approx ? snprintf(buf, len, ".knn-%s-k%zu-nnd-s%lu-r%zu", m, k, o->seed, o->recall_sample)
                   : snprintf(buf, len, ".knn-%s-k%zu-exact", m, k);
    return w < 0 || (size_t)w >= len ? EMBX_ERR : EMBX_OK;
}

int knngraph_save(const struct knngraph *g, const struct knngraph_opts *o, uint64_t data_hash,
                  const char *path, embx_err *e)
{
    size_t nk = g->n * g->k;
    if (g->n >= NONE32) return err_set(e, "%zu points are too many for a graph file", g->n);
    uint32_t *nb = malloc(sizeof(uint32_t) * (nk ? nk : 1));
    if (!nb) return err_set(e, "out of memory for the graph file");
    for (size_t i = 0; i < nk; i++) nb[i] = g->nbr[i] < g->n ? (uint32_t)g->nbr[i] : NONE32;
    uint64_t hd[HEADER_WORDS] = {0};
    memcpy(&hd[H_MAGIC], MAGIC, 8);
    hd[H_VERSION] = FILE_VERSION;
    request_words(o, g->n, hd);
    hd[H_K] = g->k;
    hd[H_APPROX] = g->approximate;
    hd[H_ROUNDS] = (uint64_t)(g->rounds > 0 ? g->rounds : 0);
    memcpy(&hd[H_RECALL], &g->recall, 8);
    hd[H_RECALL_POINTS] = g->recall_points;
    hd[H_DATA] = data_hash;
    hd[H_PAYLOAD_CHECK] = payload_check(nb, g->d2, nk);
    hd[H_HEADER_CHECK] = header_check(hd);
    static const unsigned char zeros[8] = {0};
    atomic_file af;
    if (atomic_open(&af, path, e)) { free(nb); return EMBX_ERR; }
    size_t pad = pad8(nk * 4) - nk * 4;
    bool ok = fwrite(hd, sizeof hd, 1, af.fp) == 1 &&
              (nk == 0 || fwrite(nb, 4, nk, af.fp) == nk) &&
              (pad == 0 || fwrite(zeros, pad, 1, af.fp) == 1) &&
              (nk == 0 || fwrite(g->d2, 4, nk, af.fp) == nk) &&
              (pad == 0 || fwrite(zeros, pad, 1, af.fp) == 1);
    int err = errno;
    free(nb);
    if (!ok) {
        atomic_abort(&af);
        return err_set(e, "cannot write %s: %s", path, strerror(err));
    }
    return atomic_commit(&af, e);
}

/* Every neighbour is another row or none, distances are non-negative and
 * nearest first: after this a map cannot leave its arrays. */
static int validate(const uint32_t *nb, const float *d2, size_t n, size_t k, const char *path, embx_err *e)
{
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < k; c++) {
            uint32_t j = nb[i * k + c];
            float d = d2[i * k + c];
            if (j == NONE32) continue;
            if (j >= n || j == i || !(d >= 0.0f) || isinf(d) ||
                (c > 0 && nb[i * k + c - 1] != NONE32 && d < d2[i * k + c - 1]))
                return err_set(e, "%s: damaged graph (row %zu, neighbour %zu)", path, i, c);
        }
    return EMBX_OK;
}

int knngraph_load(const char *path, const struct knngraph_opts *o, size_t n, uint64_t data_hash,
                  struct knngraph **out, embx_err *e)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(e, "%s: %s", path, strerror(errno));
    struct stat st;
    uint64_t hd[HEADER_WORDS], want[HEADER_WORDS] = {0};
    uint32_t *nb = NULL;
    struct knngraph *g = NULL;
    int rc = EMBX_ERR;
    if (fstat(fileno(fp), &st) != 0) { err_set(e, "%s: %s", path, strerror(errno)); goto done; }
    if (fread(hd, sizeof hd, 1, fp) != 1 || memcmp(&hd[H_MAGIC], MAGIC, 8) != 0) {
        err_set(e, "%s: damaged graph (not a graph file)", path);
        goto done;
    }
    if (hd[H_VERSION] != FILE_VERSION) {
        err_set(e, "%s: stale graph (file version %llu, this embx writes %d)", path,
                (unsigned long long)hd[H_VERSION], FILE_VERSION);
        goto done;
    }
    if (hd[H_HEADER_CHECK] != header_check(hd) || hd[H_RESERVED1] != 0 || hd[H_RESERVED2] != 0) {
        err_set(e, "%s: damaged graph (header checksum)", path);
        goto done;
    }
    request_words(o, n, want);
    if (hd[H_N] != want[H_N] || hd[H_K] != want[H_K] || hd[H_METRIC] != want[H_METRIC] ||
        hd[H_APPROX] != want[H_APPROX] || hd[H_SEED] != want[H_SEED] || hd[H_SAMPLE] != want[H_SAMPLE] ||
        hd[H_DATA] != data_hash) {
        err_set(e, "%s: stale graph (built from other rows or with other parameters)", path);
        goto done;
    }
    size_t k = (size_t)hd[H_K], nk = n * k;
    if (k == 0 || k >= n || hd[H_RECALL_POINTS] > n) {
        err_set(e, "%s: damaged graph (impossible sizes in the header)", path);
        goto done;
    }
    uint64_t size = sizeof hd + 2 * (uint64_t)pad8(nk * 4);
    if ((uint64_t)st.st_size != size) {
        err_set(e, "%s: damaged graph (%llu bytes, the header says %llu)", path,
                (unsigned long long)st.st_size, (unsigned long long)size);
        goto done;
    }
    g = calloc(1, sizeof *g);
    nb = malloc(pad8(nk * 4));
    if (!g || !nb) { err_set(e, "out of memory for the graph of %zu points", n); goto done; }
    g->n = n; g->k = k;
    g->metric = (enum knngraph_metric)hd[H_METRIC];
    g->approximate = hd[H_APPROX] != 0;
    g->rounds = hd[H_ROUNDS] < 1000 ? (int)hd[H_ROUNDS] : 0;
    memcpy(&g->recall, &hd[H_RECALL], 8);
    if (!(g->recall >= 0.0 && g->recall <= 1.0)) { err_set(e, "%s: damaged graph (recall)", path); goto done; }
    g->recall_points = (size_t)hd[H_RECALL_POINTS];
    g->nbr = malloc(sizeof(size_t) * nk);
    g->d2 = malloc(pad8(nk * 4));
    if (!g->nbr || !g->d2) { err_set(e, "out of memory for the graph of %zu points", n); goto done; }
    if (fread(nb, 1, pad8(nk * 4), fp) != pad8(nk * 4) || fread(g->d2, 1, pad8(nk * 4), fp) != pad8(nk * 4)) {
        err_set(e, "%s: damaged graph (short read)", path);
        goto done;
    }
    if (payload_check(nb, g->d2, nk) != hd[H_PAYLOAD_CHECK]) {
        err_set(e, "%s: damaged graph (checksum mismatch)", path);
        goto done;
    }
    if (validate(nb, g->d2, n, k, path, e)) goto done;
    for (size_t i = 0; i < nk; i++) g->nbr[i] = nb[i] == NONE32 ? SIZE_MAX : (size_t)nb[i];
    *out = g;
    g = NULL;
    rc = EMBX_OK;
done:
    fclose(fp);
    free(nb);
    knngraph_free(g);
    return rc;
}
