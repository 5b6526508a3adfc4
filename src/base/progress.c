/* progress: one rewritten line on stderr, at most ~8 prints a second, and the
 * Ctrl-C flag. The SIGINT handler only sets a flag: long loops poll it and
 * return with a valid state, so the session survives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "progress.h"

volatile sig_atomic_t progress_cancel_flag = 0;

static void on_sigint(int sig)
{
    (void)sig;
    progress_cancel_flag = 1;
}

void progress_reset_cancel(void) { progress_cancel_flag = 0; }

void progress_install_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   /* no SA_RESTART: a blocking read returns EINTR */
    sigaction(SIGINT, &sa, NULL);
}

/* Decided per progress line, so nothing is cached in the file: on when
 * stderr is a terminal, or as EMBX_PROGRESS says. */
static bool progress_wanted(void)
{
    const char *env = getenv("EMBX_PROGRESS");
    if (env && *env) return strcmp(env, "0") != 0;
    return isatty(STDERR_FILENO);
}

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void progress_start(progress *p, const char *label, double total)
{
    memset(p, 0, sizeof *p);
    snprintf(p->label, sizeof p->label, "%s", label);
    p->total = total;
    p->start = progress_now();
    p->last = 0;
    p->enabled = progress_wanted();
}

void progress_update(progress *p, double done, const char *extra)
{
    if (!p || !p->enabled) return;
    double now = progress_now();
    if (p->printed && now - p->last < 0.125) return;
    p->last = now;
    p->printed = true;
    double el = now - p->start;
    char eta[32] = "";
    if (p->total > 0 && done > 0 && done < p->total) {
        double left = el * (p->total - done) / done;
        snprintf(eta, sizeof eta, " ETA %.0fs", left);
    }
    if (p->total > 0)
        fprintf(stderr, "\r\033[K%s %5.1f%%%s%s%s", p->label, 100.0 * done / p->total, eta,
                extra ? "  " : "", extra ? extra : "");
    else
        fprintf(stderr, "\r\033[K%s %.0f%s%s", p->label, done, extra ? "  " : "", extra ? extra : "");
    fflush(stderr);
}

void progress_finish(progress *p)
{
    if (p && p->printed && p->enabled) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}
