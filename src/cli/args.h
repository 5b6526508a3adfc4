/* args: the command language. Tokenizes a line (blanks separate words,
 * "quoted words" keep blanks and are always words, never options), splits
 * "a; b" into commands, and parses options declared by each command
 * (anywhere among the arguments; "--" ends them). */
#ifndef EMBX_ARGS_H
#define EMBX_ARGS_H
#include <stdbool.h>
#include <stddef.h>
#include "error.h"

struct token {
    char *text;
    bool quoted;
};

/* One option a command accepts. nvals values follow it (0 = a flag). */
struct optspec {
    const char *name;      /* long name without "--", e.g. "restrict" */
    char short_name;       /* e.g. 'k', or 0 */
    int nvals;             /* 0, 1 or 2 */
    const char *metavar;   /* e.g. "N", "WORD N" */
    const char *help;
};

#define ARGS_MAX_OPTS 32

struct args {
    struct token *toks; size_t ntoks;     /* owned: the whole line */
    struct token **pos; size_t npos;      /* positional words, in order */
    const struct optspec *spec;           /* the command's options */
    const char *cmdname;                  /* for the message of a lookup bug */
    const char *undeclared;               /* release builds: first option looked up
                                             but not in spec (a program bug) */
    const char **undeclared_slot;         /* &undeclared, writable through a const args */
    struct { const struct optspec *opt; const char *val[2]; } seen[ARGS_MAX_OPTS];
    size_t nseen;
};

/* Splits a line into tokens. Errors: unterminated quote (says where). */
int args_tokenize(const char *line, struct token **toks, size_t *n, embx_err *e);
void args_free_tokens(struct token *toks, size_t n);
/* Splits "cmd1; cmd2" at semicolons outside quotes into newly allocated strings. */
int args_split_commands(const char *line, char ***cmds, size_t *n, embx_err *e);
void args_free_commands(char **cmds, size_t n);

/* Parses toks[first..] against spec (NULL-name terminated, may be NULL);
 * takes ownership of toks. Unknown options are an error that names the option
 * and lists the valid ones. */
int args_parse(struct args *a, const char *cmdname, const struct optspec *spec,
               struct token *toks, size_t ntoks, size_t first, embx_err *e);
void args_free(struct args *a);

/* Positional word i. */
static inline const char *args_word(const struct args *a, size_t i) { return a->pos[i]->text; }
/* Looking up a name that is not in the command's spec is a program bug (a
 * misspelt name must not read as "absent"): it aborts with a BUG message,
 * or, in NDEBUG builds, reads as absent and sets a->undeclared, which the
 * dispatcher reports as an internal error. */
/* True when the option was given. */
bool args_has(const struct args *a, const char *name);
/* Value idx (0 or 1) of the option, or NULL when not given. */
const char *args_str(const struct args *a, const char *name, int idx);
/* Integer option in [min, max]; def when absent. Error names the option. */
int args_long(const struct args *a, const char *name, long def, long min, long max,
              long *out, embx_err *e);
/* Real option in [min, max]; def when absent. */
int args_double(const struct args *a, const char *name, double def, double min, double max,
                double *out, embx_err *e);
/* True when the option's value is a file or directory name (metavar FILE,
 * F, DIR or OUT): completed as a path, '~' expanded. */
bool args_opt_is_path(const struct optspec *o);
/* Expands a leading '~' (or ~user) of unquoted path values: the options
 * that take paths and, when positional, every positional word. */
int args_expand_paths(struct args *a, bool positional, embx_err *e);

#endif
