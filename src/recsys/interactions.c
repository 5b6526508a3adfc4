/* interactions: the interaction file reader. The file is streamed through
 * zlib (so a .gz works too) in chunks and split into lines here; ids are
 * interned into dense indices and (user, item) pairs are de-duplicated with
 * an open-addressing table so the last rating of a repeated pair wins. */
#include "interactions.h"
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zlib.h>

/* ---- id sets ---- */

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    return h;
}

static long id_set_lookup(const struct id_set *s, const char *id, size_t len, size_t *slot)
{
    if (!s->nslots) { *slot = 0; return -1; }
    size_t mask = s->nslots - 1, i = hash_bytes(id, len) & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t v = s->slots[i];
        if (!v) { *slot = i; return -1; }
        const char *w = s->ids[v - 1];
        if (strncmp(w, id, len) == 0 && w[len] == '\0') { *slot = i; return (long)v - 1; }
    }
}

long id_set_find(const struct id_set *s, const char *id)
{
    size_t slot;
    return id_set_lookup(s, id, strlen(id), &slot);
}

static int id_set_rehash(struct id_set *s, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots) return -1;
    for (size_t k = 0; k < s->n; k++) {
        size_t i = hash_bytes(s->ids[k], strlen(s->ids[k])) & (nslots - 1);
        while (slots[i]) i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)k + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->nslots = nslots;
    return 0;
}

long id_set_add(struct id_set *s, const char *id, size_t len)
{
    size_t slot;
    long found = id_set_lookup(s, id, len, &slot);
    if (found >= 0) return found;
    if (s->n >= UINT32_MAX - 1) return -1;
    if ((s->n + 1) * 2 > s->nslots) {
        if (id_set_rehash(s, s->nslots ? s->nslots * 2 : 1024)) return -1;
        id_set_lookup(s, id, len, &slot);
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        char **ids = realloc(s->ids, cap * sizeof *ids);
        if (!ids) return -1;
        s->ids = ids;
        s->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, id, len);
    copy[len] = '\0';
    s->ids[s->n] = copy;
    s->slots[slot] = (uint32_t)s->n + 1;
    return (long)s->n++;
}

void id_set_free(struct id_set *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->ids[i]);
    free(s->ids);
    free(s->slots);
    memset(s, 0, sizeof *s);
}

/* ---- line splitting ---- */

#define MAX_FIELDS 8

struct field { const char *s; size_t len; };

/* Splits line [s, s+len) at sep (a blank run when sep is " "); blanks around
 * fields are trimmed; with ',' a field may be "quoted". Returns the count
 * (at most MAX_FIELDS; the rest of the line goes uncounted). */
static size_t split_fields(const char *s, size_t len, const char *sep, struct field *f)
{
    size_t n = 0, i = 0, seplen = strlen(sep);
    bool blank_sep = strcmp(sep, " ") == 0;
    if (blank_sep) while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    while (i <= len && n < MAX_FIELDS) {
        while (!blank_sep && i < len && s[i] == ' ') i++;
        size_t start = i, end;
        if (sep[0] == ',' && i < len && s[i] == '"') {
            start = ++i;
            while (i < len && !(s[i] == '"' && (i + 1 >= len || s[i + 1] != '"'))) i += s[i] == '"' ? 2 : 1;
            end = i < len ? i : len;
            if (i < len) i++;
            while (i < len && s[i] != ',') i++;
        } else if (blank_sep) {
            while (i < len && s[i] != ' ' && s[i] != '\t') i++;
            end = i;
        } else {
            while (i < len && !(s[i] == sep[0] && (seplen == 1 || (i + 1 < len && s[i + 1] == sep[1])))) i++;
            end = i;
        }
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
        f[n].s = s + start;
        f[n].len = end - start;
        n++;
        if (i >= len) break;
        if (blank_sep) {
            while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
            if (i >= len) break;
        } else {
            i += seplen;
        }
    }
    return n;
}

static const char *detect_sep(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == ':' && s[i + 1] == ':') return "::";
    if (memchr(s, '\t', len)) return "\t";
    if (memchr(s, '|', len)) return "|";
    if (memchr(s, ',', len)) return ",";
    return " ";
}

