/* session: the state a REPL or batch run keeps between commands. A failed
 * command leaves it intact. */
#ifndef EMBX_SESSION_H
#define EMBX_SESSION_H
#include <stdbool.h>
#include <stdint.h>
#include "load.h"
#include "table.h"

enum out_mode { OUT_AUTO = 0, OUT_TABLE, OUT_TSV };

struct projection;     /* projection.h */
struct quant;          /* quant.h */
struct hnsw;           /* hnsw.h */

/* `set approx`: when nn uses the approximate index (cmd_index.c). */
enum approx_mode { APPROX_AUTO = 0, APPROX_ON, APPROX_OFF };
struct knngraph;       /* knngraph.h */
struct cluster_keep;   /* clusterkeep.h */

struct session {
    embx_table *table;          /* the loaded table, or NULL */
    embx_table *other;          /* a second table (compare), or NULL */
    struct projection *proj;    /* the last projection (plot), or NULL */
    struct quant *fast;         /* int8 copy of `table` for --fast (quant.h), or NULL */
    struct hnsw *index;         /* the approximate index of table, or NULL */
    bool index_looked;          /* its file was looked for since the table was set */
    bool index_noted;           /* the note that nn answers from the index was shown */
    struct knngraph *graph[2];  /* neighbour graph of the last mapped rows, per metric (cosine, Euclidean) */
    struct load_opts table_load; /* how `table` was loaded, to read it again */
    struct cluster_keep *clusters; /* the last `cluster` (its rows and groups), or NULL */

    /* settings (`set`) */
    int k;                      /* default neighbours */
    int threads;                /* 0 = all cores */
    enum out_mode out_mode;
    bool quiet;                 /* no notes on stderr */
    enum approx_mode approx;    /* nn by the index: auto (big tables with one), on, off */
    bool prescan_off;           /* `set prescan off`: exact queries scan the float rows only */
    size_t exact_queries;       /* exact searches of `table` so far (the second builds the int8 copy) */
    uint64_t cache_max;         /* cap on the cache's size, bytes (0: none); EMBX_CACHE_MAX sets the default */

    bool stdout_tty;            /* stdout is a terminal */
    bool interactive;           /* commands typed at a terminal */
    bool quit;                  /* `quit` was run */

    /* where the running command came from, for error messages ("stdin:2:") */
    const char *origin;         /* "stdin", "-c" or NULL (typed, or argv) */
    size_t origin_pos;          /* stdin: line number; -c: command number */
    bool echo;                  /* --echo: print each command as a '#' line first */
    bool shell_subcommand;      /* run as `embx NAME ...`: nothing after it sees the table */
};

/* Initialises defaults (k=10, threads=all, output auto, cache-max from
 * EMBX_CACHE_MAX: an invalid value is ignored with a note). */
void session_init(struct session *s);
/* Frees everything the session holds. */
void session_free(struct session *s);
/* Replaces the loaded table (frees the old one and dependent state). */
void session_set_table(struct session *s, embx_table *t);
/* Number of threads to use (resolves 0 to the core count). */
int session_threads(const struct session *s);
/* Notes (one line, not an error) that n threads is more than the cores. */
void session_note_threads(const struct session *s, long n);
/* Prints a one-line note on stderr unless quiet. */
void session_note(const struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct args;
/* The one reading of -k N for every command (default: `set k`): a whole
 * number of at least 1, clamped with a note to `avail`, the most answers
 * the command can give (`what` names them, e.g. "rows that can be answers"). */
int session_read_k(const struct session *s, const struct args *a, size_t avail, const char *what, size_t *k,
                   embx_err *e);

#endif
