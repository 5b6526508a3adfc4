/* topk: a bounded heap that keeps the k best (score, row) pairs. Better means
 * a higher score, or the same score and a lower row (ties go to row order). */
#ifndef EMBX_TOPK_H
#define EMBX_TOPK_H
#include <stdbool.h>
#include <stddef.h>

/* One scored row: a neighbour, a recommendation, a candidate. */
struct knn_hit {
    size_t row;
    float score;
};

struct topk {
    struct knn_hit *h;   /* min-heap on "better": h[0] is the worst kept */
    size_t n, k;
};

/* True when (s1, r1) ranks before (s2, r2). */
static inline bool topk_better(float s1, size_t r1, float s2, size_t r2)
{
    return s1 > s2 || (s1 == s2 && r1 < r2);
}
/* Starts an empty heap over buf (room for k hits). */
static inline void topk_init(struct topk *t, struct knn_hit *buf, size_t k)
{
    t->h = buf; t->n = 0; t->k = k;
}
/* True when (score, row) would be kept. */
static inline bool topk_wants(const struct topk *t, float score, size_t row)
{
    return t->k > 0 && (t->n < t->k || topk_better(score, row, t->h[0].score, t->h[0].row));
}
/* Offers a candidate; keeps it when it is among the k best so far. */
void topk_push(struct topk *t, size_t row, float score);
/* Sorts the kept hits best first (the heap is consumed: h[0..n) is a list). */
void topk_sort(struct topk *t);

#endif