static bool parse_number(const struct field *f, double *out)
{
    char buf[64];
    if (f->len == 0 || f->len >= sizeof buf) return false;
    memcpy(buf, f->s, f->len);
    buf[f->len] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    /* ratings are stored as float: a value past its range would become inf */
    if (*end || end == buf || !isfinite(v) || fabs(v) > FLT_MAX) return false;
    *out = v;
    return true;
}

/* A header names columns: a non-numeric rating column, or a known column name. */
static bool looks_like_header(const struct field *f, size_t nf)
{
    static const char *const names[] = {"user", "userid", "user_id", "uid", "item", "itemid",
        "item_id", "iid", "movie", "movieid", "movie_id", "rating", "score", "timestamp", NULL};
    double v;
    if (nf >= 3 && !parse_number(&f[2], &v)) return true;
    for (size_t k = 0; k < nf; k++) {
        for (const char *const *n = names; *n; n++) {
            size_t l = strlen(*n);
            if (f[k].len == l && strncasecmp(f[k].s, *n, l) == 0) return true;
        }
    }
    return false;
}

/* ---- pair de-duplication ---- */

/* Slots hold an interaction's index + 1 (0 = empty); the key (user, item)
 * is read back from the interaction arrays, so a slot costs 4 bytes. The
 * table is kept at most 3/4 full. */
struct pair_map { uint32_t *slots; size_t nslots; };

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Slot holding (u, it), or the empty slot where it would go. */
static size_t pair_slot(const struct pair_map *m, const struct interactions *x, uint32_t u, uint32_t it)
{
    size_t mask = m->nslots - 1, i = mix64((uint64_t)u << 32 | it) & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t v = m->slots[i];
        if (!v || (x->user[v - 1] == u && x->item[v - 1] == it)) return i;
    }
}

static int pair_grow(struct pair_map *m, const struct interactions *x, size_t nslots)
{
    struct pair_map g = {calloc(nslots, sizeof(uint32_t)), nslots};
    if (!g.slots) return -1;
    for (size_t k = 0; k < x->n; k++) g.slots[pair_slot(&g, x, x->user[k], x->item[k])] = (uint32_t)k + 1;
    free(m->slots);
    *m = g;
    return 0;
}

/* ---- the reader ---- */

struct reader {
    const char *path;
    struct interactions *x;
    struct pair_map pairs;
    size_t cap;
    size_t lineno;
    const char *sep;
    int ncols;              /* columns of the first data line (2 = no rating) */
    bool started;           /* a non-blank line was seen: only the first can be a header */
    embx_err *e;
};

/* An items file (MovieLens movies.csv: id, title, genres) names a title or
 * genres column; users pass it as ratings by mistake, so say where it goes. */
static bool names_items(const struct field *f, size_t nf)
{
    static const char *const names[] = {"title", "genres", "genre", "name", NULL};
    for (size_t k = 0; k < nf; k++)
        for (const char *const *n = names; *n; n++)
            if (f[k].len == strlen(*n) && strncasecmp(f[k].s, *n, f[k].len) == 0) return true;
    return false;
}

