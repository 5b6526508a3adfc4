/* textline: reads one line of a small text file (benchmarks, word lists,
 * projections) with a length cap, so a file with no newlines (a binary file
 * given by mistake, /dev/zero) ends in a message instead of filling memory. */
#ifndef EMBX_TEXTLINE_H
#define EMBX_TEXTLINE_H
#include <stdio.h>
#include <sys/types.h>

#define TEXTLINE_MAX (1u << 20)   /* bytes in one line, newline included */
#define TEXTLINE_TOO_LONG (-2)

/* Like getline: the line (with its newline, NUL-terminated) into *line of
 * *cap bytes, grown as needed; returns its length, -1 at the end of the file
 * or on a read error (check ferror), or TEXTLINE_TOO_LONG once a line passes
 * max bytes. */
ssize_t textline_read(FILE *fp, char **line, size_t *cap, size_t max);

#endif
