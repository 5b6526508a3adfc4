/* projection: a 2-D layout of selected rows, as computed by PCA/t-SNE (or
 * loaded from a file) and drawn by the canvas and the viewer. */
#ifndef EMBX_PROJECTION_H
#define EMBX_PROJECTION_H
#include <stddef.h>
#include <stdbool.h>

struct projection {
    size_t n;
    double *xy;          /* n x 2 */
    char **labels;       /* n owned strings (the word, or a display label) */
    long *rows;          /* n table rows, -1 when the point is not in the table */
    int *group;          /* n group ids (-1 = none), may be NULL */
    char **group_names;  /* ngroups names, may be NULL */
    int ngroups;
    bool ramp;           /* the groups are ordered bins of a number (--color-by): a colour ramp */
    bool *highlight;     /* n, query points and their neighbours; may be NULL */
    char title[256];     /* e.g. "t-SNE of 41 words near paris (perplexity 13)" */
    char method[16];     /* "pca", "tsne", "umap", "file", "axes" */
    char faith[160];     /* "trustworthiness 0.93, 10-NN preservation 0.41 ..." or "" */
};

/* Allocates a projection of n points (labels NULL, rows -1, group NULL). */
struct projection *projection_new(size_t n);
void projection_free(struct projection *p);

#endif
