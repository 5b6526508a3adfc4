/* repl: readline loop with history and completion; batch input from pipes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>
#include "commands.h"
#include "progress.h"
#include "registry.h"
#include "repl.h"
#include "rowmeta.h"

#define MAX_WORD_MATCHES 20000
#define MAX_META_MATCHES 200

struct matches {
    char **v;
    size_t n, cap;
};

static void add_match(struct matches *m, const char *s)
{
    if (m->n + 1 >= m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 16;
        char **nv = realloc(m->v, nc * sizeof *nv);
        if (!nv) return;
        m->v = nv;
        m->cap = nc;
    }
    char *d = strdup(s);
    if (d) m->v[m->n++] = d;
}

/* Adds the alternatives of a metavar such as "cosine|euclidean" that start
 * with text; false when the metavar lists no alternatives. */
static bool match_metavar(struct matches *m, const char *metavar, const char *text)
{
    if (!metavar || !strchr(metavar, '|')) return false;
    size_t l = strlen(text);
    for (const char *p = metavar; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n >= l && strncmp(p, text, l) == 0) {
            char v[64];
            snprintf(v, sizeof v, "%.*s", (int)n, p);
            add_match(m, v);
        }
        p += n + (bar ? 1 : 0);
    }
    return true;
}

static bool has_match(const struct matches *m, const char *v)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->v[i], v) == 0) return true;
    return false;
}

/* --color-by COL and --where COL=VAL: the table's metadata columns (with '='
 * for a condition), and after "COL=" or "COL!=" the column's values that
 * start with what is typed (values with blanks cannot be one word: left out). */
static void match_meta(const struct session *s, struct matches *m, bool cond, const char *text)
{
    const struct rowmeta *rm = s->table ? s->table->meta : NULL;
    if (!rm) return;
    const char *op = cond ? strpbrk(text, "=<>!") : NULL;
    char v[512];
    if (!op) {
        size_t l = strlen(text);
        for (size_t c = 0; c < rm->ncols; c++)
            if (strncasecmp(rm->cols[c].name, text, l) == 0) {
                snprintf(v, sizeof v, "%s%s", rm->cols[c].name, cond ? "=" : "");
                add_match(m, v);
            }
        return;
    }
    size_t oplen = strspn(op, "=<>!");
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(op - text), text);
    long col = rowmeta_col(rm, name);
    if (col < 0 || !rm->cols[col].val) return;
    const char *typed = op + oplen;
    size_t l = strlen(typed);
    for (size_t r = 0; r < rm->n && m->n < MAX_META_MATCHES; r++) {
        const char *val = rm->cols[col].val[r];
        if (!val || strncmp(val, typed, l) != 0 || strpbrk(val, " \t\"'")) continue;
        if (snprintf(v, sizeof v, "%.*s%s", (int)(typed - text), text, val) >= (int)sizeof v) continue;
        if (!has_match(m, v)) add_match(m, v);
    }
}

static const struct optspec *find_opt(const struct command *c, const char *tok)
{
    if (!c->opts || tok[0] != '-' || !tok[1]) return NULL;
    for (const struct optspec *o = c->opts; o->name; o++)
        if ((tok[1] == '-' && strcmp(tok + 2, o->name) == 0) || (o->short_name && tok[1] == o->short_name && !tok[2]))
            return o;
    return NULL;
}

/* Follows the row's completion specs over the positional words typed so far
 * (options and their values skipped): the spec of the word being typed, or
 * NULL when the row's .complete applies. */
static const struct complete_spec *spec_at(const struct command *c, const struct token *toks, size_t from, size_t n)
{
    const struct complete_spec *sp = c->complete_first;
    for (size_t i = from; i < n && sp; i++) {
        const struct optspec *o = toks[i].quoted ? NULL : find_opt(c, toks[i].text);
        if (o) { i += (size_t)o->nvals; continue; }
        const struct complete_spec *next = sp->next;
        for (const struct complete_choice *ch = sp->choices; ch && ch->value; ch++)
            if (strcmp(ch->value, toks[i].text) == 0 && ch->next) next = ch->next;
        sp = next;
    }
    return sp;
}

