/* error: the message buffer carried from pure code to the command layer. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "error.h"

int err_set(embx_err *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return EMBX_ERR;
}

int err_cancelled(embx_err *e)
{
    if (e) snprintf(e->msg, sizeof e->msg, "cancelled");
    return EMBX_CANCELLED;
}

void err_prefix(embx_err *e, const char *fmt, ...)
{
    if (!e) return;
    char pre[512], old[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    snprintf(e->msg, sizeof e->msg, "%s: %s", pre, old);
}

void err_clear(embx_err *e)
{
    if (e) e->msg[0] = '\0';
}
