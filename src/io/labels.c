/* labels: reading row names and giving them to a table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "labels.h"

void labels_free(char **labels, size_t n)
{
    if (!labels) return;
    for (size_t i = 0; i < n; i++) free(labels[i]);
    free(labels);
}

/* Whole file into memory (the labels are smaller than the table). */
static char *slurp(const char *path, size_t *len, embx_err *e)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        err_set(e, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    while (b) {
        size_t got = fread(b + n, 1, cap - n, fp);
        n += got;
        if (n < cap) break;
        char *nb = realloc(b, cap * 2 + 1);
        if (!nb) { free(b); b = NULL; break; }
        b = nb;
        cap *= 2;
    }
    bool bad = ferror(fp);
    fclose(fp);
    if (!b || bad) {
        free(b);
        err_set(e, "%s: %s", path, b ? "read error" : "out of memory");
        return NULL;
    }
    b[n] = '\0';
    *len = n;
    return b;
}

static int from_tokenizer(const char *path, const char *text, size_t len, size_t rows, char ***out, embx_err *e)
{
    struct json j;
    if (json_parse(text, len, &j, e)) {
        err_prefix(e, "%s", path);
        return EMBX_ERR;
    }
    const struct json *model = json_get(&j, "model"), *vocab = model ? json_get(model, "vocab") : NULL;
    if (!vocab || vocab->type != JSON_OBJECT) {
        json_free(&j);
        return err_set(e, "%s: a JSON file without model.vocab {token: id}: not a tokenizer.json", path);
    }
    size_t n = 0;
    for (size_t i = 0; i < vocab->n; i++) {
        if (!vocab->items[i].is_uint || vocab->items[i].uint >= vocab->n + 65536) {
            json_free(&j);
            return err_set(e, "%s: token '%.100s' has a bad id", path, vocab->keys[i]);
        }
        if (vocab->items[i].uint + 1 > n) n = (size_t)vocab->items[i].uint + 1;
    }
    /* added_tokens sit above the vocabulary in many tokenizers */
    const struct json *added = json_get(&j, "added_tokens");
    for (size_t i = 0; added && added->type == JSON_ARRAY && i < added->n; i++) {
        const struct json *id = json_get(&added->items[i], "id");
        if (id && id->is_uint && id->uint < vocab->n + 65536 && id->uint + 1 > n) n = (size_t)id->uint + 1;
    }
    if (n != rows) {
        json_free(&j);
        return err_set(e, "%s: the tokenizer has %zu ids, the table %zu rows", path, n, rows);
    }
    char **l = calloc(n ? n : 1, sizeof *l);
    int rc = l ? EMBX_OK : err_set(e, "out of memory");
    /* two tokens with one id: the first keeps it (found by fuzz_projector) */
    for (size_t i = 0; rc == EMBX_OK && i < vocab->n; i++)
        if (!l[vocab->items[i].uint] && !(l[vocab->items[i].uint] = strdup(vocab->keys[i])))
            rc = err_set(e, "out of memory");
    for (size_t i = 0; rc == EMBX_OK && added && added->type == JSON_ARRAY && i < added->n; i++) {
        const struct json *id = json_get(&added->items[i], "id"), *c = json_get(&added->items[i], "content");
        if (id && id->is_uint && id->uint < n && c && c->type == JSON_STRING && !l[id->uint])
            if (!(l[id->uint] = strdup(c->str))) rc = err_set(e, "out of memory");
    }
    for (size_t i = 0; rc == EMBX_OK && i < n; i++)
        if (!l[i] && !(l[i] = strdup(""))) rc = err_set(e, "out of memory");
    json_free(&j);
    if (rc) {
        labels_free(l, n);
        return rc;
    }
    *out = l;
    return EMBX_OK;
}

