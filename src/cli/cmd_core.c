/* cmd_core: load, save, info, vec, set, help, quit. */
#include <errno.h>
#include <unistd.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "strutil.h"
#include "atomic_file.h"
#include "cache.h"
#include "commands.h"
#include "config.h"
#include "knn.h"
#include "load.h"
#include "mapcheck.h"
#include "mapguard.h"
#include "metafile.h"
#include "rowmeta.h"
#include "native.h"
#include "output.h"
#include "progress.h"
#include "quant.h"
#include "recstore.h"
#include "registry.h"

/* Prints the one-line notes a load produced (duplicates, skipped rows ...). */
static void load_notes(const struct session *s, const char *path, const struct read_report *r)
{
    if (r->skipped)
        session_note(s, "%s: skipped %zu malformed row%s (first: %s)", path, r->skipped,
                     r->skipped == 1 ? "" : "s", r->first_skip);
    if (r->notes.duplicates)
        session_note(s, "%s: %zu duplicate word%s ignored, the first row of each kept (first: '%s')",
                     path, r->notes.duplicates, r->notes.duplicates == 1 ? "" : "s",
                     r->notes.first_duplicate);
    if (r->notes.zero_rows)
        session_note(s, "%s: %zu zero vector%s kept (never returned by cosine search)", path,
                     r->notes.zero_rows, r->notes.zero_rows == 1 ? "" : "s");
    if (r->notes.invalid_utf8)
        session_note(s, "%s: %zu word%s with invalid UTF-8 kept as bytes (printed as \\xNN)", path,
                     r->notes.invalid_utf8, r->notes.invalid_utf8 == 1 ? "" : "s");
    if (r->header_note[0]) session_note(s, "%s", r->header_note);
    if (r->cache_note[0]) session_note(s, "%s", r->cache_note);
    if (r->bom) session_note(s, "%s: UTF-8 byte order mark ignored", path);
    if (r->crlf) session_note(s, "%s: CRLF line ends", path);
}

/* Row metadata: TABLE.meta.tsv beside the table when there is one, then
 * --meta FILE; each adds its columns to what the table has (a recommender's
 * sidecar), a column of the same name replaced. A bad --meta fails the load;
 * a bad TABLE.meta.tsv is a note. */
static int attach_meta(struct session *s, embx_table *t, const char *path, const char *meta, embx_err *e)
{
    char *side = metafile_sidecar_path(path);
    if (!side) return err_set(e, "out of memory");
    const char *files[2] = {side, meta};
    int rc = EMBX_OK;
    for (int i = 0; i < 2 && rc == EMBX_OK; i++) {
        if (!files[i] || (i == 0 && access(files[i], R_OK) != 0)) continue;
        struct rowmeta *m = NULL;
        struct metafile_report mr;
        embx_err me;
        if (metafile_read(files[i], t, &m, &mr, &me) != EMBX_OK) {
            if (i == 0) { session_note(s, "%s (ignored)", me.msg); continue; }
            *e = me;
            rc = EMBX_ERR;
            break;
        }
        if (mr.unmatched)
            session_note(s, "%s: %zu label%s not in the table, ignored (first: %s)", files[i], mr.unmatched,
                         mr.unmatched == 1 ? "" : "s", mr.first_unmatched);
        if (mr.in_order)
            session_note(s, "%s: its labels are not the table's words: line N describes row N", files[i]);
        if (t->meta) rc = metafile_merge(t->meta, m, e);
        else t->meta = m;
    }
    free(side);
    return rc;
}

int cmd_read_table(struct session *s, const char *path, const struct load_opts *o,
                   embx_table **out, struct read_report *r, embx_err *e)
{
    memset(r, 0, sizeof *r);
    struct load_opts lo = *o;
    lo.cache_max = s->cache_max;
    int rc = load_table(path, &lo, out, r, e);
    if (rc != EMBX_OK) return rc;
    /* a recommender table's titles and genres live in a sidecar beside it */
    embx_err se;
    if (recsys_attach_sidecar(*out, path, &se) != EMBX_OK)
        session_note(s, "%s", se.msg);
    if ((rc = attach_meta(s, *out, path, o->meta, e)) != EMBX_OK) {
        table_free(*out);
        *out = NULL;
        return rc;
    }
    load_notes(s, path, r);
    return EMBX_OK;
}

