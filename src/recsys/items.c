/* items: the item metadata reader. The layout is recognised from the first
 * data line; every later line must follow it. */
#include "items.h"
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "utf8.h"

/* The genre flag columns of MovieLens 100K's u.item, in file order (its u.genre). */
static const char *const ml100k_genres[19] = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
    "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
    "Romance", "Sci-Fi", "Thriller", "War", "Western"};

enum layout { L_NONE, L_UITEM, L_DAT, L_CSV, L_TSV };

#define MAXF 64

/* Splits at a one- or two-character separator; no quoting. */
static size_t split_plain(char *s, const char *sep, char **f)
{
    size_t n = 0, sl = strlen(sep);
    f[n++] = s;
    for (char *p = s; *p && n < MAXF;) {
        if (strncmp(p, sep, sl) == 0) {
            *p = '\0';
            p += sl;
            f[n++] = p;
        } else {
            p++;
        }
    }
    return n;
}

/* Splits a CSV line in place: "quoted, fields" with "" escapes are unquoted. */
static size_t split_csv(char *s, char **f)
{
    size_t n = 0;
    char *r = s, *w = s;
    while (n < MAXF) {
        f[n++] = w;
        if (*r == '"') {
            r++;
            while (*r) {
                if (*r == '"' && r[1] == '"') { *w++ = '"'; r += 2; }
                else if (*r == '"') { r++; break; }
                else *w++ = *r++;
            }
            while (*r && *r != ',') r++;       /* junk after the closing quote */
        } else {
            while (*r && *r != ',') *w++ = *r++;
        }
        if (*r != ',') { *w = '\0'; break; }
        r++;
        *w++ = '\0';
    }
    return n;
}

static bool is_flag(const char *s) { return (s[0] == '0' || s[0] == '1') && s[1] == '\0'; }

static enum layout detect(char *line)
{
    if (strstr(line, "::")) return L_DAT;
    if (strchr(line, '\t')) return L_TSV;
    if (strchr(line, '|')) {
        char *copy = strdup(line), *f[MAXF];
        if (!copy) return L_NONE;
        size_t n = split_plain(copy, "|", f);
        bool flags = n >= 6;
        for (size_t k = 5; flags && k < n; k++) flags = is_flag(f[k]);
        free(copy);
        if (flags) return L_UITEM;
    }
    return L_CSV;
}

/* A copy of s in UTF-8: kept when valid, else read as latin-1 (u.item is). */
static char *utf8_copy(const char *s)
{
    size_t len = strlen(s);
    if (utf8_valid(s, len)) return strdup(s);
    char *out = malloc(2 * len + 1), *w = out;
    if (!out) return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80) { *w++ = (char)*p; continue; }
        *w++ = (char)(0xC0 | (*p >> 6));
        *w++ = (char)(0x80 | (*p & 0x3F));
    }
    *w = '\0';
    return out;
}

