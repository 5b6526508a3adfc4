/* args: tokenizer and option parser of the command language (DESIGN.md §3). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "args.h"
#include "editdist.h"
#include "strutil.h"

static int push(struct token **v, size_t *n, size_t *cap, char *text, bool quoted)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        struct token *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[*n].text = text;
    (*v)[(*n)++].quoted = quoted;
    return 0;
}

int args_tokenize(const char *line, struct token **toks, size_t *ntoks, embx_err *e)
{
    struct token *v = NULL;
    size_t n = 0, cap = 0;
    const char *p = line;
    size_t len = strlen(line);
    char *buf = malloc(len + 1);
    if (!buf) return err_set(e, "out of memory");
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        if (!*p) break;
        size_t bl = 0;
        bool quoted = false;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            if (*p == '"' || *p == '\'') {
                char q = *p++;
                quoted = true;
                const char *open = p - 1;
                while (*p && *p != q) {
                    /* inside double quotes, \" and \\ escape; single quotes are literal */
                    if (q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\')) p++;
                    buf[bl++] = *p++;
                }
                if (!*p) {
                    free(buf);
                    args_free_tokens(v, n);
                    return err_set(e, "unterminated %c quote at column %zu", q,
                                   (size_t)(open - line) + 1);
                }
                p++;
            } else {
                buf[bl++] = *p++;
            }
        }
        (void)start;
        char *text = malloc(bl + 1);
        if (!text || push(&v, &n, &cap, text, quoted)) {
            free(text);
            free(buf);
            args_free_tokens(v, n);
            return err_set(e, "out of memory");
        }
        memcpy(text, buf, bl);
        text[bl] = '\0';
    }
    free(buf);
    *toks = v;
    *ntoks = n;
    return EMBX_OK;
}

void args_free_tokens(struct token *toks, size_t n)
{
    for (size_t i = 0; i < n; i++) free(toks[i].text);
    free(toks);
}

int args_split_commands(const char *line, char ***cmds, size_t *n, embx_err *e)
{
    size_t cap = 4, cnt = 0;
    char **v = malloc(cap * sizeof *v);
    if (!v) return err_set(e, "out of memory");
    const char *start = line, *p = line;
    char q = 0;
    for (;; p++) {
        if (q) {
            if (*p == '\\' && q == '"' && p[1]) { p++; continue; }
            if (*p == q) q = 0;
            else if (!*p) break;
            continue;
        }
        if (*p == '"' || *p == '\'') { q = *p; continue; }
        if (*p == ';' || !*p) {
            size_t l = (size_t)(p - start);
            if (cnt == cap) {
                char **nv = realloc(v, (cap *= 2) * sizeof *nv);
                if (!nv) { args_free_commands(v, cnt); return err_set(e, "out of memory"); }
                v = nv;
            }
            v[cnt] = strndup(start, l);
            if (!v[cnt]) { args_free_commands(v, cnt); return err_set(e, "out of memory"); }
            cnt++;
            if (!*p) break;
            start = p + 1;
        }
    }
    if (q) {   /* unterminated quote: keep the rest as one command, the tokenizer reports it */
        if (cnt == cap) {
            char **nv = realloc(v, (cap + 1) * sizeof *nv);
            if (!nv) { args_free_commands(v, cnt); return err_set(e, "out of memory"); }
            v = nv;
        }
        v[cnt] = strdup(start);
        if (!v[cnt]) { args_free_commands(v, cnt); return err_set(e, "out of memory"); }
        cnt++;
    }
    *cmds = v;
    *n = cnt;
    return EMBX_OK;
}

void args_free_commands(char **cmds, size_t n)
{
    for (size_t i = 0; i < n; i++) free(cmds[i]);
    free(cmds);
}

static const struct optspec *find_opt(const struct optspec *spec, const char *name, bool shrt)
{
    if (!spec) return NULL;
    for (const struct optspec *o = spec; o->name; o++) {
        if (shrt ? (o->short_name && name[0] == o->short_name && !name[1]) : strcmp(o->name, name) == 0)
            return o;
    }
    return NULL;
}

/* The option whose long name is nearest the misspelt one, or NULL. */
static const struct optspec *closest_opt(const struct optspec *spec, const char *name)
{
    const struct optspec *best = NULL;
    size_t len = strlen(name), bestd = edit_limit(len) + 1;
    for (const struct optspec *o = spec; o && o->name; o++) {
        size_t d = edit_distance(name, len, o->name, strlen(o->name), bestd - 1);
        if (d < bestd) { bestd = d; best = o; }
    }
    return best;
}

