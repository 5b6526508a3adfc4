/* commands: joins the per-area command tables and dispatches a line:
 * tokenize, find (exact or unique prefix), parse options, check arity and
 * flags once here, run, report the error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "editdist.h"
#include "progress.h"

static const struct command *const groups[] = {
    cmds_core, cmds_query, cmds_eval, cmds_plot, cmds_view,
    cmds_train, cmds_recsys, cmds_compare, cmds_index,
};
#define NGROUPS (sizeof groups / sizeof groups[0])

size_t command_count(void)
{
    size_t n = 0;
    for (size_t g = 0; g < NGROUPS; g++)
        for (const struct command *c = groups[g]; c->name; c++) n++;
    return n;
}

const struct command *command_at(size_t i)
{
    for (size_t g = 0; g < NGROUPS; g++)
        for (const struct command *c = groups[g]; c->name; c++)
            if (i-- == 0) return c;
    return NULL;
}

const struct command *command_find(const char *name, embx_err *e)
{
    size_t n = command_count(), len = strlen(name);
    const struct command *hit = NULL;
    size_t nhits = 0;
    char list[512] = "";
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        const struct command *c = command_at(i);
        if (strcmp(c->name, name) == 0 || (c->alias && strcmp(c->alias, name) == 0)) return c;
        if (len && strncmp(c->name, name, len) == 0) {
            hit = c;
            nhits++;
            int w = snprintf(list + off, sizeof list - off, "%s%s", off ? ", " : "", c->name);
            if (w > 0 && (size_t)w < sizeof list - off) off += (size_t)w;
        }
    }
    if (nhits == 1) return hit;
    if (nhits > 1) {
        err_set(e, "'%.*s%s' is ambiguous: %s", ERR_WORD(name), list);
        return NULL;
    }
    /* a typo: the commands nearest in spelling */
    size_t best = edit_limit(len) + 1;
    for (size_t i = 0; i < n; i++) {
        const char *cn = command_at(i)->name;
        size_t d = edit_distance(name, len, cn, strlen(cn), best);
        if (d < best) { best = d; off = 0; list[0] = '\0'; }
        if (d == best && d <= edit_limit(len)) {
            int w = snprintf(list + off, sizeof list - off, "%s%s", off ? ", " : "", cn);
            if (w > 0 && (size_t)w < sizeof list - off) off += (size_t)w;
        }
    }
    if (off) err_set(e, "unknown command '%.*s%s' (did you mean: %s?)", ERR_WORD(name), list);
    else err_set(e, "unknown command '%.*s%s' (type 'help' for the list)", ERR_WORD(name));
    return NULL;
}

void command_usage(const struct command *c, char *buf, size_t len)
{
    size_t off = 0;
    int w = snprintf(buf, len, "%s%s%s", c->name, c->args ? " " : "", c->args ? c->args : "");
    for (const struct optspec *o = c->opts; o && o->name && w >= 0 && (off += (size_t)w) < len; o++) {
        char flag[72];
        if (o->short_name) snprintf(flag, sizeof flag, "-%c", o->short_name);
        else snprintf(flag, sizeof flag, "--%s", o->name);
        /* a required option is part of the positional text ("FILE -o OUT"): not repeated */
        w = c->args && strstr(c->args, flag) ? 0
            : snprintf(buf + off, len - off, " [%s%s%s]", flag, o->metavar ? " " : "",
                       o->metavar ? o->metavar : "");
    }
}

void command_print_usage(const struct command *c, FILE *fp)
{
    char buf[2048];
    command_usage(c, buf, sizeof buf);
    fputs(buf, fp);
}

/* Too many words for a command that takes words: when the extra words
 * joined to the last one make a row ("vec new york"), say to quote it. */
static bool phrase_row(const struct session *s, const struct command *c, const struct args *a,
                       const char *usage, embx_err *e)
{
    if (!s->table || c->complete != COMPLETE_WORDS || c->max_args < 1) return false;
    char phrase[512];
    size_t o = 0;
    for (size_t i = (size_t)c->max_args - 1; i < a->npos && o < sizeof phrase; i++) {
        int n = snprintf(phrase + o, sizeof phrase - o, "%s%s", o ? " " : "", args_word(a, i));
        if (n < 0) return false;
        o += (size_t)n;
    }
    if (o >= sizeof phrase || table_find(s->table, phrase) < 0) return false;
    err_set(e, "'%.*s%s' is one row of the table: quote it, \"%.*s%s\" (%s)", ERR_WORD(phrase),
            ERR_WORD(phrase), usage);
    return true;
}