int cmd_load_path(struct session *s, const char *path, const struct load_opts *o, embx_err *e)
{
    embx_table *t = NULL;
    struct read_report r;
    double t0 = progress_now();
    int rc = cmd_read_table(s, path, o, &t, &r, e);
    if (rc != EMBX_OK) return rc;
    double dt = progress_now() - t0;
    session_set_table(s, t);
    s->table_load = *o;
    session_note(s, "loaded %zu words x %zu dimensions (%s%s) from %s in %.2f s%s", t->n, t->dim,
                 t->format, r.gzip ? ", gzip" : "", path, dt, t->from_cache ? " (cache)" : "");
    return EMBX_OK;
}

/* A cached copy found damaged after it was opened: removed and its source
 * read again (which stores a fresh copy); false when that failed too. */
static bool reread_source(struct session *s, embx_err *e)
{
    struct load_opts o = s->table_load;
    char *src = strdup(s->table->source ? s->table->source : "");
    embx_err ce;
    if (!src) return false;
    if (cache_discard(src, &o.read, &ce) != EMBX_OK) session_note(s, "%s", ce.msg);
    o.no_cache = false;
    bool ok = cmd_load_path(s, src, &o, e) == EMBX_OK;
    free(src);
    return ok;
}

int cmd_check_table(struct session *s, bool verify, embx_err *e)
{
    embx_table *t = s->table;
    if (s->other && mapguard_damaged(s->other->map_guard)) {
        session_note(s, "%s was truncated while embx had it mapped: the second table (compare) is dropped",
                     s->other->source ? s->other->source : "the second table");
        table_free(s->other);
        s->other = NULL;
    }
    if (!t) return EMBX_OK;
    const char *name = t->source ? t->source : "the table";
    bool truncated = mapguard_damaged(t->map_guard);
    bool mismatch = false;
    if (!truncated && verify && t->check) {
        /* started when the file was mapped: by the time a command reads the
         * matrix it has usually finished */
        mismatch = !mapcheck_wait(t->check);
        mapcheck_free(t->check);
        t->check = NULL;
    }
    if (!truncated && !mismatch) return EMBX_OK;
    const char *what = truncated ? "was truncated while embx had it mapped" : "no longer matches its checksum (XXH3)";
    if (t->from_cache) {
        session_note(s, "the cached copy of %s %s: discarded; reading %s again", name, what, name);
        if (reread_source(s, e)) {
            if (!truncated) return EMBX_OK;    /* caught before the command ran */
            return err_set(e, "this command read the damaged copy: its results are void (run it again)");
        }
        err_prefix(e, "%s", name);
    } else {
        err_set(e, "%s %s", name, what);
    }
    session_set_table(s, NULL);
    char msg[sizeof e->msg];
    snprintf(msg, sizeof msg, "%s; the table is unloaded%s", e->msg,
             truncated ? " (this command's results are void)" : "");
    return err_set(e, "%s", msg);
}

static int read_load_opts(const struct args *a, struct load_opts *o, embx_err *e)
{
    memset(o, 0, sizeof *o);
    const char *f = args_str(a, "format", 0);
    char names[512];
    if (f && format_parse(f, &o->read.format) != 0)
        return err_set(e, "--format: unknown format '%.*s%s' (%s)", ERR_WORD(f), format_names(names, sizeof names, false));
    long limit;
    if (args_long(a, "limit", 0, 1, LONG_MAX, &limit, e)) return EMBX_ERR;
    o->read.limit = (size_t)limit;
    o->read.skip_bad = args_has(a, "skip-bad");
    o->read.tensor = args_str(a, "tensor", 0);
    o->vocab = args_str(a, "vocab", 0);
    o->meta = args_str(a, "meta", 0);
    o->no_cache = args_has(a, "no-cache");
    return EMBX_OK;
}

