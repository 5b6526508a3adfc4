/* session: defaults, table replacement, notes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "session.h"
#include "args.h"
#include "cache.h"
#include "strutil.h"
#include "hnsw.h"
#include "projection.h"
#include "quant.h"
#include "knngraph.h"
#include "clusterkeep.h"

void session_init(struct session *s)
{
    memset(s, 0, sizeof *s);
    s->k = 10;
    s->threads = 0;
    s->out_mode = OUT_AUTO;
    s->stdout_tty = isatty(STDOUT_FILENO);
    const char *cm = getenv("EMBX_CACHE_MAX");
    if (cm && *cm && cache_parse_size(cm, &s->cache_max) != 0) {
        s->cache_max = 0;
        fprintf(stderr, "embx: EMBX_CACHE_MAX='%s' is not a size (e.g. 2G, 500M): no cap\n", cm);
    }
}

/* The kept neighbour graphs refer to the table's rows. */
static void session_drop_graphs(struct session *s)
{
    for (int m = 0; m < 2; m++) {
        knngraph_free(s->graph[m]);
        s->graph[m] = NULL;
    }
}

void session_set_table(struct session *s, embx_table *t)
{
    if (s->table == t) return;
    table_free(s->table);
    s->table = t;
    /* a projection, the int8 copy and the index refer to rows of the old table */
    projection_free(s->proj);
    s->proj = NULL;
    quant_free(s->fast);
    s->fast = NULL;
    s->exact_queries = 0;
    hnsw_free(s->index);
    s->index = NULL;
    s->index_looked = false;
    memset(&s->table_load, 0, sizeof s->table_load);
    session_drop_graphs(s);
    cluster_keep_free(s->clusters);
    s->clusters = NULL;
}

void session_free(struct session *s)
{
    table_free(s->table);
    table_free(s->other);
    projection_free(s->proj);
    quant_free(s->fast);
    hnsw_free(s->index);
    s->index = NULL;
    session_drop_graphs(s);
    cluster_keep_free(s->clusters);
    s->clusters = NULL;
    s->table = s->other = NULL;
    s->proj = NULL;
    s->fast = NULL;
}

int session_threads(const struct session *s)
{
    if (s->threads > 0) return s->threads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

void session_note_threads(const struct session *s, long n)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores > 0 && n > cores)
        session_note(s, "%ld threads on %ld core%s: the threads beyond %ld only take turns on them", n,
                     cores, cores == 1 ? "" : "s", cores);
}

void session_note(const struct session *s, const char *fmt, ...)
{
    if (s && s->quiet) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("embx: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int session_read_k(const struct session *s, const struct args *a, size_t avail, const char *what, size_t *k,
                   embx_err *e)
{
    const char *v = args_str(a, "k", 0);
    long val = s->k;
    if (v && (!str_parse_long(v, &val) || val < 1))
        return err_set(e, "-k must be a whole number of at least 1, not '%.*s%s'", ERR_WORD(v));
    if (avail == 0) return err_set(e, "no rows are left to search once the input words are excluded");
    if ((unsigned long)val > avail) {
        if (v) session_note(s, "-k %ld is more than the %zu %s: using %zu", val, avail, what, avail);
        val = (long)avail;
    }
    *k = (size_t)val;
    return EMBX_OK;
}
