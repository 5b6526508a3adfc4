/* hubness: k-occurrence skewness (see hubness.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hubness.h"
#include "knn.h"

enum { CHUNK = 1024 };

int hubness_skew(const embx_table *t, size_t rows, size_t k, int threads,
                 double *skew, size_t *used, progress *p, embx_err *e)
{
    *skew = 0.0;
    *used = 0;
    size_t n = rows && rows < t->n ? rows : t->n, dim = t->dim;
    size_t *qrow = malloc(sizeof(size_t) * (n ? n : 1));
    if (!qrow) return err_set(e, "out of memory");
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!table_row_is_zero(t, i)) qrow[m++] = i;
    if (m < k + 2) {
        free(qrow);
        return err_set(e, "hubness needs at least %zu nonzero rows, the table has %zu", k + 2, m);
    }
    uint32_t *count = calloc(n, sizeof(uint32_t));
    float *Q = malloc(sizeof(float) * CHUNK * dim);
    size_t *ex = malloc(sizeof(size_t) * CHUNK);
    struct knn_hit *hits = malloc(sizeof(*hits) * CHUNK * k);
    int rc = EMBX_OK;
    if (!count || !Q || !ex || !hits) rc = err_set(e, "out of memory");
    if (p) progress_start(p, "hubness", (double)m);
    for (size_t c0 = 0; rc == EMBX_OK && c0 < m; c0 += CHUNK) {
        size_t mc = m - c0 < CHUNK ? m - c0 : CHUNK;
        for (size_t i = 0; i < mc; i++) {
            memcpy(Q + i * dim, table_row(t, qrow[c0 + i]), sizeof(float) * dim);
            ex[i] = qrow[c0 + i];    /* a row is not its own neighbour */
        }
        rc = knn_query_batch(t, Q, mc, k, n, ex, 1, threads, hits, e);
        for (size_t i = 0; rc == EMBX_OK && i < mc * k; i++)
            if (hits[i].row != SIZE_MAX) count[hits[i].row]++;
        if (p) progress_update(p, (double)(c0 + mc), NULL);
    }
    if (p) progress_finish(p);
    if (rc == EMBX_OK) {
        double mean = 0, m2 = 0, m3 = 0;
        for (size_t i = 0; i < m; i++) mean += count[qrow[i]];
        mean /= (double)m;
        for (size_t i = 0; i < m; i++) {
            double d = count[qrow[i]] - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= (double)m;
        m3 /= (double)m;
        *skew = m2 > 0 ? m3 / pow(m2, 1.5) : 0.0;
        *used = m;
    }
    free(qrow); free(count); free(Q); free(ex); free(hits);
    return rc;
}
