/* knngraph_file: a neighbour graph (knngraph.h) kept in a file, so a later
 * session mapping the same rows does not search again. The file records
 * what the graph was built from (a hash of the rows' values, the metric,
 * k and the build parameters) and checksums of its header and contents;
 * nothing in it is trusted before those checks pass. Pure: no printing. */
#ifndef EMBX_KNNGRAPH_FILE_H
#define EMBX_KNNGRAPH_FILE_H
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "knngraph.h"

/* Hash of the n x dim rows a graph is built from (stored, and compared on reading). */
uint64_t knngraph_data_hash(const float *X, size_t n, size_t dim);
/* File-name suffix naming what selects a distinct graph of n points built
 * with o (metric, k, exact or NN-descent and its seed), e.g. ".knn-cos-k14-exact". */
int knngraph_file_suffix(const struct knngraph_opts *o, size_t n, char *buf, size_t len);
/* Writes g, built with o from rows hashing to data_hash, to path (atomically). */
int knngraph_save(const struct knngraph *g, const struct knngraph_opts *o, uint64_t data_hash,
                  const char *path, embx_err *e);
/* Reads from path the graph of n rows hashing to data_hash built with o:
 * EMBX_OK with *out set, or EMBX_ERR saying why (damaged: bad size, header
 * or checksum, impossible neighbours; stale: built from other rows or with
 * other parameters). */
int knngraph_load(const char *path, const struct knngraph_opts *o, size_t n, uint64_t data_hash,
                  struct knngraph **out, embx_err *e);

#endif
