/* selargs: selection options to a selection_spec (see selargs.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "selargs.h"
#include "strutil.h"
#include "where.h"

static const char *const sources[] = {"top", "sample", "near", "file", "prefix"};

bool selargs_given(const struct args *a)
{
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        if (args_has(a, sources[i])) return true;
    return false;
}

/* Which way of choosing was given: "words", an option name, or NULL. */
static int chosen(const struct args *a, size_t first, const char **given, embx_err *e)
{
    int nsrc = first < a->npos ? 1 : 0;
    *given = nsrc ? "words" : NULL;
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        if (args_has(a, sources[i])) {
            /* --top limits --prefix; every other pair is ambiguous. */
            if (strcmp(sources[i], "top") == 0 && args_has(a, "prefix")) continue;
            if (++nsrc > 1)
                return err_set(e, "choose one selection: %s%s and --%s were both given",
                               strcmp(*given, "words") == 0 ? "" : "--", *given, sources[i]);
            *given = sources[i];
        }
    return EMBX_OK;
}

int selection_from_args(const embx_table *t, const struct args *a, size_t first,
                        size_t default_top, int threads, struct selection *sel, embx_err *e)
{
    memset(sel, 0, sizeof *sel);
    const char *given;
    if (chosen(a, first, &given, e) != EMBX_OK) return EMBX_ERR;
    if (t->n == 0) return err_set(e, "the table is empty");
    struct selection_spec sp = { .kind = SEL_TOP, .threads = threads };
    long top = 0;
    if (args_has(a, "top") || !given) {
        if (args_long(a, "top", (long)default_top, 1, (long)1 << 40, &top, e) != EMBX_OK) return EMBX_ERR;
        sp.top = (size_t)top;
    }
    const char **words = NULL;
    if (!given || strcmp(given, "top") == 0) {
        sp.kind = SEL_TOP;
    } else if (strcmp(given, "words") == 0) {
        sp.kind = SEL_WORDS;
        sp.nwords = a->npos - first;
        words = malloc(sizeof *words * sp.nwords);
        if (!words) return err_set(e, "out of memory for the selection");
        for (size_t i = 0; i < sp.nwords; i++) words[i] = args_word(a, first + i);
        sp.words = words;
    } else if (strcmp(given, "sample") == 0) {
        long m, seed;
        if (args_long(a, "sample", 0, 1, (long)1 << 40, &m, e) != EMBX_OK ||
            args_long(a, "seed", 1, 0, LONG_MAX, &seed, e) != EMBX_OK) return EMBX_ERR;
        sp.kind = SEL_SAMPLE;
        sp.sample = (size_t)m;
        sp.seed = (unsigned long)seed;
    } else if (strcmp(given, "near") == 0) {
        const char *w = args_str(a, "near", 0), *ns = args_str(a, "near", 1);
        long m;
        if (!str_parse_long(ns, &m) || m < 1)
            return err_set(e, "--near %s %s: N must be a positive count of neighbours, e.g. --near %s 40", w, ns, w);
        sp.kind = SEL_NEAR;
        sp.near = w;
        sp.near_n = (size_t)m;
    } else if (strcmp(given, "file") == 0) {
        sp.kind = SEL_FILE;
        sp.file = args_str(a, "file", 0);
    } else {
        sp.kind = SEL_PREFIX;
        sp.prefix = args_str(a, "prefix", 0);
    }
    if (args_long(a, "min-count", 0, 0, LONG_MAX, &sp.min_count, e) != EMBX_OK) { free(words); return EMBX_ERR; }
    unsigned char *keep = NULL;
    char wdesc[200];
    size_t nkeep;
    if (where_from_args(t, a, &keep, &nkeep, wdesc, sizeof wdesc, e) != EMBX_OK) { free(words); return EMBX_ERR; }
    sp.keep = keep;
    sp.keep_desc = wdesc;
    int rc = selection_build(t, &sp, sel, e);
    free(words);
    free(keep);
    return rc;
}

int where_from_args(const embx_table *t, const struct args *a, unsigned char **mask, size_t *count,
                    char *desc, size_t desclen, embx_err *e)
{
    *mask = NULL;
    *count = 0;
    desc[0] = '\0';
    struct where w[ARGS_MAX_OPTS] = {{0}};
    char *texts[ARGS_MAX_OPTS];
    size_t nw = 0, off = 0;
    int rc = EMBX_OK;
    if (!args_has(a, "where")) return EMBX_OK;
    /* every --where counts (they are ANDed), not only the last */
    for (size_t i = 0; i < a->nseen && rc == EMBX_OK; i++) {
        if (strcmp(a->seen[i].opt->name, "where") != 0) continue;
        if (!(texts[nw] = strdup(a->seen[i].val[0]))) { rc = err_set(e, "out of memory"); break; }
        int wl = snprintf(desc + off, desclen - off, "%s%s", nw ? ", " : "", a->seen[i].val[0]);
        if (wl > 0) off = off + (size_t)wl < desclen ? off + (size_t)wl : desclen - 1;
        rc = where_parse(t->meta, texts[nw], &w[nw], e);
        nw++;
    }
    if (rc == EMBX_OK) rc = where_mask(t, w, nw, mask, count, e);
    if (rc == EMBX_OK && *count == 0) {
        free(*mask);
        *mask = NULL;
        rc = err_set(e, "--where %s: no row of the table matches", desc);
    }
    for (size_t i = 0; i < nw; i++) free(texts[i]);
    return rc;
}