static int run_load(struct session *s, const struct args *a, embx_err *e)
{
    struct load_opts o;
    if (read_load_opts(a, &o, e)) return EMBX_ERR;
    o.read.threads = s->threads;
    return cmd_load_path(s, args_word(a, 0), &o, e);
}

/* What is known about the rows goes along with a saved table: its metadata
 * as OUT.meta.tsv, and a recommender's sidecar as OUT.recsys.tsv (biases and
 * each user's items, so recommend works on the copy). */
static int save_sidecars(struct session *s, const char *path, embx_err *e)
{
    const embx_table *t = s->table;
    int rc = EMBX_OK;
    char *rs = t->source ? recsys_sidecar_path(t->source) : NULL, *rd = recsys_sidecar_path(path);
    if (rs && rd && strcmp(rs, rd) && access(rs, R_OK) == 0 && (rc = atomic_copy(rs, rd, e)) == EMBX_OK)
        session_note(s, "saved the recommender sidecar to %s", rd);
    free(rs);
    free(rd);
    if (rc == EMBX_OK && t->meta) {
        char *md = metafile_sidecar_path(path);
        if (!md) return err_set(e, "out of memory");
        if ((rc = metafile_write(t, md, e)) == EMBX_OK)
            session_note(s, "saved the row metadata (%zu column%s) to %s", t->meta->ncols,
                         t->meta->ncols == 1 ? "" : "s", md);
        free(md);
    }
    return rc;
}

static int run_save(struct session *s, const struct args *a, embx_err *e)
{
    const char *path = args_word(a, 0);
    /* with no --format and no known suffix, the table keeps the format it
     * was read in (a native or read-only one becomes GloVe text) */
    const struct format_desc *loaded = format_by_name(s->table->format);
    if (loaded && loaded->code == FMT_EMBX) loaded = NULL;
    const struct format_desc *d;
    bool gz;
    if (format_for_output(path, args_str(a, "format", 0), loaded, &d, &gz, e)) return EMBX_ERR;
    gz = gz || args_has(a, "gzip");
    int rc = format_write(d, s->table, path, gz, e);
    if (rc == EMBX_OK)
        session_note(s, "saved %zu x %zu as %s%s to %s", s->table->n, s->table->dim, d->name,
                     gz ? " (gzip)" : "", path);
    if (rc == EMBX_OK) rc = save_sidecars(s, path, e);
    return rc;
}

static int run_info(struct session *s, const struct args *a, embx_err *e)
{
    (void)a;
    (void)e;
    const embx_table *t = s->table;
    double mn = INFINITY, mx = 0, sum = 0;
    size_t nz = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->inv_norms[i] == 0.0f) continue;
        double nrm = 1.0 / t->inv_norms[i];
        if (nrm < mn) mn = nrm;
        if (nrm > mx) mx = nrm;
        sum += nrm;
        nz++;
    }
    outtab o;
    outtab_init(&o, 2);
    outtab_addf(&o, "source\t%s", t->source ? t->source : "(trained in this session)");
    outtab_addf(&o, "format\t%s%s", t->format, t->from_cache ? " (opened from cache)" : "");
    outtab_addf(&o, "words\t%zu", t->n);
    outtab_addf(&o, "dimensions\t%zu", t->dim);
    outtab_addf(&o, "memory\t%.1f MB%s", table_memory(t) / 1e6, t->map ? " (matrix mapped from the file)" : "");
    if (nz)
        outtab_addf(&o, "norms\tmin %.4f, mean %.4f, max %.4f", mn, sum / nz, mx);
    outtab_addf(&o, "zero vectors\t%zu", t->n - nz);
    if (t->oov) outtab_addf(&o, "unseen words\tvectors from %s", t->oov->about);
    if (t->n) {
        char first[160], last[160];
        str_escape(t->words[0], first, sizeof first);
        str_escape(t->words[t->n - 1], last, sizeof last);
        outtab_addf(&o, "first, last\t%s, %s", first, last);
    }
    outtab_addf(&o, "blas\t%s, %d threads", EMBX_BLAS_NAME, session_threads(s));
    /* what nn uses here: all cores by default, fewer on small tables */
    outtab_addf(&o, "search threads\t%d", knn_scan_threads(t, 0, session_threads(s)));
    if (s->fast) outtab_addf(&o, "int8 copy\t%.1f MB (nn --fast)", quant_memory(s->fast) / 1e6);
    outtab_print(s, &o, stdout);
    return EMBX_OK;
}