static char *trim(char *s)
{
    while (*s == ' ') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

static int add_entry(struct item_meta *m, size_t *cap, const char *id, const char *title,
                     const char *genres, embx_err *e)
{
    if (m->ids.n + 1 > *cap) {      /* grow first so every id has its slots */
        size_t nc = *cap ? *cap * 2 : 256;
        char **t = realloc(m->titles, nc * sizeof *t);
        if (t) m->titles = t;
        char **g = realloc(m->genres, nc * sizeof *g);
        if (g) m->genres = g;
        if (!t || !g) return err_set(e, "out of memory");
        *cap = nc;
    }
    size_t before = m->ids.n;
    long k = id_set_add(&m->ids, id, strlen(id));
    if (k < 0) return err_set(e, "out of memory");
    if ((size_t)k < before) {
        m->duplicates++;
        free(m->titles[k]);
        free(m->genres[k]);
    }
    if (strcmp(genres, "(no genres listed)") == 0) genres = "";
    m->titles[k] = utf8_copy(title);
    m->genres[k] = strdup(genres);
    if (!m->titles[k] || !m->genres[k]) return err_set(e, "out of memory");
    return EMBX_OK;
}

/* Parses one line of the given layout into the table. */
static int parse_line(struct item_meta *m, size_t *cap, enum layout L, char *line,
                      const char *path, size_t lineno, embx_err *e)
{
    char *f[MAXF];
    size_t n;
    char genres[1024] = "";
    switch (L) {
    case L_DAT: n = split_plain(line, "::", f); break;
    case L_TSV: n = split_plain(line, "\t", f); break;
    case L_UITEM: n = split_plain(line, "|", f); break;
    default: n = split_csv(line, f); break;
    }
    for (size_t k = 0; k < n; k++) f[k] = trim(f[k]);
    if (n < 2 || !*f[0])
        return err_set(e, "%s:%zu: expected ID%sTITLE%sGENRES (%s layout), got %zu field%s", path, lineno,
                       L == L_DAT ? "::" : L == L_TSV ? "<TAB>" : L == L_UITEM ? "|" : ",",
                       L == L_DAT ? "::" : L == L_TSV ? "<TAB>" : L == L_UITEM ? "|" : ",",
                       m->layout, n, n == 1 ? "" : "s");
    for (const char *p = f[0]; *p; p++)
        if (*p == ' ' || *p == '\t')
            return err_set(e, "%s:%zu: item id '%s' contains a blank", path, lineno, f[0]);
    if (L == L_UITEM) {
        if (n < 6) return err_set(e, "%s:%zu: expected ID|TITLE|DATE|VIDEO-DATE|URL|genre flags, got %zu fields",
                                  path, lineno, n);
        size_t nflags = n - 5, used = 0;
        for (size_t k = 0; k < nflags; k++) {
            if (!is_flag(f[5 + k]))
                return err_set(e, "%s:%zu: genre flag %zu is '%s', expected 0 or 1", path, lineno, k + 1, f[5 + k]);
            if (f[5 + k][0] != '1') continue;
            char name[32];
            if (nflags == 19) snprintf(name, sizeof name, "%s", ml100k_genres[k]);
            else snprintf(name, sizeof name, "genre%zu", k + 1);
            used += (size_t)snprintf(genres + used, sizeof genres - used, "%s%s", used ? "|" : "", name);
            if (used >= sizeof genres) used = sizeof genres - 1;
        }
        return add_entry(m, cap, f[0], f[1], genres, e);
    }
    snprintf(genres, sizeof genres, "%s", n >= 3 ? f[2] : "");
    if (L == L_TSV) for (char *p = genres; *p; p++) if (*p == ',') *p = '|';
    return add_entry(m, cap, f[0], f[1], genres, e);
}

int items_read(const char *path, struct item_meta *m, embx_err *e)
{
    memset(m, 0, sizeof *m);
    FILE *fp = fopen(path, "rb");
    if (!fp) return err_set(e, "cannot open items file %s: %s", path, strerror(errno));
    char *line = NULL;
    size_t lcap = 0, cap = 0, lineno = 0;
    ssize_t len;
    enum layout L = L_NONE;
    int rc = EMBX_OK;
    while (rc == EMBX_OK && (len = getline(&line, &lcap, fp)) >= 0) {
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        char *s = line;
        if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;
        if (!*trim(s)) continue;
        if (L == L_NONE) {
            L = detect(s);
            snprintf(m->layout, sizeof m->layout, "%s", L == L_UITEM ? "u.item" : L == L_DAT ? "movies.dat"
                     : L == L_TSV ? "tsv" : "movies.csv");
            /* movies.csv starts with "movieId,title,genres" */
            char first[32];
            size_t fl = strcspn(s, ",\t|:");
            snprintf(first, sizeof first, "%.*s", (int)(fl < 31 ? fl : 31), s);
            if (!strcasecmp(first, "movieId") || !strcasecmp(first, "itemId") || !strcasecmp(first, "id")
                || !strcasecmp(first, "item") || !strcasecmp(first, "movie") || !strcasecmp(first, "item_id")
                || !strcasecmp(first, "movie_id"))
                continue;
        }
        rc = parse_line(m, &cap, L, s, path, lineno, e);
    }
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "%s: read error: %s", path, strerror(errno));
    free(line);
    fclose(fp);
    if (rc == EMBX_OK && m->ids.n == 0)
        rc = err_set(e, "%s holds no items (expected lines ID,TITLE,GENRES or a MovieLens layout)", path);
    if (rc != EMBX_OK) items_free(m);
    return rc;
}

void items_first_genre(const struct item_meta *m, size_t i, char *buf, size_t len)
{
    const char *g = m->genres[i];
    size_t n = strcspn(g, "|");
    snprintf(buf, len, "%.*s", (int)n, g);
}

void items_free(struct item_meta *m)
{
    for (size_t i = 0; i < m->ids.n; i++) {
        if (m->titles) free(m->titles[i]);
        if (m->genres) free(m->genres[i]);
    }
    free(m->titles);
    free(m->genres);
    id_set_free(&m->ids);
}