static int add_interaction(struct reader *r, const struct field *f, size_t nf)
{
    struct interactions *x = r->x;
    const char *what[] = {"user", "item"};
    for (int k = 0; k < 2; k++) {
        if (nf <= (size_t)k || f[k].len == 0)
            return err_set(r->e, "%s:%zu: missing %s field (expected USER%sITEM%s)", r->path, r->lineno,
                           what[k], r->sep[0] == '\t' ? "<TAB>" : r->sep,
                           r->ncols >= 3 ? " plus RATING" : "");
        for (size_t i = 0; i < f[k].len; i++) {
            /* a NUL would end the id early once it is a C string, and the
             * id set would then hash the same id two ways */
            if (f[k].s[i] == '\0')
                return err_set(r->e, "%s:%zu: %s id contains a NUL byte (not a text file?)",
                               r->path, r->lineno, what[k]);
            if (isspace((unsigned char)f[k].s[i])) {
                double v;
                /* an item "id" with blanks and a word for a rating: a title and genres */
                bool items = k == 1 && nf >= 3 && !parse_number(&f[2], &v);
                return err_set(r->e, "%s:%zu: %s id '%.*s' contains a blank (ids become table words)%s%s%s",
                               r->path, r->lineno, what[k], (int)(f[k].len > 60 ? 60 : f[k].len), f[k].s,
                               items ? "; this looks like an items file (id, title, genres): pass it as --items " : "",
                               items ? r->path : "", items ? " and the ratings as FILE" : "");
            }
        }
    }
    double rating = 0, stamp = 0;
    if (r->ncols >= 4 && (nf < 4 || !parse_number(&f[3], &stamp)))
        return err_set(r->e, "%s:%zu: timestamp '%.*s' is not a number (the first line has one)", r->path, r->lineno,
                       nf < 4 ? 0 : (int)(f[3].len > 40 ? 40 : f[3].len), nf < 4 ? "" : f[3].s);
    if (r->ncols >= 3) {
        if (nf < 3 || f[2].len == 0)
            return err_set(r->e, "%s:%zu: missing rating field (the first line has one; expected USER%sITEM%sRATING)",
                           r->path, r->lineno, r->sep[0] == '\t' ? "<TAB>" : r->sep,
                           r->sep[0] == '\t' ? "<TAB>" : r->sep);
        if (!parse_number(&f[2], &rating))
            return err_set(r->e, "%s:%zu: rating '%.*s' is not a number", r->path, r->lineno,
                           (int)(f[2].len > 40 ? 40 : f[2].len), f[2].s);
    }
    long u = id_set_add(&x->users, f[0].s, f[0].len);
    long it = id_set_add(&x->items, f[1].s, f[1].len);
    if (u < 0 || it < 0) return err_set(r->e, "%s:%zu: out of memory", r->path, r->lineno);

    if ((x->n + 1) * 4 > r->pairs.nslots * 3
        && pair_grow(&r->pairs, x, r->pairs.nslots ? r->pairs.nslots * 2 : 4096))
        return err_set(r->e, "out of memory reading %s", r->path);
    if (x->n >= UINT32_MAX - 1) return err_set(r->e, "%s:%zu: more than 4 billion interactions", r->path, r->lineno);
    size_t slot = pair_slot(&r->pairs, x, (uint32_t)u, (uint32_t)it);
    if (r->pairs.slots[slot]) {
        uint32_t at = r->pairs.slots[slot] - 1;
        if (x->rating) x->rating[at] = (float)rating;
        if (x->stamp) x->stamp[at] = stamp;
        if (x->duplicates++ == 0)
            snprintf(x->first_duplicate, sizeof x->first_duplicate, "%s:%zu", r->path, r->lineno);
        return EMBX_OK;
    }
    if (x->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 4096;
        uint32_t *us = realloc(x->user, cap * sizeof *us);
        if (us) x->user = us;
        uint32_t *is = realloc(x->item, cap * sizeof *is);
        if (is) x->item = is;
        float *rs = r->ncols >= 3 ? realloc(x->rating, cap * sizeof *rs) : NULL;
        if (rs) x->rating = rs;
        double *ts = r->ncols >= 4 ? realloc(x->stamp, cap * sizeof *ts) : NULL;
        if (ts) x->stamp = ts;
        if (!us || !is || (r->ncols >= 3 && !rs) || (r->ncols >= 4 && !ts))
            return err_set(r->e, "out of memory reading %s", r->path);
        r->cap = cap;
    }
    x->user[x->n] = (uint32_t)u;
    x->item[x->n] = (uint32_t)it;
    if (x->rating) x->rating[x->n] = (float)rating;
    if (x->stamp) x->stamp[x->n] = stamp;
    x->n++;
    r->pairs.slots[slot] = (uint32_t)x->n;
    return EMBX_OK;
}

