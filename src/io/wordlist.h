/* wordlist: the word-list files that selections read (`--file`): one word a
 * line, optionally followed by a TAB (or, without a TAB, a blank) and a
 * group name. */
#ifndef EMBX_WORDLIST_H
#define EMBX_WORDLIST_H
#include <stddef.h>
#include "error.h"

struct wordlist_entry {
    char *word;
    char *group;     /* NULL when the line names none */
    size_t line;     /* 1-based line number in the file */
};

struct wordlist {
    struct wordlist_entry *v;
    size_t n;
};

/* Reads path (a UTF-8 BOM, CR line ends and blank lines are skipped).
 * A file without any word is an error naming the file. */
int wordlist_read(const char *path, struct wordlist *wl, embx_err *e);
/* Frees the entries; wl may be zeroed or already freed. */
void wordlist_free(struct wordlist *wl);

#endif