int labels_read(const char *path, size_t rows, char ***out, embx_err *e)
{
    *out = NULL;
    size_t len;
    char *text = slurp(path, &len, e);
    if (!text) return EMBX_ERR;
    size_t skip = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;
    const char *s = text + skip;
    while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t') s++;
    if (*s == '{') {
        int rc = from_tokenizer(path, text + skip, len - skip, rows, out, e);
        free(text);
        return rc;
    }
    /* lines; a first line with a TAB is a header row naming columns */
    size_t nl = 0;
    for (size_t i = skip; i < len; i++) nl += text[i] == '\n';
    if (len > skip && text[len - 1] != '\n') nl++;
    const char *first_end = memchr(text + skip, '\n', len - skip);
    bool header = memchr(text + skip, '\t', (first_end ? (size_t)(first_end - text) : len) - skip) != NULL;
    size_t n = nl - (header && nl ? 1 : 0);
    if (n != rows) {
        free(text);
        return err_set(e, "%s: %zu labels%s for a table of %zu rows", path, n,
                       header ? " (after the header row)" : "", rows);
    }
    char **l = calloc(n ? n : 1, sizeof *l);
    if (!l) {
        free(text);
        return err_set(e, "out of memory");
    }
    char *p = text + skip, *end = text + len;
    if (header) p = first_end ? (char *)first_end + 1 : end;
    for (size_t i = 0; i < n; i++) {
        char *q = memchr(p, '\n', (size_t)(end - p));
        char *le = q ? q : end;
        char *tab = memchr(p, '\t', (size_t)(le - p));
        char *we = tab ? tab : le;
        if (we > p && we[-1] == '\r') we--;
        if (!(l[i] = strndup(p, (size_t)(we - p)))) {
            labels_free(l, n);
            free(text);
            return err_set(e, "out of memory");
        }
        p = q ? q + 1 : end;
    }
    free(text);
    *out = l;
    return EMBX_OK;
}

int labels_apply(embx_table *t, char *const *labels, size_t *renamed, embx_err *e)
{
    *renamed = 0;
    /* a scratch table of the plain labels finds repeats */
    size_t len = 0;
    for (size_t i = 0; i < t->n; i++) len += strlen(labels[i]) + 24;
    char *blob = malloc(len ? len : 1);
    if (!blob) return err_set(e, "out of memory for %zu labels", t->n);
    size_t at = 0;
    /* repeats: found through the table's own hash after a first pass */
    embx_table probe = {0};
    probe.n = t->n;
    char *plain = malloc(len ? len : 1);
    if (!plain) {
        free(blob);
        return err_set(e, "out of memory for %zu labels", t->n);
    }
    for (size_t i = 0; i < t->n; i++) {
        size_t l = strlen(labels[i]) + 1;
        memcpy(plain + at, labels[i], l);
        at += l;
    }
    int rc = table_set_vocab(&probe, plain, at, true, e);
    /* probe.slots is filled row by row: a label already present is a repeat */
    at = 0;
    size_t ns = 16;
    while (ns < t->n * 2) ns <<= 1;
    uint32_t *slots = rc ? NULL : calloc(ns, sizeof *slots);
    if (!rc && !slots) rc = err_set(e, "out of memory");
    for (size_t i = 0; !rc && i < t->n; i++) {
        const char *w = labels[i];
        uint64_t h = 1469598103934665603ULL;
        for (const char *c = w; *c; c++) h = (h ^ (unsigned char)*c) * 1099511628211ULL;
        size_t s = (size_t)h & (ns - 1);
        bool seen = false;
        while (slots[s]) {
            if (!strcmp(probe.words[slots[s] - 1], w)) { seen = true; break; }
            s = (s + 1) & (ns - 1);
        }
        if (!seen) slots[s] = (uint32_t)i + 1;
        if (seen || !*w) {
            at += (size_t)snprintf(blob + at, len - at, "%s#%zu", w, i) + 1;
            (*renamed)++;
        } else {
            size_t l = strlen(w) + 1;
            memcpy(blob + at, w, l);
            at += l;
        }
    }
    free(slots);
    free(probe.words);
    free(plain);
    if (rc == EMBX_OK) rc = table_set_vocab(t, blob, at, true, e);
    if (rc) {
        free(blob);
        return EMBX_ERR;
    }
    free(t->sorted);
    t->sorted = NULL;
    /* "w#5" made from a repeat could itself be a label: then say so */
    if (table_build_hash(t, e)) return err_set(e, "labels: a repeated label collides with another label");
    return EMBX_OK;
}
