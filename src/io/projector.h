/* projector: export for the TensorFlow Embedding Projector (vectors.tsv and
 * metadata.tsv in one directory). */
#ifndef EMBX_PROJECTOR_H
#define EMBX_PROJECTOR_H
#include <stddef.h>
#include "error.h"
#include "table.h"

/* Writes dir/vectors.tsv and dir/metadata.tsv (creating dir) for rows[0..n)
 * of t, atomically; group (n ids, -1 = none, may be NULL) and group_names add
 * a group column. */
int projector_export(const char *dir, const embx_table *t, const size_t *rows, size_t n,
                     const int *group, char *const *group_names, embx_err *e);

#endif
