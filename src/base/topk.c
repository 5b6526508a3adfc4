/* topk: bounded heap of the best hits (see topk.h). */
#include <stdlib.h>
#include "topk.h"

/* "worse" is the heap order: the root is the hit every newcomer must beat. */
static bool worse(const struct knn_hit *a, const struct knn_hit *b)
{
    return topk_better(b->score, b->row, a->score, a->row);
}

static void sift_down(struct knn_hit *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && worse(&h[l], &h[m])) m = l;
        if (r < n && worse(&h[r], &h[m])) m = r;
        if (m == i) return;
        struct knn_hit tmp = h[i]; h[i] = h[m]; h[m] = tmp;
        i = m;
    }
}

void topk_push(struct topk *t, size_t row, float score)
{
    if (!topk_wants(t, score, row)) return;
    if (t->n < t->k) {
        size_t i = t->n++;
        t->h[i].row = row; t->h[i].score = score;
        while (i > 0) {
            size_t p = (i - 1) / 2;
            if (!worse(&t->h[i], &t->h[p])) break;
            struct knn_hit tmp = t->h[i]; t->h[i] = t->h[p]; t->h[p] = tmp;
            i = p;
        }
        return;
    }
    t->h[0].row = row; t->h[0].score = score;
    sift_down(t->h, t->n, 0);
}

void topk_sort(struct topk *t)
{
    /* Heap sort: repeatedly move the worst to the end, leaving best first. */
    for (size_t n = t->n; n > 1; n--) {
        struct knn_hit tmp = t->h[0]; t->h[0] = t->h[n - 1]; t->h[n - 1] = tmp;
        sift_down(t->h, n - 1, 0);
    }
}
