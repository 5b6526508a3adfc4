/* outlier: the outlier position (see outlier.h).
 *
 * The compactness of W without x is (P - s(x)) / pairs, where P is the sum
 * of all pairwise similarities in W and s(x) the sum of x's similarities to
 * the others: removing x leaves the more compact set the less x resembles
 * the rest, so comparing the scores is comparing the s(x). */
#include <stdlib.h>
#include "outlier.h"
#include "similar.h"

size_t outlier_position(const embx_table *t, const size_t *c, size_t nc, size_t w)
{
    size_t n = nc + 1;
    double *s = calloc(n, sizeof(double));
    if (!s) return 0;
    for (size_t i = 0; i < n; i++) {
        size_t ri = i < nc ? c[i] : w;
        for (size_t j = i + 1; j < n; j++) {
            size_t rj = j < nc ? c[j] : w;
            double sim = similar_cosine(t, ri, rj);
            s[i] += sim;
            s[j] += sim;
        }
    }
    size_t op = 0;
    for (size_t i = 0; i < nc; i++) op += s[i] > s[nc];   /* x more central than w: x's score is lower */
    free(s);
    return op;
}
