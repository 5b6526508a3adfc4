/* atomic_file: write a file as a temp file beside it, fsync, then rename, so a
 * reader never sees a half-written file and an interrupted write loses nothing. */
#ifndef EMBX_ATOMIC_FILE_H
#define EMBX_ATOMIC_FILE_H
#include <stdio.h>
#include "error.h"

typedef struct atomic_file {
    FILE *fp;
    char *path;
    char *tmp;
} atomic_file;

/* Creates "<path>.tmp.XXXXXX" in the same directory and opens it for writing. */
int atomic_open(atomic_file *a, const char *path, embx_err *e);
/* Flushes, fsyncs and renames onto the final path (fails on any write error). */
int atomic_commit(atomic_file *a, embx_err *e);
/* Removes the temp file (after an error or cancellation). */
void atomic_abort(atomic_file *a);
/* Copies the file src to dst the same way (dst never half-written). */
int atomic_copy(const char *src, const char *dst, embx_err *e);

#endif
