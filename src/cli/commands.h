/* commands: the one command table that drives the REPL, batch mode, `help`,
 * completion, arity checks and dispatch. A command is one row and one
 * function. Rows live in per-area arrays (cmd_*.c) joined here. */
#ifndef EMBX_COMMANDS_H
#define EMBX_COMMANDS_H
#include <stdio.h>
#include "args.h"
#include "session.h"

/* What the dispatcher checks before calling the handler. */
enum command_flags {
    NEEDS_TABLE = 1u << 0,      /* refuses to run without a loaded table */
    NEEDS_PROJECTION = 1u << 1, /* needs a previous plot/projection */
    CHANGES_TABLE = 1u << 2,    /* may replace the table */
    SHELL_SUBCOMMAND = 1u << 3, /* also runs as `embx NAME ...` from the shell */
    NO_MATRIX = 1u << 4         /* reads words and norms only: no wait for the matrix checksum */
};

/* What Tab completes for positional arguments. */
enum complete_kind { COMPLETE_NONE = 0, COMPLETE_WORDS, COMPLETE_FILES, COMPLETE_COMMANDS };

struct complete_spec;
/* A fixed value Tab offers for a positional word (a sub-command, a setting),
 * and what the word after it offers (NULL: its spec's next). */
struct complete_choice {
    const char *value;
    const struct complete_spec *next;
};
/* What Tab offers for one positional word: the choices that start with the
 * typed text, else (none given or none matching) what kind completes. The
 * word after it follows next, or, when that is NULL, the row's .complete. */
struct complete_spec {
    const struct complete_choice *choices;   /* {NULL}-terminated, or NULL */
    enum complete_kind kind;
    const struct complete_spec *next;
};

struct command {
    const char *name;
    const char *alias;                 /* another exact name (exit, ?), or NULL */
    const char *args;                  /* positional part only, e.g. "EXPR"; the options
                                          are appended from opts (command_usage) */
    const char *help;                  /* one line, shown by `help` */
    int min_args, max_args;            /* positional words; max -1 = any */
    unsigned flags;
    enum complete_kind complete;       /* positional words, after complete_first's */
    const struct complete_spec *complete_first; /* the first positional word (sub-commands), or NULL */
    const struct optspec *opts;        /* NULL-name terminated, may be NULL */
    /* Runs the command; returns EMBX_OK, EMBX_ERR (message in e) or EMBX_CANCELLED. */
    int (*run)(struct session *s, const struct args *a, embx_err *e);
    const char *details;               /* longer text for `help NAME` (may be NULL) */
};

/* Per-area tables, each terminated by a row with name == NULL. */
extern const struct command cmds_core[];    /* cmd_core.c: load save info vec set cache help quit */
extern const struct command cmds_query[];   /* cmd_query.c: nn sim analogy odd rank */
extern const struct command cmds_eval[];    /* cmd_eval.c: eval */
extern const struct command cmds_plot[];    /* cmd_plot.c: plot load-proj save-proj ... */
extern const struct command cmds_train[];   /* cmd_train.c: train */
extern const struct command cmds_recsys[];  /* cmd_recsys.c: train-pairs recommend */
extern const struct command cmds_compare[]; /* cmd_compare.c: compare axis cluster */
extern const struct command cmds_view[];    /* cmd_view.c: save-plot */
extern const struct command cmds_index[];   /* cmd_index.c: index */

/* Number of commands and the i-th (in table order). */
size_t command_count(void);
const struct command *command_at(size_t i);
/* Finds by exact name, alias or unique prefix; an ambiguous prefix lists candidates in e. */
const struct command *command_find(const char *name, embx_err *e);
/* Runs one command line (no ';' splitting): tokenizes, finds, checks arity
 * and flags, runs, prints the error on stderr as "embx: NAME: message".
 * Returns the handler's status. */
int command_run_line(struct session *s, const char *line);
/* Runs a line that may hold several commands separated by ';'. bail: stop at
 * the first failure. Returns EMBX_OK when all succeeded. */
int command_run_script_line(struct session *s, const char *line, bool bail);
/* Runs argv as one command (shell subcommand form `embx NAME ARGS...`). */
int command_run_argv(struct session *s, int argc, char **argv);
struct load_opts;
struct read_report;
/* Reads path as a table the way `load` does (cache, sidecar, the notes on
 * what was skipped or kept) without touching the session's tables; for
 * `load` and `compare FILE`. */
int cmd_read_table(struct session *s, const char *path, const struct load_opts *o,
                   embx_table **out, struct read_report *r, embx_err *e);
/* Loads path into the session (the `load` command's work, also used by main
 * for the FILE argument); on failure the current table stays. */
int cmd_load_path(struct session *s, const char *path, const struct load_opts *o, embx_err *e);
/* The mapped tables' health, checked around every command: a file truncated
 * while mapped, and (when `verify`: before a command that reads the matrix)
 * the result of the matrix's background checksum pass, waited for. A damaged
 * cached copy is discarded and its source read again, with a note; otherwise
 * the table is unloaded and EMBX_ERR returned with a message naming the file. */
int cmd_check_table(struct session *s, bool verify, embx_err *e);

/* The full usage line of a command ("nn EXPR [-k N] [--restrict N] ..."),
 * derived from its positional part and its option spec; truncated to len. */
void command_usage(const struct command *c, char *buf, size_t len);
/* Prints command_usage() to fp. */
void command_print_usage(const struct command *c, FILE *fp);

#endif
