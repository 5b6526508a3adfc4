/* quadtree: Barnes-Hut space partitioning for 2-D t-SNE layouts. */
#include <stdlib.h>
#include <math.h>
#include "quadtree.h"

/* Points closer than this many halvings of the root cell share a leaf: deeper
 * cells would only separate points that are equal up to rounding. */
#define QT_MAX_DEPTH 48

static long qt_alloc(quadtree *qt, size_t k)
{
    if (qt->nnodes + k > qt->cap) {
        size_t cap = qt->cap ? qt->cap : 64;
        while (cap < qt->nnodes + k) cap *= 2;
        struct qt_node *nn = realloc(qt->nodes, cap * sizeof *nn);
        if (!nn) return -1;
        qt->nodes = nn;
        qt->cap = cap;
    }
    long at = (long)qt->nnodes;
    qt->nnodes += k;
    return at;
}

static void qt_init(struct qt_node *nd, double cx, double cy, double hw)
{
    nd->cx = cx; nd->cy = cy; nd->hw = hw;
    nd->mx = nd->my = 0.0;
    nd->count = 0;
    nd->child = -1;
}

static int qt_quadrant(const struct qt_node *nd, double x, double y)
{
    return (x >= nd->cx ? 1 : 0) + (y >= nd->cy ? 2 : 0);
}

/* Splits leaf `at` into four children and moves its points into one of them. */
static int qt_split(quadtree *qt, long at)
{
    long c = qt_alloc(qt, 4);
    if (c < 0) return -1;
    struct qt_node *nd = &qt->nodes[at];
    double h = nd->hw * 0.5;
    for (int q = 0; q < 4; q++)
        qt_init(&qt->nodes[c + q], nd->cx + ((q & 1) ? h : -h), nd->cy + ((q & 2) ? h : -h), h);
    struct qt_node *ch = &qt->nodes[c + qt_quadrant(nd, nd->mx, nd->my)];
    ch->mx = nd->mx; ch->my = nd->my; ch->count = nd->count;
    nd->child = c;
    return 0;
}

static int qt_insert(quadtree *qt, double x, double y)
{
    long at = 0;
    for (int depth = 0;; depth++) {
        struct qt_node *nd = &qt->nodes[at];
        if (nd->child < 0) {
            if (nd->count == 0) {
                nd->mx = x; nd->my = y; nd->count = 1;
                return 0;
            }
            if ((nd->mx == x && nd->my == y) || depth >= QT_MAX_DEPTH) {
                double c = (double)nd->count;
                nd->mx = (nd->mx * c + x) / (c + 1.0);
                nd->my = (nd->my * c + y) / (c + 1.0);
                nd->count++;
                return 0;
            }
            if (qt_split(qt, at) != 0) return -1;
            nd = &qt->nodes[at];   /* storage may have moved */
        }
        double c = (double)nd->count;
        nd->mx = (nd->mx * c + x) / (c + 1.0);
        nd->my = (nd->my * c + y) / (c + 1.0);
        nd->count++;
        at = nd->child + qt_quadrant(nd, x, y);
    }
}

int quadtree_build(quadtree *qt, const double *y, size_t n)
{
    qt->nnodes = 0;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (y[2 * i] < x0) x0 = y[2 * i];
        if (y[2 * i] > x1) x1 = y[2 * i];
        if (y[2 * i + 1] < y0) y0 = y[2 * i + 1];
        if (y[2 * i + 1] > y1) y1 = y[2 * i + 1];
    }
    if (n == 0) { x0 = x1 = y0 = y1 = 0.0; }
    double hw = 0.5 * fmax(x1 - x0, y1 - y0);
    hw = hw * (1.0 + 1e-9) + 1e-12;   /* keep the maximum strictly inside */
    long root = qt_alloc(qt, 1);
    if (root < 0) return -1;
    qt_init(&qt->nodes[root], 0.5 * (x0 + x1), 0.5 * (y0 + y1), hw);
    for (size_t i = 0; i < n; i++)
        if (qt_insert(qt, y[2 * i], y[2 * i + 1]) != 0) return -1;
    return 0;
}

double quadtree_repulsion(const quadtree *qt, double px, double py, double theta, double f[2])
{
    /* Explicit stack: at most 3 siblings wait per level. */
    long stack[4 * QT_MAX_DEPTH + 8];
    size_t top = 0;
    double sum_q = 0.0, fx = 0.0, fy = 0.0;
    double theta2 = theta * theta;
    if (qt->nnodes == 0 || qt->nodes[0].count == 0) return 0.0;
    const struct qt_node *nodes = qt->nodes;
    stack[top++] = 0;
    while (top > 0) {
        const struct qt_node *nd = &nodes[stack[--top]];
        double dx = px - nd->mx, dy = py - nd->my;
        double d2 = dx * dx + dy * dy;
        double cnt = (double)nd->count;
        if (nd->child >= 0) {
            /* (2 hw)^2 / d2 < theta^2  <=>  cell width / distance < theta */
            double w = 2.0 * nd->hw;
            if (!(d2 > 0.0 && w * w < theta2 * d2)) {
                /* open the cell; empty children are never pushed */
                for (int c = 3; c >= 0; c--)
                    if (nodes[nd->child + c].count) stack[top++] = nd->child + c;
                continue;
            }
        } else if (d2 == 0.0) {
            cnt -= 1.0;   /* this leaf holds the point itself */
            if (cnt <= 0.0) continue;
        }
        double q = 1.0 / (1.0 + d2);
        double m = cnt * q;
        sum_q += m;
        fx += m * q * dx;
        fy += m * q * dy;
    }
    f[0] += fx;
    f[1] += fy;
    return sum_q;
}

void quadtree_free(quadtree *qt)
{
    free(qt->nodes);
    qt->nodes = NULL;
    qt->nnodes = qt->cap = 0;
}