static int run_vec(struct session *s, const struct args *a, embx_err *e)
{
    const char *w = args_word(a, 0);
    long r = table_find(s->table, w);
    float *built = NULL;
    if (r < 0 && s->table->oov) {
        /* a word outside the vocabulary: the model's vector (fastText n-grams) */
        if (!(built = malloc(sizeof(float) * s->table->dim))) return err_set(e, "out of memory");
        if (!table_oov_vector(s->table, w, built)) { free(built); built = NULL; }
        else session_note(s, "'%s' is not in the vocabulary: its vector was built from %s", w, s->table->oov->how);
    }
    if (r < 0 && !built) return table_err_unknown(s->table, w, e);
    const float *v = built ? built : table_row(s->table, (size_t)r);
    str_put_word(stdout, w);
    /* piped: tab-separated like every other command's output */
    char sep = out_pretty(s) ? ' ' : '\t';
    for (size_t j = 0; j < s->table->dim; j++) printf("%c%.9g", sep, v[j]);
    putchar('\n');
    free(built);
    return EMBX_OK;
}

static const char *mode_name(enum out_mode m)
{
    return m == OUT_TABLE ? "table" : m == OUT_TSV ? "tsv" : "auto";
}

/* Tab after `set`: the setting names, then the values of those that take
 * one of a few words (run_set below accepts exactly these). */
static const struct complete_spec set_on_off = {
    .choices = (const struct complete_choice[]){{"on", NULL}, {"off", NULL}, {NULL, NULL}},
};
static const struct complete_spec set_output = {
    .choices = (const struct complete_choice[]){{"auto", NULL}, {"table", NULL}, {"tsv", NULL}, {NULL, NULL}},
};
static const struct complete_spec set_approx = {
    .choices = (const struct complete_choice[]){{"auto", NULL}, {"on", NULL}, {"off", NULL}, {NULL, NULL}},
};
static const struct complete_spec set_prescan = {
    .choices = (const struct complete_choice[]){{"auto", NULL}, {"off", NULL}, {NULL, NULL}},
};
static const struct complete_spec set_names = {
    .choices = (const struct complete_choice[]){
        {"k", NULL}, {"threads", NULL}, {"output", &set_output}, {"quiet", &set_on_off},
        {"approx", &set_approx}, {"prescan", &set_prescan}, {"cache-max", NULL}, {NULL, NULL}},
};

/* Evicts the oldest cached copies beyond the session's cap, with a note. */
static void cache_apply_cap(const struct session *s)
{
    size_t removed;
    uint64_t freed;
    embx_err ce;
    char fs[32];
    if (cache_enforce_cap(s->cache_max, NULL, &removed, &freed, &ce) != EMBX_OK)
        session_note(s, "%s", ce.msg);
    else if (removed)
        session_note(s, "evicted the %zu oldest cached cop%s (%s) to stay under cache-max", removed,
                     removed == 1 ? "y" : "ies", cache_size_str(freed, fs, sizeof fs));
}

/* Age as a person reads it: 40 s, 12 min, 5 h, 3 d. */
static void age_str(int64_t secs, char *buf, size_t len)
{
    if (secs < 0) secs = 0;
    if (secs < 120) snprintf(buf, len, "%lld s", (long long)secs);
    else if (secs < 7200) snprintf(buf, len, "%lld min", (long long)(secs / 60));
    else if (secs < 2 * 86400) snprintf(buf, len, "%lld h", (long long)(secs / 3600));
    else snprintf(buf, len, "%lld d", (long long)(secs / 86400));
}