static void list_opts(const struct optspec *spec, char *buf, size_t len)
{
    size_t off = 0;
    buf[0] = '\0';
    if (!spec || !spec->name) {
        snprintf(buf, len, "it takes no options");
        return;
    }
    off += (size_t)snprintf(buf, len, "valid: ");
    for (const struct optspec *o = spec; o->name && off < len; o++) {
        int w = o->short_name
            ? snprintf(buf + off, len - off, "%s-%c/--%s", o == spec ? "" : ", ", o->short_name, o->name)
            : snprintf(buf + off, len - off, "%s--%s", o == spec ? "" : ", ", o->name);
        if (w < 0) break;
        off += (size_t)w;
    }
}

/* A bare word that looks like an option: "-x" or "--name", but not a lone
 * "-" or "+" (expression operators) and not a negative number. */
static bool looks_like_option(const struct token *t)
{
    const char *s = t->text;
    if (t->quoted || s[0] != '-' || s[1] == '\0') return false;
    if (s[1] == '-' && s[2] == '\0') return false;   /* "--" handled by caller */
    char *end;
    errno = 0;
    strtod(s, &end);
    if (*end == '\0') return false;                  /* -0.5 is a value */
    return true;
}

int args_parse(struct args *a, const char *cmdname, const struct optspec *spec,
               struct token *toks, size_t ntoks, size_t first, embx_err *e)
{
    memset(a, 0, sizeof *a);
    a->toks = toks;
    a->ntoks = ntoks;
    a->spec = spec;
    a->cmdname = cmdname;
    a->undeclared_slot = &a->undeclared;
    a->pos = malloc((ntoks ? ntoks : 1) * sizeof *a->pos);
    if (!a->pos) return err_set(e, "out of memory");
    bool opts_done = false;
    for (size_t i = first; i < ntoks; i++) {
        struct token *t = &toks[i];
        if (!opts_done && !t->quoted && strcmp(t->text, "--") == 0) {
            opts_done = true;
            continue;
        }
        if (opts_done || !looks_like_option(t)) {
            a->pos[a->npos++] = t;
            continue;
        }
        const char *name = t->text + 1;
        bool shrt = true;
        if (*name == '-') { name++; shrt = false; }
        /* --name=value */
        char namebuf[64];
        const char *inline_val = NULL;
        const char *eq = strchr(name, '=');
        if (!shrt && eq && (size_t)(eq - name) < sizeof namebuf) {
            memcpy(namebuf, name, (size_t)(eq - name));
            namebuf[eq - name] = '\0';
            name = namebuf;
            inline_val = eq + 1;
        }
        const struct optspec *o = find_opt(spec, name, shrt);
        if (!o) {
            char valid[512];
            const struct optspec *near = shrt ? NULL : closest_opt(spec, name);
            if (near)
                return err_set(e, "unknown option '%.*s%s' for %s (did you mean: --%s?)", ERR_WORD(t->text),
                               cmdname, near->name);
            list_opts(spec, valid, sizeof valid);
            return err_set(e, "unknown option '%.*s%s' for %s (%s)", ERR_WORD(t->text), cmdname, valid);
        }
        if (a->nseen == ARGS_MAX_OPTS) return err_set(e, "too many options");
        a->seen[a->nseen].opt = o;
        int have = 0;
        if (inline_val) {
            if (o->nvals == 0) return err_set(e, "option --%s takes no value", o->name);
            a->seen[a->nseen].val[have++] = inline_val;
        }
        for (; have < o->nvals; have++) {
            if (i + 1 >= ntoks)
                return err_set(e, "option %s needs %s", t->text, o->metavar ? o->metavar : "a value");
            a->seen[a->nseen].val[have] = toks[++i].text;
        }
        a->nseen++;
    }
    return EMBX_OK;
}

void args_free(struct args *a)
{
    args_free_tokens(a->toks, a->ntoks);
    free(a->pos);
    memset(a, 0, sizeof *a);
}

/* A lookup of an option the command does not declare (see args.h). */
static bool declared(const struct args *a, const char *name)
{
    for (const struct optspec *o = a->spec; o && o->name; o++)
        if (strcmp(o->name, name) == 0) return true;
#ifndef NDEBUG
    fprintf(stderr, "embx: BUG: '%s' looks up option --%s, which its spec does not declare\n",
            a->cmdname ? a->cmdname : "?", name);
    abort();
#else
    if (a->undeclared_slot && !*a->undeclared_slot) *a->undeclared_slot = name;
    return false;
#endif
}

static int find_seen(const struct args *a, const char *name)
{
    if (!declared(a, name)) return -1;
    /* the last occurrence wins, as in most command-line tools */
    for (size_t i = a->nseen; i-- > 0;)
        if (strcmp(a->seen[i].opt->name, name) == 0) return (int)i;
    return -1;
}