static void match_words(struct session *s, struct matches *m, const char *text)
{
    if (!s->table) return;
    size_t b, e;
    if (table_prefix_range(s->table, text, &b, &e)) return;
    for (size_t i = b; i < e && m->n < MAX_WORD_MATCHES; i++)
        add_match(m, s->table->words[table_sorted_row(s->table, i)]);
}

char **repl_complete(struct session *s, const char *line, int start, int end, bool *files)
{
    struct matches m = {0};
    *files = false;
    char *text = strndup(line + start, (size_t)(end - start));
    if (!text) return NULL;
    /* tokens before the word being completed, from the last ';' outside
     * quotes ("nn king; set output t": the tokenizer keeps "king;" whole) */
    size_t from = 0;
    char quote = 0;
    for (size_t i = 0; i < (size_t)start; i++) {
        if (quote == '"' && line[i] == '\\' && i + 1 < (size_t)start) i++;
        else if (quote) { if (line[i] == quote) quote = 0; }
        else if (line[i] == '"' || line[i] == '\'') quote = line[i];
        else if (line[i] == ';') from = i + 1;
    }
    char *before = strndup(line + from, (size_t)start - from);
    struct token *toks = NULL;
    size_t n = 0;
    embx_err e;
    if (!before || args_tokenize(before, &toks, &n, &e)) {
        /* inside an open quote: complete vocabulary words */
        free(before);
        match_words(s, &m, text[0] == '"' ? text + 1 : text);
        goto done;
    }
    free(before);
    /* commands start after the last ';' */
    size_t first = 0;
    for (size_t i = 0; i < n; i++)
        if (!toks[i].quoted && strcmp(toks[i].text, ";") == 0) first = i + 1;
    if (first >= n) {
        size_t l = strlen(text), nc = command_count();
        for (size_t i = 0; i < nc; i++)
            if (strncmp(command_at(i)->name, text, l) == 0) add_match(&m, command_at(i)->name);
        goto done;
    }
    const struct command *c = command_find(toks[first].text, &e);
    if (!c) goto done;
    const struct optspec *popt = n > first + 1 && !toks[n - 1].quoted ? find_opt(c, toks[n - 1].text) : NULL;
    if (text[0] == '-' && c->opts) {
        size_t l = strlen(text);
        for (const struct optspec *o = c->opts; o->name; o++) {
            char buf[80];
            snprintf(buf, sizeof buf, "--%s", o->name);
            if (strncmp(buf, text, l) == 0) add_match(&m, buf);
        }
        goto done;
    }
    if (popt && popt->nvals > 0) {
        if (strcmp(popt->name, "format") == 0) {
            size_t l = strlen(text);
            for (const struct format_desc *d = format_registry; d->name; d++)
                if (strncmp(d->name, text, l) == 0) add_match(&m, d->name);
        }
        else if (strcmp(popt->name, "near") == 0) match_words(s, &m, text);
        else if (!strcmp(popt->name, "where") || !strcmp(popt->name, "color-by"))
            match_meta(s, &m, !strcmp(popt->name, "where"), text);
        else if (match_metavar(&m, popt->metavar, text)) {}
        else if (args_opt_is_path(popt))
            *files = true;
        goto done;
    }
    enum complete_kind kind = c->complete;
    const struct complete_spec *sp = c->complete_first ? spec_at(c, toks, first + 1, n) : NULL;
    if (sp) {
        size_t l = strlen(text);
        for (const struct complete_choice *ch = sp->choices; ch && ch->value; ch++)
            if (strncmp(ch->value, text, l) == 0) add_match(&m, ch->value);
        if (m.n) goto done;
        kind = sp->kind;
    }
    switch (kind) {
    case COMPLETE_FILES: *files = true; break;
    case COMPLETE_WORDS: match_words(s, &m, text); break;
    case COMPLETE_COMMANDS: {
        size_t l = strlen(text), nc = command_count();
        for (size_t i = 0; i < nc; i++)
            if (strncmp(command_at(i)->name, text, l) == 0) add_match(&m, command_at(i)->name);
        break;
    }
    default: break;
    }
done:
    args_free_tokens(toks, n);
    free(text);
    if (!m.v) m.v = calloc(1, sizeof *m.v);
    else m.v[m.n] = NULL;
    return m.v;
}

