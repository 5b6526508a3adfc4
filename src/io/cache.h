/* cache: native copies of parsed tables under $XDG_CACHE_HOME/embx/
 * (default ~/.cache/embx/), keyed by real path, size, mtime, limit and format. */
#ifndef EMBX_CACHE_H
#define EMBX_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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

/* One cached copy as `cache` lists it: the .embx file and the files kept
 * beside it (same name, another extension) count as one entry. */
struct cache_entry {
    char file[4096];        /* the .embx file */
    char source[4096];      /* the table file it is a copy of ("" when unreadable) */
    uint64_t bytes;         /* the .embx file and its side files */
    int64_t mtime;          /* when the copy was written (seconds) */
    bool orphan;            /* the source is gone (or the copy is unreadable) */
};

/* Lists the copies in dir, oldest first; *out is malloc'd (free it). */
int cache_list(const char *dir, struct cache_entry **out, size_t *n, embx_err *e);
/* Marks in evict[] the oldest entries (v sorted oldest first) to remove so
 * the total is at most cap, never the entry whose file is keep (may be
 * NULL); returns how many. cap 0 = no cap. */
size_t cache_evict_choice(const struct cache_entry *v, size_t n, uint64_t cap, const char *keep,
                          bool *evict);
/* Removes an entry: its .embx file and its side files. */
int cache_remove(const struct cache_entry *en, embx_err *e);
/* Evicts the oldest copies beyond cap (0: none), sparing keep; counts in
 * *removed and *freed. */
int cache_enforce_cap(uint64_t cap, const char *keep, size_t *removed, uint64_t *freed, embx_err *e);
/* Parses a size: a whole number with an optional K, M, G or T (powers of
 * 1024, optional "B"/"iB"), or 0 / "off" / "none" for no cap. */
int cache_parse_size(const char *s, uint64_t *out);
/* Formats bytes as "512 B", "3.4 MB", "1.2 GB" (powers of 1024). */
const char *cache_size_str(uint64_t bytes, char *buf, size_t len);
/* The path of the copy of source read with o (it may not exist). */
int cache_file_for(const char *source, const struct read_opts *o, char *buf, size_t len, embx_err *e);

#endif