static int dispatch(struct session *s, struct token *toks, size_t ntoks, const char **name_out, embx_err *e)
{
    const struct command *c = command_find(toks[0].text, e);
    *name_out = NULL;
    if (!c) {
        args_free_tokens(toks, ntoks);
        return EMBX_ERR;
    }
    *name_out = c->name;
    struct args a;
    if (args_parse(&a, c->name, c->opts, toks, ntoks, 1, e)) {
        args_free(&a);
        return EMBX_ERR;
    }
    int rc = EMBX_OK;
    char usage[512];
    memcpy(usage, "usage: ", 8);
    command_usage(c, usage + 7, sizeof usage - 7);
    if (args_expand_paths(&a, c->complete == COMPLETE_FILES, e))
        rc = EMBX_ERR;
    else if ((int)a.npos < c->min_args)
        rc = err_set(e, "missing argument (%s)", usage);
    else if (c->max_args >= 0 && (int)a.npos > c->max_args && phrase_row(s, c, &a, usage, e))
        rc = EMBX_ERR;
    else if (c->max_args >= 0 && (int)a.npos > c->max_args)
        rc = err_set(e, "too many arguments: '%.*s%s' (%s)", ERR_WORD(args_word(&a, (size_t)c->max_args)), usage);
    else if ((c->flags & NEEDS_TABLE) && (rc = cmd_check_table(s, !(c->flags & NO_MATRIX), e)) != EMBX_OK)
        ;
    else if ((c->flags & NEEDS_TABLE) && !s->table)
        rc = err_set(e, "no table loaded (use 'load FILE' first)");
    else if ((c->flags & NEEDS_PROJECTION) && !s->proj)
        rc = err_set(e, "no projection yet (run 'plot pca' or 'plot tsne' first)");
    else {
        progress_reset_cancel();
        rc = c->run(s, &a, e);
        if (rc == EMBX_CANCELLED && !e->msg[0]) err_cancelled(e);
        /* a file truncated under the command: its answers are void */
        embx_err de;
        err_clear(&de);
        if (cmd_check_table(s, false, &de) != EMBX_OK) { *e = de; rc = EMBX_ERR; }
        if (a.undeclared)   /* release builds: a handler asked for an option it lacks */
            rc = err_set(e, "internal error: the handler looked up --%s, which '%s' does not declare "
                         "(please report this)", a.undeclared, c->name);
    }
    args_free(&a);
    return rc;
}

/* Prints a failure as "embx: [stdin:2: ]NAME: message". */
static int report(const struct session *s, const char *name, int rc, embx_err *e)
{
    if (rc != EMBX_OK) {
        fflush(stdout);
        fputs("embx: ", stderr);
        if (s->origin) fprintf(stderr, "%s:%zu: ", s->origin, s->origin_pos);
        if (name) fprintf(stderr, "%s: ", name);
        fprintf(stderr, "%s\n", e->msg[0] ? e->msg : "failed");
    }
    return rc;
}

int command_run_line(struct session *s, const char *line)
{
    embx_err e;
    err_clear(&e);
    struct token *toks;
    size_t n;
    if (args_tokenize(line, &toks, &n, &e)) return report(s, NULL, EMBX_ERR, &e);
    if (n == 0 || (!toks[0].quoted && toks[0].text[0] == '#')) {
        args_free_tokens(toks, n);
        return EMBX_OK;
    }
    const char *name = NULL;   /* a static command name, NULL when not found */
    int rc = dispatch(s, toks, n, &name, &e);
    return report(s, name, rc, &e);
}

int command_run_script_line(struct session *s, const char *line, bool bail)
{
    embx_err e;
    char **cmds;
    size_t n;
    if (args_split_commands(line, &cmds, &n, &e)) return report(s, NULL, EMBX_ERR, &e);
    int status = EMBX_OK;
    for (size_t i = 0; i < n && !s->quit; i++) {
        const char *c = cmds[i];
        while (*c == ' ' || *c == '\t') c++;
        size_t len = strcspn(c, "\r\n");
        while (len && (c[len - 1] == ' ' || c[len - 1] == '\t')) len--;
        if (s->origin && !strcmp(s->origin, "-c")) s->origin_pos++;
        if (s->echo && len && c[0] != '#') {
            printf("# %.*s\n", (int)len, c);
            fflush(stdout);
        }
        int rc = command_run_line(s, cmds[i]);
        if (rc != EMBX_OK) {
            status = rc;
            if (bail) break;
        }
    }
    args_free_commands(cmds, n);
    return status;
}

int command_run_argv(struct session *s, int argc, char **argv)
{
    embx_err e;
    err_clear(&e);
    if (argc < 1) return EMBX_OK;
    struct token *toks = calloc((size_t)argc, sizeof *toks);
    if (!toks) return report(s, NULL, err_set(&e, "out of memory"), &e);
    for (int i = 0; i < argc; i++) {
        toks[i].text = strdup(argv[i]);
        if (!toks[i].text) {
            args_free_tokens(toks, (size_t)i);
            return report(s, NULL, err_set(&e, "out of memory"), &e);
        }
    }
    const char *name = NULL;
    int rc = dispatch(s, toks, (size_t)argc, &name, &e);
    return report(s, name, rc, &e);
}
