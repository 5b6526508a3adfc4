/* clusterkeep: a clustering keyed by its rows. See clusterkeep.h. */
#include <stdlib.h>
#include <string.h>
#include "clusterkeep.h"

struct pair { size_t row; int assign; };

static int by_row(const void *a, const void *b)
{
    size_t x = ((const struct pair *)a)->row, y = ((const struct pair *)b)->row;
    return x < y ? -1 : x > y;
}

struct cluster_keep *cluster_keep_new(const size_t *rows, const int *assign, size_t n, int k)
{
    struct cluster_keep *ck = calloc(1, sizeof *ck);
    struct pair *p = malloc(sizeof *p * (n ? n : 1));
    if (ck) {
        ck->rows = malloc(sizeof *ck->rows * (n ? n : 1));
        ck->assign = malloc(sizeof *ck->assign * (n ? n : 1));
    }
    if (!ck || !p || !ck->rows || !ck->assign) {
        free(p);
        cluster_keep_free(ck);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) { p[i].row = rows[i]; p[i].assign = assign[i]; }
    qsort(p, n, sizeof *p, by_row);
    for (size_t i = 0; i < n; i++) { ck->rows[i] = p[i].row; ck->assign[i] = p[i].assign; }
    free(p);
    ck->n = n;
    ck->k = k;
    return ck;
}

void cluster_keep_free(struct cluster_keep *ck)
{
    if (!ck) return;
    free(ck->rows);
    free(ck->assign);
    free(ck);
}

bool cluster_keep_groups(const struct cluster_keep *ck, const long *rows, size_t n, int *group)
{
    if (!ck || n != ck->n || n == 0) return false;
    /* each point finds its row by binary search; a row met twice means the
     * points are not the same set (n equal, so one would be missing) */
    bool *seen = calloc(n, sizeof *seen);
    if (!seen) return false;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        ok = rows[i] >= 0;
        size_t lo = 0, hi = n, r = ok ? (size_t)rows[i] : 0;
        while (ok && lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ck->rows[mid] < r) lo = mid + 1;
            else hi = mid;
        }
        ok = ok && lo < n && ck->rows[lo] == r && !seen[lo];
        if (ok) { seen[lo] = true; group[i] = ck->assign[lo]; }
    }
    free(seen);
    return ok;
}