static int handle_line(struct reader *r, char *s, size_t len)
{
    r->lineno++;
    if (len && s[len - 1] == '\r') len--;
    if (r->lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { s += 3; len -= 3; }
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i == len) return EMBX_OK;              /* blank line */
    struct field f[MAX_FIELDS];
    bool first = !r->started;
    r->started = true;
    if (!r->sep) {
        r->sep = detect_sep(s, len);
        strcpy(r->x->sep, r->sep);
    }
    size_t nf = split_fields(s, len, r->sep, f);
    if (first) {
        if (names_items(f, nf))
            return err_set(r->e, "%s:%zu: this looks like an items file (its header names a title or genres "
                           "column), not interactions: pass it as --items %s and the ratings "
                           "(USER,ITEM[,RATING]) as FILE", r->path, r->lineno, r->path);
        if (looks_like_header(f, nf)) {
            r->x->header = true;
            r->sep = NULL;      /* detect again on the first data line */
            return EMBX_OK;
        }
    }
    if (!r->ncols) {
        /* a fourth column is a timestamp when the first data line has a number there */
        double v;
        r->ncols = nf >= 4 && parse_number(&f[3], &v) ? 4 : nf >= 3 ? 3 : 2;
    }
    r->x->lines++;
    return add_interaction(r, f, nf);
}

int interactions_read(const char *path, struct interactions *out, progress *p, embx_err *e)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(path, &st) != 0) return err_set(e, "cannot open %s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return err_set(e, "%s is a directory, expected an interaction file", path);
    gzFile gz = gzopen(path, "rb");
    if (!gz) return err_set(e, "cannot open %s: %s", path, strerror(errno));
    gzbuffer(gz, 1 << 18);

    struct reader r = {.path = path, .x = out, .e = e};
    size_t cap = 1 << 20, have = 0;
    char *buf = malloc(cap);
    int rc = buf ? EMBX_OK : err_set(e, "out of memory reading %s", path);
    if (p) progress_start(p, "reading interactions", (double)st.st_size);
    while (rc == EMBX_OK) {
        if (have == cap) {          /* one line longer than the buffer */
            char *nb = realloc(buf, cap * 2);
            if (!nb) { rc = err_set(e, "out of memory reading %s", path); break; }
            buf = nb;
            cap *= 2;
        }
        int got = gzread(gz, buf + have, (unsigned)(cap - have));
        if (got < 0) {
            int zerr;
            const char *msg = gzerror(gz, &zerr);
            rc = err_set(e, "%s: read error: %s", path, zerr == Z_ERRNO ? strerror(errno) : msg);
            break;
        }
        bool eof = got == 0;
        have += (size_t)got;
        size_t start = 0;
        for (;;) {
            char *nl = memchr(buf + start, '\n', have - start);
            if (!nl) break;
            rc = handle_line(&r, buf + start, (size_t)(nl - (buf + start)));
            start = (size_t)(nl - buf) + 1;
            if (rc) break;
        }
        if (rc) break;
        if (eof) {
            if (start < have) rc = handle_line(&r, buf + start, have - start);
            break;
        }
        memmove(buf, buf + start, have - start);
        have -= start;
        if (progress_cancelled()) { rc = err_cancelled(e); break; }
        if (p) progress_update(p, (double)gzoffset(gz), NULL);
    }
    if (p) progress_finish(p);
    gzclose(gz);
    free(buf);
    free(r.pairs.slots);
    if (rc == EMBX_OK && out->n == 0)
        rc = err_set(e, "%s holds no interactions (expected lines USER,ITEM[,RATING[,TIMESTAMP]])", path);
    if (rc == EMBX_OK && (out->users.n < 2 || out->items.n < 2)) {
        bool one_user = out->users.n < 2;
        rc = err_set(e, "%s has a single %s ('%s'): factorization needs at least two users and two items",
                     path, one_user ? "user" : "item", one_user ? out->users.ids[0] : out->items.ids[0]);
    }
    if (rc == EMBX_OK) {
        if (out->rating) {
            out->min_rating = out->max_rating = out->rating[0];
            for (size_t i = 1; i < out->n; i++) {
                if (out->rating[i] < out->min_rating) out->min_rating = out->rating[i];
                if (out->rating[i] > out->max_rating) out->max_rating = out->rating[i];
            }
        }
        uint32_t *cu = calloc(out->users.n, sizeof *cu), *ci = calloc(out->items.n, sizeof *ci);
        if (!cu || !ci) rc = err_set(e, "out of memory reading %s", path);
        for (size_t i = 0; rc == EMBX_OK && i < out->n; i++) { cu[out->user[i]]++; ci[out->item[i]]++; }
        for (size_t u = 0; rc == EMBX_OK && u < out->users.n; u++) out->single_users += cu[u] == 1;
        for (size_t i = 0; rc == EMBX_OK && i < out->items.n; i++) out->single_items += ci[i] == 1;
        free(cu);
        free(ci);
    }
    if (rc != EMBX_OK) interactions_free(out);
    return rc;
}

