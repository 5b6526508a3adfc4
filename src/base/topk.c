/* topk: bounded heap and threshold selection of the best hits (see topk.h). */
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

static inline bool hit_better(const struct knn_hit *a, const struct knn_hit *b)
{
    return topk_better(a->score, a->row, b->score, b->row);
}

static inline void swap_hits(struct knn_hit *a, struct knn_hit *b)
{
    struct knn_hit t = *a; *a = *b; *b = t;
}

/* Quickselect with a median-of-three pivot. (score, row) pairs are distinct
 * (rows are), so a two-way partition cannot degrade on equal scores. */
void topk_select(struct knn_hit *a, size_t n, size_t k)
{
    if (k == 0 || k >= n) return;
    size_t lo = 0, hi = n;                 /* the k-th boundary lies in (lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2, last = hi - 1;
        if (hit_better(&a[mid], &a[lo])) swap_hits(&a[mid], &a[lo]);
        if (hit_better(&a[last], &a[lo])) swap_hits(&a[last], &a[lo]);
        if (hit_better(&a[last], &a[mid])) swap_hits(&a[last], &a[mid]);
        /* a[lo] >= a[mid] >= a[last]: the median pivots, parked at the end */
        swap_hits(&a[mid], &a[last]);
        size_t store = lo;
        for (size_t i = lo; i < last; i++)
            if (hit_better(&a[i], &a[last])) swap_hits(&a[i], &a[store++]);
        swap_hits(&a[store], &a[last]);
        /* a[lo..store) beat the pivot at a[store], which beats a(store..hi) */
        if (store == k || store + 1 == k) return;
        if (k < store) hi = store;
        else lo = store + 1;
    }
}

void topsel_shrink(struct topsel *s)
{
    if (s->n <= s->k) return;
    topk_select(s->buf, s->n, s->k);
    s->n = s->k;
    size_t w = 0;                          /* the worst kept is the new threshold */
    for (size_t i = 1; i < s->n; i++)
        if (hit_better(&s->buf[w], &s->buf[i])) w = i;
    s->thr = s->buf[w].score;
    s->thr_row = s->buf[w].row;
    s->have_thr = true;
}

size_t topsel_finish(struct topsel *s)
{
    if (s->n > s->k) {
        topk_select(s->buf, s->n, s->k);
        s->n = s->k;
    }
    return s->n;
}