void repl_free_matches(char **m)
{
    if (!m) return;
    for (char **p = m; *p; p++) free(*p);
    free(m);
}

/* ---- readline glue ---- */

static struct session *rl_session;

static char **rl_attempt(const char *text, int start, int end)
{
    (void)text;
    bool files;
    char **c = repl_complete(rl_session, rl_line_buffer, start, end, &files);
    if (files) {
        repl_free_matches(c);
        return NULL;   /* readline's own file-name completion */
    }
    rl_attempted_completion_over = 1;
    if (c && c[0] && !c[1] && c[0][0] && c[0][strlen(c[0]) - 1] == '=') rl_completion_suppress_append = 1;
    if (!c || !c[0]) {
        repl_free_matches(c);
        return NULL;
    }
    size_t n = 0;
    while (c[n]) n++;
    /* readline wants [common prefix, match1, ..., NULL] */
    char **r = malloc((n + 2) * sizeof *r);
    if (!r) {
        repl_free_matches(c);
        return NULL;
    }
    size_t lcd = strlen(c[0]);
    for (size_t i = 1; i < n; i++) {
        size_t j = 0;
        while (j < lcd && c[i][j] == c[0][j]) j++;
        lcd = j;
    }
    r[0] = strndup(c[0], lcd);
    if (n == 1) {
        free(r[0]);
        r[0] = c[0];
        r[1] = NULL;
        free(c);
        return r;
    }
    for (size_t i = 0; i < n; i++) r[i + 1] = c[i];
    r[n + 1] = NULL;
    free(c);
    return r;
}

static char *history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char dir[4096];
    if (state && *state) snprintf(dir, sizeof dir, "%s/embx", state);
    else if (home && *home) snprintf(dir, sizeof dir, "%s/.local/state/embx", home);
    else return NULL;
    /* create the directory and its parents */
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    mkdir(dir, 0700);
    size_t l = strlen(dir) + 16;
    char *path = malloc(l);
    if (path) snprintf(path, l, "%s/history", dir);
    return path;
}

/* At the prompt, Ctrl-C abandons the line being typed, as in a shell. */
static void on_sigint_prompt(int sig)
{
    (void)sig;
    progress_cancel_flag = 1;
    if (write(STDOUT_FILENO, "\n", 1) < 0) return;
    rl_on_new_line();
    rl_replace_line("", 0);
    rl_redisplay();
}

int repl_run(struct session *s)
{
    rl_session = s;
    rl_readline_name = "embx";
    rl_attempted_completion_function = rl_attempt;
    rl_completer_quote_characters = "\"'";
    rl_basic_word_break_characters = " \t\n;";
    rl_catch_signals = 0;
    using_history();
    char *hist = history_path();
    if (hist && read_history(hist) != 0) write_history(hist);   /* append_history needs the file */
    stifle_history(10000);
    s->interactive = true;
    int status = 0;
    while (!s->quit) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint_prompt;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old);
        char *line = readline("embx> ");
        progress_install_sigint();
        if (!line) {
            putchar('\n');
            break;
        }
        char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (*p) {
            HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
            if (!last || strcmp(last->line, line) != 0) {
                add_history(line);
                if (hist) append_history(1, hist);
            }
            if (command_run_script_line(s, line, false) != EMBX_OK) status = 1;
        }
        free(line);
    }
    if (hist) {
        history_truncate_file(hist, 10000);
        free(hist);
    }
    (void)status;
    return 0;
}

int repl_batch(struct session *s, FILE *fp, bool bail)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int status = 0;
    s->origin = "stdin";
    s->origin_pos = 0;
    for (;;) {
        if (s->quit) break;
        errno = 0;
        len = getline(&line, &cap, fp);
        /* Ctrl-C while waiting for the next line (SIGINT has no SA_RESTART)
         * is not the end of the input: the session goes on */
        if (len < 0 && errno == EINTR && !feof(fp)) {
            clearerr(fp);
            continue;
        }
        if (len < 0) break;
        s->origin_pos++;
        if (command_run_script_line(s, line, bail) != EMBX_OK) {
            status = 1;
            if (bail) break;
        }
    }
    free(line);
    s->origin = NULL;
    return status;
}
