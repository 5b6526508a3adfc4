/* mapcheck: checks that mapped bytes still hash to what was stored when they
 * were written (XXH3), in a background thread, so opening a large mapped
 * file is not slowed by reading all of it. The hash is a two-level one
 * (XXH3-64 of each 16 MiB block, then of the block hashes) so the same
 * value can be computed block by block. */
#ifndef EMBX_MAPCHECK_H
#define EMBX_MAPCHECK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mapcheck;

/* The hash of len bytes (what a writer stores). */
uint64_t mapcheck_hash(const void *data, size_t len);
/* Starts hashing [data, data+len) in the background against `want`; the
 * bytes must stay mapped until mapcheck_free. NULL when out of memory (when
 * no thread can be started, the hash is computed before returning). */
struct mapcheck *mapcheck_start(const void *data, size_t len, uint64_t want);
/* Waits for the pass to end: true when the bytes hash to `want`. */
bool mapcheck_wait(struct mapcheck *c);
/* True once the pass has ended (does not wait). */
bool mapcheck_done(const struct mapcheck *c);
/* Stops the pass (early, between blocks) and frees c; NULL is ignored. */
void mapcheck_free(struct mapcheck *c);

#endif
