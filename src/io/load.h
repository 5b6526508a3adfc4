/* load: open a table from any supported file, going through the cache. */
#ifndef EMBX_LOAD_H
#define EMBX_LOAD_H
#include <stdbool.h>
#include <stdint.h>
#include "formats.h"

struct load_opts {
    struct read_opts read;
    bool no_cache;
    const char *vocab;   /* labels for the rows (labels.h), NULL: keep the file's */
    uint64_t cache_max;  /* cap on the cache's total size (0: none); the oldest copies go */
    const char *meta;    /* row metadata TSV (metafile.h), NULL: only TABLE.meta.tsv if present */
};

/* Loads path (format from content unless o->read.format is set), using and
 * filling the cache unless no_cache (a new copy is named in r->cache_note,
 * with its size, and the oldest copies beyond cache_max are evicted). Notes
 * (duplicates, skipped rows, cache problems) are printed as one line each on stderr by the caller from r. */
int load_table(const char *path, const struct load_opts *o, embx_table **out,
               struct read_report *r, embx_err *e);

#endif
