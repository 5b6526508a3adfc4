/* fuzz_args: the command-line tokenizer, the ';' splitter and the option
 * parser, against every command's real option table, plus the number
 * parsers behind -k/--restrict style options. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "commands.h"
#include "strutil.h"

static void parse_against_all(const char *line)
{
    embx_err e;
    struct token *toks;
    size_t n;
    if (args_tokenize(line, &toks, &n, &e) != EMBX_OK) {
        if (!e.msg[0]) abort();   /* a failure always carries a message */
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!toks[i].text) abort();
        long l;
        double d;
        str_parse_long(toks[i].text, &l);
        str_parse_double(toks[i].text, &d);
    }
    size_t nc = command_count();
    for (size_t c = 0; c < nc; c++) {
        const struct command *cmd = command_at(c);
        /* args_parse takes ownership of the tokens: give it a copy each time */
        struct token *cp = calloc(n ? n : 1, sizeof *cp);
        if (!cp) abort();
        for (size_t i = 0; i < n; i++) {
            cp[i].text = strdup(toks[i].text);
            if (!cp[i].text) abort();
            cp[i].quoted = toks[i].quoted;
        }
        struct args a;
        e.msg[0] = '\0';
        if (args_parse(&a, cmd->name, cmd->opts, cp, n, n ? 1 : 0, &e) == EMBX_OK) {
            if (a.npos > n) abort();
            for (size_t i = 0; i < a.npos; i++)
                if (!args_word(&a, i)) abort();
            for (const struct optspec *o = cmd->opts; o && o->name; o++) {
                long l;
                double d;
                if (args_has(&a, o->name) && o->nvals > 0 && !args_str(&a, o->name, 0)) abort();
                args_str(&a, o->name, 1);
                e.msg[0] = '\0';
                if (args_long(&a, o->name, 1, 1, 1000000, &l, &e) == EMBX_OK) {
                    if (l < 1 || l > 1000000) abort();
                } else if (!e.msg[0]) abort();
                e.msg[0] = '\0';
                if (args_double(&a, o->name, 0.5, -1e9, 1e9, &d, &e) == EMBX_OK) {
                    if (!(d >= -1e9 && d <= 1e9)) abort();
                } else if (!e.msg[0]) abort();
            }
        } else if (!e.msg[0]) {
            abort();
        }
        args_free(&a);
        command_find(n ? toks[0].text : "", &e);
    }
    args_free_tokens(toks, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1);
    if (!line) return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    embx_err e;
    char **cmds;
    size_t n;
    if (args_split_commands(line, &cmds, &n, &e) == EMBX_OK) {
        for (size_t i = 0; i < n; i++) parse_against_all(cmds[i]);
        args_free_commands(cmds, n);
    } else if (!e.msg[0]) {
        abort();
    }
    parse_against_all(line);
    free(line);
    return 0;
}
