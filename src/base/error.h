/* error: status codes and the message buffer that carries an error up to the
 * command layer. Pure code fills an embx_err and returns a status; only the
 * command layer prints it and only main() exits. */
#ifndef EMBX_ERROR_H
#define EMBX_ERROR_H
#include <string.h>

#define EMBX_OK 0
#define EMBX_ERR (-1)
#define EMBX_CANCELLED (-2)

typedef struct embx_err {
    char msg[1024];
} embx_err;

/* printf arguments for "%.*s%s" that quote at most 200 bytes of a word the
 * user typed, then "...", so a huge word cannot push the rest of the message
 * out of the buffer. */
#define ERR_WORD(w) (int)(strlen(w) > 200 ? 200 : strlen(w)), (w), (strlen(w) > 200 ? "..." : "")

/* Formats the message into e (if non-NULL) and returns EMBX_ERR. */
int err_set(embx_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets the message "cancelled" and returns EMBX_CANCELLED. */
int err_cancelled(embx_err *e);
/* Prepends "prefix: " to an existing message (for adding context). */
void err_prefix(embx_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Clears the message. */
void err_clear(embx_err *e);

#endif
