/* fuzz_command: whole command lines through Tab completion and the
 * dispatcher (tokenizer, command lookup, option parsing, arity checks,
 * handlers) against a small in-memory table. Only commands that neither touch files nor replace the
 * table run (and no line mentioning "file" or "svg"), so a fuzzed `save /x`
 * never writes anywhere; every other line still goes through lookup and its
 * error path. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sanitizer/common_interface_defs.h>
#include "args.h"
#include "commands.h"
#include "repl.h"
#include "session.h"
#include "fuzz_common.h"

static const char *const allowed[] = {
    "info", "vec", "set", "help", "nn", "sim", "analogy", "odd", "rank", "axis",
    "cluster", "both", "recommend", "plot", NULL,
};

static struct session sess;
static int devnull = -1, saved_err = -1;

static bool is_allowed(const char *name)
{
    for (const char *const *a = allowed; *a; a++)
        if (strcmp(*a, name) == 0) return true;
    return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_scratch_dir();
    session_init(&sess);
    session_set_table(&sess, fuzz_small_table());
    /* results and messages go nowhere; sanitizer reports keep the real stderr */
    devnull = open("/dev/null", O_WRONLY);
    saved_err = dup(STDERR_FILENO);
    if (devnull < 0 || saved_err < 0) abort();
    __sanitizer_set_report_fd((void *)(intptr_t)saved_err);
    dup2(devnull, STDOUT_FILENO);
    return 0;
}

static void run_one(const char *cmd)
{
    embx_err e;
    struct token *toks;
    size_t n;
    /* options that name files to read (which could be /dev/zero) or write */
    if (strstr(cmd, "file") || strstr(cmd, "svg")) return;
    if (args_tokenize(cmd, &toks, &n, &e) == EMBX_OK) {
        const struct command *c = n ? command_find(toks[0].text, &e) : NULL;
        bool ok = !c || is_allowed(c->name);
        args_free_tokens(toks, n);
        if (!ok) return;
    }
    fflush(stderr);
    dup2(devnull, STDERR_FILENO);
    command_run_line(&sess, cmd);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_err, STDERR_FILENO);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    /* settings from the previous input do not leak into this one */
    sess.k = 10;
    sess.threads = 1;
    sess.out_mode = OUT_AUTO;
    sess.quiet = false;
    sess.quit = false;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        /* Tab at the end of the line, as readline would ask */
        int end = (int)strlen(line), start = end;
        while (start > 0 && !strchr(" \t\n;", line[start - 1])) start--;
        bool files;
        char **m = repl_complete(&sess, line, start, end, &files);
        if (!m) abort();
        repl_free_matches(m);
        embx_err e;
        char **cmds;
        size_t n;
        if (args_split_commands(line, &cmds, &n, &e) != EMBX_OK) continue;
        for (size_t i = 0; i < n; i++) run_one(cmds[i]);
        args_free_commands(cmds, n);
    }
    free(text);
    if (!sess.table || sess.table->n != FUZZ_NWORDS) abort();   /* the table survives */
    return 0;
}