void interactions_free(struct interactions *x)
{
    free(x->user);
    free(x->item);
    free(x->rating);
    free(x->stamp);
    id_set_free(&x->users);
    id_set_free(&x->items);
    x->user = x->item = NULL;
    x->rating = NULL;
    x->stamp = NULL;
    x->n = 0;
}

uint32_t *interactions_item_counts(const struct interactions *x)
{
    uint32_t *c = calloc(x->items.n + 1, sizeof *c);
    if (c)
        for (size_t k = 0; k < x->n; k++) c[x->item[k]]++;
    return c;
}

int interactions_drop_rare(struct interactions *x, size_t min, size_t *items, size_t *inter, size_t *users,
                           embx_err *e)
{
    *items = *inter = *users = 0;
    uint32_t *ci = interactions_item_counts(x);
    if (!ci) return err_set(e, "out of memory");
    size_t keep_items = 0;
    for (size_t i = 0; i < x->items.n; i++) keep_items += ci[i] >= min;
    if (keep_items == x->items.n) { free(ci); return EMBX_OK; }
    {
        uint8_t *has = calloc(x->users.n, 1);
        if (!has) { free(ci); return err_set(e, "out of memory"); }
        size_t keep_users = 0;
        for (size_t k = 0; k < x->n; k++)
            if (ci[x->item[k]] >= min && !has[x->user[k]]) { has[x->user[k]] = 1; keep_users++; }
        free(has);
        if (keep_users < 2 || keep_items < 2) {
            free(ci);
            return err_set(e, "--min-interactions %zu leaves %zu user%s and %zu item%s: factorization needs at least "
                           "two of each", min, keep_users, keep_users == 1 ? "" : "s", keep_items,
                           keep_items == 1 ? "" : "s");
        }
    }
    struct id_set nu = {0}, ni = {0};
    long *umap = malloc(x->users.n * sizeof *umap), *imap = malloc(x->items.n * sizeof *imap);
    int rc = umap && imap ? EMBX_OK : err_set(e, "out of memory");
    for (size_t i = 0; rc == EMBX_OK && i < x->items.n; i++) imap[i] = -1;
    for (size_t u = 0; rc == EMBX_OK && u < x->users.n; u++) umap[u] = -1;
    size_t n = 0;
    /* compacting in place: interaction k moves to n <= k */
    for (size_t k = 0; rc == EMBX_OK && k < x->n; k++) {
        uint32_t it = x->item[k], u = x->user[k];
        if (ci[it] < min) continue;
        if (imap[it] < 0) imap[it] = id_set_add(&ni, x->items.ids[it], strlen(x->items.ids[it]));
        if (umap[u] < 0) umap[u] = id_set_add(&nu, x->users.ids[u], strlen(x->users.ids[u]));
        if (imap[it] < 0 || umap[u] < 0) { rc = err_set(e, "out of memory"); break; }
        x->item[n] = (uint32_t)imap[it];
        x->user[n] = (uint32_t)umap[u];
        if (x->rating) x->rating[n] = x->rating[k];
        if (x->stamp) x->stamp[n] = x->stamp[k];
        n++;
    }
    /* only running out of memory fails past the check above; x is then
     * half compacted and the caller frees it */
    if (rc == EMBX_OK) {
        *items = x->items.n - ni.n;
        *users = x->users.n - nu.n;
        *inter = x->n - n;
        id_set_free(&x->items);
        id_set_free(&x->users);
        x->items = ni;
        x->users = nu;
        x->n = n;
        memset(&nu, 0, sizeof nu);
        memset(&ni, 0, sizeof ni);
    }
    id_set_free(&nu);
    id_set_free(&ni);
    free(umap); free(imap); free(ci);
    return rc;
}