bool args_has(const struct args *a, const char *name) { return find_seen(a, name) >= 0; }

const char *args_str(const struct args *a, const char *name, int idx)
{
    int i = find_seen(a, name);
    if (i < 0 || idx < 0 || idx > 1) return NULL;
    return a->seen[i].val[idx];
}



static const char *opt_label(const struct args *a, const char *name, char *buf, size_t len)
{
    int i = find_seen(a, name);
    const struct optspec *o = i >= 0 ? a->seen[i].opt : NULL;
    if (o && o->short_name) snprintf(buf, len, "-%c", o->short_name);
    else snprintf(buf, len, "--%s", name);
    return buf;
}

int args_long(const struct args *a, const char *name, long def, long min, long max,
              long *out, embx_err *e)
{
    if (!declared(a, name)) return err_set(e, "internal error: undeclared option --%s", name);
    const char *s = args_str(a, name, 0);
    char lb[72];
    if (!s) { *out = def; return EMBX_OK; }
    long v;
    if (!str_parse_long(s, &v))
        return err_set(e, "%s takes a whole number, not '%.*s%s'", opt_label(a, name, lb, sizeof lb), ERR_WORD(s));
    if (v < min || v > max) {
        /* a bound nobody types ("between 1 and 1099511627776") is no bound to show */
        if (max >= (long)1 << 40)
            return err_set(e, "%s must be at least %ld (got %ld)", opt_label(a, name, lb, sizeof lb), min, v);
        return err_set(e, "%s must be between %ld and %ld (got %ld)", opt_label(a, name, lb, sizeof lb), min, max, v);
    }
    *out = v;
    return EMBX_OK;
}

int args_double(const struct args *a, const char *name, double def, double min, double max,
                double *out, embx_err *e)
{
    if (!declared(a, name)) return err_set(e, "internal error: undeclared option --%s", name);
    const char *s = args_str(a, name, 0);
    char lb[72];
    if (!s) { *out = def; return EMBX_OK; }
    double v;
    if (!str_parse_double(s, &v))
        return err_set(e, "%s takes a number, not '%.*s%s'", opt_label(a, name, lb, sizeof lb), ERR_WORD(s));
    if (v < min || v > max)
        return err_set(e, "%s must be between %g and %g (got %g)", opt_label(a, name, lb, sizeof lb), min, max, v);
    *out = v;
    return EMBX_OK;
}

bool args_opt_is_path(const struct optspec *o)
{
    const char *m = o->metavar;
    return o->nvals == 1 && m && (strstr(m, "FILE") || strcmp(m, "F") == 0 || strcmp(m, "DIR") == 0 ||
                                  strcmp(m, "OUT") == 0);
}

/* Replaces an unquoted "~" or "~/..." ("~user/...") token by the home
 * directory, as a shell would. */
static int expand_home(struct token *t, embx_err *e)
{
    const char *w = t->text;
    if (t->quoted || w[0] != '~') return EMBX_OK;
    size_t ul = strcspn(w + 1, "/");
    const char *home = NULL;
    if (ul == 0) {
        home = getenv("HOME");
        if (!home || !*home) {
            struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : NULL;
        }
    } else {
        char user[256];
        if (ul >= sizeof user) return EMBX_OK;
        memcpy(user, w + 1, ul);
        user[ul] = '\0';
        struct passwd *pw = getpwnam(user);
        if (!pw) return err_set(e, "no user '%s' for '~%s' in '%.*s%s'", user, user, ERR_WORD(w));
        home = pw->pw_dir;
    }
    if (!home) return err_set(e, "'%.*s%s': HOME is not set, so '~' cannot be expanded", ERR_WORD(w));
    size_t len = strlen(home) + strlen(w + 1 + ul) + 1;
    char *nt = malloc(len);
    if (!nt) return err_set(e, "out of memory");
    snprintf(nt, len, "%s%s", home, w + 1 + ul);
    free(t->text);
    t->text = nt;
    return EMBX_OK;
}

int args_expand_paths(struct args *a, bool positional, embx_err *e)
{
    if (positional)
        for (size_t i = 0; i < a->npos; i++)
            if (expand_home(a->pos[i], e)) return EMBX_ERR;
    for (size_t i = 0; i < a->nseen; i++) {
        if (!args_opt_is_path(a->seen[i].opt)) continue;
        for (size_t j = 0; j < a->ntoks; j++)
            if (a->toks[j].text == a->seen[i].val[0]) {   /* not --opt=~/x: left as typed */
                if (expand_home(&a->toks[j], e)) return EMBX_ERR;
                a->seen[i].val[0] = a->toks[j].text;
                break;
            }
    }
    return EMBX_OK;
}
