/* cache: native copies of parsed tables under $XDG_CACHE_HOME/embx/
 * (default ~/.cache/embx/), keyed by real path, size, mtime, limit and format. */
#ifndef EMBX_CACHE_H
#define EMBX_CACHE_H
#include <stddef.h>
#include "table.h"
#include "formats.h"

/* Directory of the cache (created on demand); returns EMBX_ERR if no home. */
int cache_dir(char *buf, size_t len, embx_err *e);
/* Opens the cached copy of source when it exists and is fresh and valid;
 * returns EMBX_OK with *out set, or EMBX_ERR (not found, stale or damaged:
 * the reason is in e, and a damaged file is removed). */
int cache_lookup(const char *source, const struct read_opts *o, embx_table **out, embx_err *e);
/* Removes the cached copy of source read with o, if any (a copy found
 * damaged after it was opened). */
int cache_discard(const char *source, const struct read_opts *o, embx_err *e);
/* Stores t as the cached copy of source (atomic); failures are not fatal to
 * the caller, who may print e as a note. */
int cache_store(const char *source, const struct read_opts *o, const embx_table *t, embx_err *e);

/* Path of a file kept beside the cached copy of source (same key, the
 * extension ext, e.g. ".hnsw"), so it lives and goes with that entry. */
int cache_sidecar_path(const char *source, const struct read_opts *o, const char *ext,
                       char *buf, size_t len, embx_err *e);

#endif
