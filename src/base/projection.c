/* projection: allocation of 2-D layouts (see projection.h). */
#include <stdlib.h>
#include <string.h>
#include "projection.h"

struct projection *projection_new(size_t n)
{
    struct projection *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->n = n;
    size_t m = n ? n : 1;
    p->xy = calloc(2 * m, sizeof *p->xy);
    p->labels = calloc(m, sizeof *p->labels);
    p->rows = malloc(m * sizeof *p->rows);
    if (!p->xy || !p->labels || !p->rows) {
        projection_free(p);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) p->rows[i] = -1;
    return p;
}

void projection_free(struct projection *p)
{
    if (!p) return;
    if (p->labels)
        for (size_t i = 0; i < p->n; i++) free(p->labels[i]);
    free(p->labels);
    free(p->xy);
    free(p->rows);
    free(p->group);
    if (p->group_names)
        for (int g = 0; g < p->ngroups; g++) free(p->group_names[g]);
    free(p->group_names);
    free(p->highlight);
    free(p);
}