static int run_cache(struct session *s, const struct args *a, embx_err *e)
{
    const char *sub = a->npos ? args_word(a, 0) : "list";
    bool orphans = args_has(a, "orphans");
    if (strcmp(sub, "list") != 0 && strcmp(sub, "clear") != 0)
        return err_set(e, "cache: unknown sub-command '%.*s%s' (list or clear)", ERR_WORD(sub));
    if (orphans && strcmp(sub, "clear") != 0) return err_set(e, "--orphans goes with 'cache clear'");
    char dir[PATH_MAX];
    if (cache_dir(dir, sizeof dir, e)) return EMBX_ERR;
    struct cache_entry *v;
    size_t n;
    if (cache_list(dir, &v, &n, e)) return EMBX_ERR;
    char sz[32];
    uint64_t total = 0;
    int rc = EMBX_OK;
    if (strcmp(sub, "list") == 0) {
        outtab o;
        outtab_init(&o, 3);
        const char *head[3] = {"source", "size", "age"};
        if (n) outtab_add(&o, head);
        time_t now = time(NULL);
        for (size_t i = n; i-- > 0;) {   /* newest first */
            char age[32];
            age_str((int64_t)now - v[i].mtime, age, sizeof age);
            outtab_addf(&o, "%s%s\t%s\t%s", v[i].source[0] ? v[i].source : v[i].file,
                        !v[i].source[0] ? " (unreadable copy)" : v[i].orphan ? " (gone)" : "",
                        cache_size_str(v[i].bytes, sz, sizeof sz), age);
            total += v[i].bytes;
        }
        outtab_print(s, &o, stdout);
        outtab_free(&o);
        char cm[32];
        session_note(s, "%zu cached cop%s, %s in %s (cache-max %s)", n, n == 1 ? "y" : "ies",
                     cache_size_str(total, sz, sizeof sz), dir,
                     s->cache_max ? cache_size_str(s->cache_max, cm, sizeof cm) : "off");
    } else {
        size_t removed = 0;
        for (size_t i = 0; i < n; i++) {
            if (orphans && !v[i].orphan) continue;
            if (cache_remove(&v[i], e)) {
                rc = EMBX_ERR;
                break;
            }
            removed++;
            total += v[i].bytes;
        }
        if (rc == EMBX_OK)
            session_note(s, "removed %zu cached cop%s%s (%s) from %s", removed, removed == 1 ? "y" : "ies",
                         orphans ? " whose source is gone" : "", cache_size_str(total, sz, sizeof sz), dir);
    }
    free(v);
    return rc;
}

