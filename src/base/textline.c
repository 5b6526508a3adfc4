/* textline: getline with a length cap. */
#include <stdlib.h>
#include "textline.h"

ssize_t textline_read(FILE *fp, char **line, size_t *cap, size_t max)
{
    size_t len = 0;
    int c = EOF;
    while ((c = getc_unlocked(fp)) != EOF) {
        if (len >= max) return TEXTLINE_TOO_LONG;
        if (!*line || len + 2 > *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            char *nl = realloc(*line, nc);
            if (!nl) return -1;
            *line = nl;
            *cap = nc;
        }
        (*line)[len++] = (char)c;
        if (c == '\n') break;
    }
    if (len == 0) return -1;
    (*line)[len] = '\0';
    return (ssize_t)len;
}
