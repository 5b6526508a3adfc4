/* progress: rate-limited progress lines on stderr and the Ctrl-C cancel flag
 * that long computations poll. */
#ifndef EMBX_PROGRESS_H
#define EMBX_PROGRESS_H
#include <stdbool.h>
#include <signal.h>

/* Set by the SIGINT handler while a command runs. */
extern volatile sig_atomic_t progress_cancel_flag;

/* True once Ctrl-C was pressed during the current command. */
static inline bool progress_cancelled(void) { return progress_cancel_flag != 0; }
/* Clears the flag (the command layer does this before each command). */
void progress_reset_cancel(void);
/* Installs the SIGINT handler that sets the flag (no SA_RESTART). */
void progress_install_sigint(void);

typedef struct progress {
    char label[64];
    double total;     /* 0 = unknown */
    double start;     /* seconds, monotonic */
    double last;      /* last print time */
    bool printed;
    bool enabled;     /* stderr is a terminal, or EMBX_PROGRESS=1 (0 turns it off) */
} progress;

/* Starts a progress line; total may be 0 when unknown. */
void progress_start(progress *p, const char *label, double total);
/* Reports `done` units; `extra` (may be NULL) is appended, e.g. "KL 1.23".
 * Prints at most ~8 times a second; thread-safe to call from one thread only. */
void progress_update(progress *p, double done, const char *extra);
/* Clears the progress line. */
void progress_finish(progress *p);
/* Monotonic clock in seconds. */
double progress_now(void);

#endif