static int run_set(struct session *s, const struct args *a, embx_err *e)
{
    if (a->npos == 0) {
        outtab o;
        outtab_init(&o, 2);
        outtab_addf(&o, "k\t%d", s->k);
        outtab_addf(&o, "threads\t%d%s", session_threads(s), s->threads ? "" : " (all cores)");
        outtab_addf(&o, "output\t%s", mode_name(s->out_mode));
        outtab_addf(&o, "quiet\t%s", s->quiet ? "on" : "off");
        outtab_addf(&o, "approx\t%s", s->approx == APPROX_ON ? "on" : s->approx == APPROX_OFF ? "off" : "auto");
        outtab_addf(&o, "prescan\t%s", s->prescan_off ? "off" : "auto");
        char cm[32];
        outtab_addf(&o, "cache-max\t%s", s->cache_max ? cache_size_str(s->cache_max, cm, sizeof cm) : "off");
        outtab_print(s, &o, stdout);
        return EMBX_OK;
    }
    const char *name = args_word(a, 0);
    if (a->npos < 2) return err_set(e, "set %s needs a value (usage: set NAME VALUE)", name);
    const char *val = args_word(a, 1);
    long v;
    if (strcmp(name, "k") == 0) {
        /* no upper bound here: each command clamps k to the rows it can answer, with a note */
        if (!str_parse_long(val, &v) || v < 1 || v > INT_MAX)
            return err_set(e, "k must be a whole number of at least 1, not '%s'", val);
        s->k = (int)v;
    } else if (strcmp(name, "threads") == 0) {
        if (!str_parse_long(val, &v) || v < 0 || v > 1024)
            return err_set(e, "threads must be 0 (all cores) to 1024, not '%s'", val);
        s->threads = (int)v;
        session_note_threads(s, v);
    } else if (strcmp(name, "output") == 0) {
        if (strcmp(val, "auto") == 0) s->out_mode = OUT_AUTO;
        else if (strcmp(val, "table") == 0) s->out_mode = OUT_TABLE;
        else if (strcmp(val, "tsv") == 0) s->out_mode = OUT_TSV;
        else return err_set(e, "output must be auto, table or tsv, not '%s'", val);
    } else if (strcmp(name, "quiet") == 0) {
        if (strcmp(val, "on") == 0) s->quiet = true;
        else if (strcmp(val, "off") == 0) s->quiet = false;
        else return err_set(e, "quiet must be on or off, not '%s'", val);
    } else if (strcmp(name, "approx") == 0) {
        if (strcmp(val, "auto") == 0) s->approx = APPROX_AUTO;
        else if (strcmp(val, "on") == 0) s->approx = APPROX_ON;
        else if (strcmp(val, "off") == 0) s->approx = APPROX_OFF;
        else return err_set(e, "approx must be auto, on or off, not '%s'", val);
    } else if (strcmp(name, "prescan") == 0) {
        if (strcmp(val, "auto") == 0) s->prescan_off = false;
        else if (strcmp(val, "off") == 0) s->prescan_off = true;
        else return err_set(e, "prescan must be auto or off, not '%s'", val);
    } else if (strcmp(name, "cache-max") == 0) {
        uint64_t cap;
        if (cache_parse_size(val, &cap) != 0)
            return err_set(e, "cache-max must be a size such as 2G or 500M (off: no cap), not '%s'", val);
        s->cache_max = cap;
        cache_apply_cap(s);
    } else {
        return err_set(e, "unknown setting '%s' (k, threads, output, quiet, approx, prescan, cache-max)", name);
    }
    return EMBX_OK;
}

static void print_options(const struct command *c)
{
    if (!c->opts || !c->opts->name) return;
    printf("options:\n");
    for (const struct optspec *o = c->opts; o->name; o++) {
        char lhs[96];
        if (o->short_name)
            snprintf(lhs, sizeof lhs, "-%c, --%s%s%s", o->short_name, o->name, o->metavar ? " " : "", o->metavar ? o->metavar : "");
        else
            snprintf(lhs, sizeof lhs, "    --%s%s%s", o->name, o->metavar ? " " : "", o->metavar ? o->metavar : "");
        printf("  %-26s %s\n", lhs, o->help ? o->help : "");
        if (strcmp(o->name, "format") == 0) {
            char names[512];
            printf("  %-26s %s: %s ('formats' tells which can be written)\n", "", o->metavar,
                   format_names(names, sizeof names, false));
        }
    }
}

static int run_help(struct session *s, const struct args *a, embx_err *e)
{
    (void)s;
    if (a->npos == 1) {
        const struct command *c = command_find(args_word(a, 0), e);
        if (!c) return EMBX_ERR;
        printf("usage: ");
        command_print_usage(c, stdout);
        printf("\n%s\n", c->help);
        if (c->alias) printf("also: %s\n", c->alias);
        if (c->details) printf("\n%s\n", c->details);
        print_options(c);
        return EMBX_OK;
    }
    size_t n = command_count(), w = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(command_at(i)->name);
        if (l > w) w = l;
    }
    for (size_t i = 0; i < n; i++) {
        const struct command *c = command_at(i);
        printf("  %-*s  %s\n", (int)w, c->name, c->help);
    }
    printf("\n'help COMMAND' shows a command's usage and options. Commands may be abbreviated\n"
           "to a unique prefix. \"Quoted words\" are always words, never options.\n");
    return EMBX_OK;
}

/* The format registry as a table: what each format is called, which file
 * names imply it, and what embx can do with it. */
