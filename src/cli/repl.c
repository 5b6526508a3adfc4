/* repl: readline loop with history and completion; batch input from pipes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>
#include "commands.h"
#include "progress.h"
#include "registry.h"
#include "repl.h"

#define MAX_WORD_MATCHES 20000

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

static const char *const settings[] = {"k", "threads", "output", "quiet", "approx", "cache-max", NULL};

static void match_list(struct matches *m, const char *const *list, const char *text)
{
    size_t l = strlen(text);
    for (; *list; list++)
        if (strncmp(*list, text, l) == 0) add_match(m, *list);
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
    /* tokens before the word being completed */
    char *before = strndup(line, (size_t)start);
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
    const char *prev = n > first + 1 ? toks[n - 1].text : NULL;
    const struct optspec *popt = NULL;
    if (prev && prev[0] == '-' && c->opts)
        for (const struct optspec *o = c->opts; o->name; o++)
            if ((prev[1] == '-' && strcmp(prev + 2, o->name) == 0) ||
                (o->short_name && prev[1] == o->short_name && !prev[2]))
                popt = o;
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
        else if (args_opt_is_path(popt))
            *files = true;
        goto done;
    }
    switch (c->complete) {
    case COMPLETE_FILES: *files = true; break;
    case COMPLETE_WORDS: match_words(s, &m, text); break;
    case COMPLETE_SETTINGS: if (n == first + 1) match_list(&m, settings, text); break;
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
