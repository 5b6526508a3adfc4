/* wordlist: reads word-list files for selections. See wordlist.h. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "textline.h"
#include "wordlist.h"

static int push(struct wordlist *wl, size_t *cap, const char *word, const char *group, size_t line)
{
    if (wl->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        struct wordlist_entry *v = realloc(wl->v, nc * sizeof *v);
        if (!v) return -1;
        wl->v = v;
        *cap = nc;
    }
    struct wordlist_entry *en = &wl->v[wl->n];
    en->word = strdup(word);
    en->group = group ? strdup(group) : NULL;
    en->line = line;
    if (!en->word || (group && !en->group)) { free(en->word); free(en->group); return -1; }
    wl->n++;
    return 0;
}

int wordlist_read(const char *path, struct wordlist *wl, embx_err *e)
{
    memset(wl, 0, sizeof *wl);
    FILE *fp = fopen(path, "r");
    if (!fp) return err_set(e, "--file: cannot open '%s': %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0, vcap = 0;
    ssize_t len;
    int rc = EMBX_OK;
    while ((len = textline_read(fp, &line, &cap, TEXTLINE_MAX)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) memmove(line, line + 3, (size_t)(len -= 3) + 1);
        if (len == 0) continue;
        /* word<TAB>group, or word<blank>group when the line has no TAB */
        char *sep = strchr(line, '\t');
        if (!sep) sep = strpbrk(line, " ");
        const char *gname = NULL;
        if (sep) {
            *sep = '\0';
            gname = sep + 1;
            while (*gname == ' ' || *gname == '\t') gname++;
            if (*gname == '\0') gname = NULL;
        }
        if (line[0] == '\0') continue;
        if (push(wl, &vcap, line, gname, lineno) != 0) { rc = err_set(e, "out of memory reading '%s'", path); break; }
    }
    if (rc == EMBX_OK && len == TEXTLINE_TOO_LONG)
        rc = err_set(e, "%s:%zu: a line longer than 1 MB (not a text file?)", path, lineno + 1);
    if (rc == EMBX_OK && ferror(fp)) rc = err_set(e, "--file: error reading '%s': %s", path, strerror(errno));
    free(line);
    fclose(fp);
    if (rc == EMBX_OK && wl->n == 0)
        rc = err_set(e, "--file: '%s' has no words (expected one word a line, optionally a TAB and a group)", path);
    if (rc != EMBX_OK) wordlist_free(wl);
    return rc;
}

void wordlist_free(struct wordlist *wl)
{
    for (size_t i = 0; i < wl->n; i++) { free(wl->v[i].word); free(wl->v[i].group); }
    free(wl->v);
    memset(wl, 0, sizeof *wl);
}
