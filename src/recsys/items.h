/* items: item metadata (id, title, genres) from the common public layouts:
 * MovieLens u.item (pipe separated, 19 genre flags at the end), movies.dat
 * (id::title::Genre1|Genre2), movies.csv (header, "quoted, titles", genres
 * with '|'), and id<TAB>title<TAB>genres. */
#ifndef EMBX_ITEMS_H
#define EMBX_ITEMS_H
#include <stddef.h>
#include "error.h"
#include "interactions.h"

struct item_meta {
    struct id_set ids;     /* item ids, index = entry */
    char **titles;         /* ids.n owned UTF-8 strings (latin-1 input converted) */
    char **genres;         /* ids.n owned strings "Genre1|Genre2", "" when none */
    char layout[16];       /* "u.item", "movies.dat", "movies.csv" or "tsv" */
    size_t duplicates;     /* repeated ids (the last line wins) */
};

/* Reads an item file. Errors name FILE:LINE (a line without a title, ...). */
int items_read(const char *path, struct item_meta *m, embx_err *e);
/* Writes the first genre of entry i into buf ("" when none). */
void items_first_genre(const struct item_meta *m, size_t i, char *buf, size_t len);
void items_free(struct item_meta *m);

#endif