static int run_formats(struct session *s, const struct args *a, embx_err *e)
{
    (void)a;
    (void)e;
    outtab o;
    outtab_init(&o, 5);
    const char *head[5] = {"format", "also", "names", "can", "what"};
    if (out_pretty(s)) outtab_add(&o, head);
    for (const struct format_desc *d = format_registry; d->name; d++) {
        char also[128] = "", names[128] = "", can[32];
        for (size_t i = 0; i < sizeof d->aliases / sizeof d->aliases[0] && d->aliases[i]; i++)
            snprintf(also + strlen(also), sizeof also - strlen(also), "%s%s", i ? "," : "", d->aliases[i]);
        for (size_t i = 0; i < sizeof d->suffixes / sizeof d->suffixes[0] && d->suffixes[i]; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? "," : "", d->suffixes[i]);
        snprintf(can, sizeof can, "%s%s%s", d->read ? "read" : "", d->write ? ",write" : "", d->gzip ? ",gzip" : "");
        const char *cells[5] = {d->name, also[0] ? also : "-", names[0] ? names : "-", can, d->summary};
        outtab_add(&o, cells);
    }
    outtab_print(s, &o, stdout);
    outtab_free(&o);
    return EMBX_OK;
}

/* Every 2-D tensor of a multi-tensor file (FILE, else the loaded table's). */
static int run_tensors(struct session *s, const struct args *a, embx_err *e)
{
    const char *path = a->npos ? args_word(a, 0) : s->table ? s->table->source : NULL;
    if (!path) return err_set(e, "no file: give one (tensors FILE) or load a table");
    unsigned char head[4096];
    size_t got = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(e, "%s: %s", path, strerror(errno));
    got = fread(head, 1, sizeof head, fp);
    fclose(fp);
    const struct format_desc *d = format_detect_head(head, got);
    if (!d->list) return err_set(e, "%s: a %s file holds one table, not named tensors", path, d->name);
    struct tensor_list l;
    if (d->list(path, &l, e)) return EMBX_ERR;
    outtab o;
    outtab_init(&o, 3);
    o.right[1] = true;
    const char *head_row[3] = {"tensor", "shape", "dtype"};
    if (out_pretty(s)) outtab_add(&o, head_row);
    for (size_t i = 0; i < l.n; i++) {
        char shape[64];
        snprintf(shape, sizeof shape, "%zu x %zu", l.v[i].rows, l.v[i].cols);
        const char *cells[3] = {l.v[i].name, shape, l.v[i].dtype};
        outtab_add(&o, cells);
    }
    outtab_print(s, &o, stdout);
    outtab_free(&o);
    if (l.others)
        session_note(s, "%s: %zu more tensor%s that %s not 2-D", path, l.others, l.others == 1 ? "" : "s",
                     l.others == 1 ? "is" : "are");
    tensor_list_free(&l);
    return EMBX_OK;
}

static int run_quit(struct session *s, const struct args *a, embx_err *e)
{
    (void)a;
    (void)e;
    s->quit = true;
    return EMBX_OK;
}

static const struct optspec load_opts[] = {
    {"format", 0, 1, "F", "the format of FILE (default: from content)"},
    {"limit", 0, 1, "N", "read only the first N rows"},
    {"no-cache", 0, 0, NULL, "neither use nor write the cache"},
    {"skip-bad", 0, 0, NULL, "skip malformed rows (reports how many and why)"},
    {"tensor", 0, 1, "NAME", "the 2-D tensor to open in a file of several (npz, safetensors, PyTorch)"},
    {"vocab", 0, 1, "FILE", "row labels: one a line, vocab.txt, tokenizer.json, or a TSV's first column"},
    {"meta", 0, 1, "FILE", "row metadata: a TSV with a header row, the first column the row's label"},
    {0},
};
static const struct optspec save_opts[] = {
    {"format", 0, 1, "F", "the format to write (default: from the name)"},
    {"gzip", 0, 0, NULL, "compress (also implied by a .gz name)"},
    {0},
};
static const struct optspec cache_opts[] = {
    {"orphans", 0, 0, NULL, "with clear: only the copies whose source file is gone"},
    {0},
};

