/* catclust: average-linkage clustering and purity (see catclust.h).
 *
 * The generic algorithm with a nearest-neighbour cache: merge the closest
 * pair, update distances by Lance-Williams (size-weighted mean), and rescan
 * only the clusters whose nearest neighbour was one of the pair. Average
 * linkage never brings a third cluster closer than its old nearest, so the
 * other caches stay right: O(n^2) typical. */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "catclust.h"
#include "progress.h"

static void nearest(const float *D, size_t n, const bool *active, size_t i, size_t *nn, float *nnd)
{
    float best = FLT_MAX;
    size_t bj = SIZE_MAX;
    const float *row = D + i * n;
    for (size_t j = 0; j < n; j++)
        if (j != i && active[j] && row[j] < best) { best = row[j]; bj = j; }
    *nn = bj;
    *nnd = best;
}

int catclust_average(const embx_table *t, const size_t *rows, size_t n, size_t k,
                     size_t *assign, embx_err *e)
{
    if (k < 1 || k > n) return err_set(e, "cannot make %zu clusters of %zu words", k, n);
    if (n > CATCLUST_MAX_WORDS)
        return err_set(e, "%zu words to cluster: at most %d", n, CATCLUST_MAX_WORDS);
    size_t dim = t->dim;
    float *U = malloc(sizeof(float) * n * dim), *D = malloc(sizeof(float) * n * n);
    float *nnd = malloc(sizeof(float) * n);
    size_t *nn = malloc(sizeof(size_t) * n), *size = malloc(sizeof(size_t) * n), *parent = malloc(sizeof(size_t) * n);
    bool *active = malloc(n);
    int rc = EMBX_OK;
    if (!U || !D || !nnd || !nn || !size || !parent || !active) { rc = err_set(e, "out of memory"); goto done; }
    for (size_t i = 0; i < n; i++) {
        const float *src = table_row(t, rows[i]);
        float inv = t->inv_norms[rows[i]];
        for (size_t j = 0; j < dim; j++) U[i * dim + j] = src[j] * inv;
    }
    for (size_t i = 0; i < n; i++) {
        D[i * n + i] = 0.0f;
        for (size_t j = i + 1; j < n; j++) {
            double dot = 0;
            for (size_t d = 0; d < dim; d++) dot += (double)U[i * dim + d] * U[j * dim + d];
            D[i * n + j] = D[j * n + i] = (float)(1.0 - dot);
        }
        if ((i & 63) == 0 && progress_cancelled()) { rc = err_cancelled(e); goto done; }
    }
    for (size_t i = 0; i < n; i++) { active[i] = true; size[i] = 1; parent[i] = i; }
    for (size_t i = 0; i < n; i++) nearest(D, n, active, i, &nn[i], &nnd[i]);
    for (size_t clusters = n; clusters > k; clusters--) {
        if ((clusters & 63) == 0 && progress_cancelled()) { rc = err_cancelled(e); goto done; }
        size_t a = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (active[i] && (a == SIZE_MAX || nnd[i] < nnd[a])) a = i;
        size_t b = nn[a];
        if (b < a) { size_t s = a; a = b; b = s; }    /* the lower index survives */
        float wa = (float)size[a], wb = (float)size[b];
        for (size_t x = 0; x < n; x++) {
            if (!active[x] || x == a || x == b) continue;
            float d = (wa * D[a * n + x] + wb * D[b * n + x]) / (wa + wb);
            D[a * n + x] = D[x * n + a] = d;
        }
        size[a] += size[b];
        active[b] = false;
        parent[b] = a;
        for (size_t x = 0; x < n; x++)
            if (active[x] && (x == a || nn[x] == a || nn[x] == b)) nearest(D, n, active, x, &nn[x], &nnd[x]);
    }
    /* number the surviving clusters in index order */
    size_t *id = nn;     /* reused */
    size_t next = 0;
    for (size_t i = 0; i < n; i++) id[i] = active[i] ? next++ : SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t r = i;
        while (parent[r] != r) r = parent[r];
        assign[i] = id[r];
    }
done:
    free(U); free(D); free(nnd); free(nn); free(size); free(parent); free(active);
    return rc;
}

double catclust_purity(const size_t *assign, const size_t *label, size_t n, size_t k, size_t nlabels)
{
    if (n == 0) return 0.0;
    size_t *count = calloc(k * nlabels, sizeof(size_t));
    if (!count) return NAN;
    for (size_t i = 0; i < n; i++) count[assign[i] * nlabels + label[i]]++;
    size_t sum = 0;
    for (size_t c = 0; c < k; c++) {
        size_t best = 0;
        for (size_t l = 0; l < nlabels; l++)
            if (count[c * nlabels + l] > best) best = count[c * nlabels + l];
        sum += best;
    }
    free(count);
    return (double)sum / (double)n;
}
