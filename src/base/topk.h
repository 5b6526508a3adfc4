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

/* topsel: the k best of a long stream, for scans where most rows lose. Rows
 * that beat the running threshold (the k-th best known, once the buffer has
 * filled the first time) are appended to a buffer of `cap` hits; a full
 * buffer is cut back to its k best by selection (no ordering), which raises
 * the threshold. Same "better" as topk; scores must not be NaN. */
struct topsel {
    struct knn_hit *buf;   /* cap hits */
    size_t n, k, cap;
    float thr;             /* (thr, thr_row): the k-th best so far, once have_thr */
    size_t thr_row;
    bool have_thr;
};

/* Starts an empty selection over buf (room for cap > k hits). */
static inline void topsel_init(struct topsel *s, struct knn_hit *buf, size_t cap, size_t k)
{
    s->buf = buf; s->n = 0; s->k = k; s->cap = cap; s->thr = 0; s->thr_row = 0; s->have_thr = false;
}
/* True when (score, row) could still be among the k best. */
static inline bool topsel_wants(const struct topsel *s, float score, size_t row)
{
    return s->k > 0 && (!s->have_thr || topk_better(score, row, s->thr, s->thr_row));
}
/* Cuts the buffer back to its k best and raises the threshold. */
void topsel_shrink(struct topsel *s);
/* Appends a hit the caller checked with topsel_wants. */
static inline void topsel_add(struct topsel *s, size_t row, float score)
{
    s->buf[s->n].row = row;
    s->buf[s->n].score = score;
    if (++s->n == s->cap) topsel_shrink(s);
}
/* Leaves the min(k, offered) best in buf[0..n), in no particular order; returns n. */
size_t topsel_finish(struct topsel *s);
/* Reorders a[0..n) so that a[0..k) hold its k best (any order; k <= n). */
void topk_select(struct knn_hit *a, size_t n, size_t k);

#endif