const struct command cmds_core[] = {
    {
        .name = "load",
        .args = "FILE",
        .help = "open a table (GloVe, word2vec text/binary, fastText .vec, .gz, .embx)",
        .min_args = 1, .max_args = 1,
        .flags = CHANGES_TABLE,
        .complete = COMPLETE_FILES,
        .opts = load_opts,
        .run = run_load,
        .details =
            "The format is detected from the content. The first load of a text or binary\n"
            "file writes a native copy to the cache ($XDG_CACHE_HOME/embx); the next load of\n"
            "the unchanged file opens it instantly. A failed load keeps the current table.\n"
            "--meta FILE attaches what else is known about the rows: a TSV whose first line\n"
            "names the columns and whose first column is the row's label (or, with exactly\n"
            "one line per row, rows in order). nn shows the columns, --where COL=VAL filters\n"
            "by them, plot --color-by COL colours by one. TABLE.meta.tsv beside the table is\n"
            "attached by itself; save writes one beside the copy.",
    },
    {
        .name = "save",
        .args = "FILE",
        .help = "write the table (atomically)",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_FILES,
        .opts = save_opts,
        .run = run_save,
        .details =
            "The format follows --format, else the name (see 'formats'; .gz compresses),\n"
            "else the format the table was loaded from. Text is written with %.9g so a\n"
            "re-read gives the same float32 values. Row metadata goes to FILE.meta.tsv and a\n"
            "recommender's sidecar to FILE.recsys.tsv, so the copy opens with them.",
    },
    {
        .name = "info",
        .help = "size, dimension, format, memory, norm statistics, source",
        .min_args = 0, .max_args = 0,
        .flags = NEEDS_TABLE | NO_MATRIX,
        .run = run_info,
    },
    {
        .name = "vec",
        .args = "WORD",
        .help = "print the vector of WORD",
        .min_args = 1, .max_args = 1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .run = run_vec,
    },
    {
        .name = "set",
        .args = "[NAME VALUE]",
        .help = "show or change settings (k, threads, output auto|table|tsv, quiet, approx auto|on|off)",
        .min_args = 0, .max_args = 2,
        .complete_first = &set_names,
        .run = run_set,
    },
    {
        .name = "cache",
        .args = "[list|clear]",
        .help = "list the cached native copies of table files (source, size, age), or clear them",
        .min_args = 0, .max_args = 1,
        .opts = cache_opts,
        .run = run_cache,
        .details =
            "A table file other than .embx is parsed once and a native copy is kept in\n"
            "$XDG_CACHE_HOME/embx (default ~/.cache/embx), so the next load of the unchanged\n"
            "file maps it at once; the first write says where and how big. 'cache' lists the\n"
            "copies, newest first (a source marked (gone) no longer exists); 'cache clear'\n"
            "removes them all, 'cache clear --orphans' those whose source is gone. 'set\n"
            "cache-max SIZE' (or EMBX_CACHE_MAX; e.g. 2G, 500M, off) caps the total: the\n"
            "oldest copies are evicted when a new one would exceed it.",
    },
    {
        .name = "formats",
        .help = "list the table file formats embx reads and writes",
        .min_args = 0, .max_args = 0,
        .run = run_formats,
        .details =
            "The format of a file to open is detected from its content; --format names\n"
            "one. The format of a file to write follows --format, else the file name's\n"
            "ending (a further .gz compresses), as listed here.",
    },
    {
        .name = "tensors",
        .args = "[FILE]",
        .help = "list the 2-D tensors (name, shape, dtype) of an npz, safetensors or PyTorch file",
        .min_args = 0, .max_args = 1,
        .complete = COMPLETE_FILES,
        .run = run_tensors,
        .details =
            "Without FILE, the file the table was loaded from. 'load FILE --tensor NAME'\n"
            "(or 'embx FILE --tensor NAME') opens one of them.",
    },
    {
        .name = "help",
        .alias = "?",
        .args = "[COMMAND]",
        .help = "list commands, or show one command's usage and options",
        .min_args = 0, .max_args = 1,
        .complete = COMPLETE_COMMANDS,
        .run = run_help,
    },
    {
        .name = "quit",
        .alias = "exit",
        .help = "leave embx (also exit, Ctrl-D)",
        .min_args = 0, .max_args = 0,
        .run = run_quit,
    },
    {0},
};
