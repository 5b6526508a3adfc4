/* evalvocab: benchmark vocabulary (see evalvocab.h). */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "evalvocab.h"
#include "utf8.h"

/* Upper-cased copy as Python's str.upper() for one-to-one mappings; bytes
 * that are not UTF-8 are kept. */
static char *upper_dup(const char *s, locale_t loc)
{
    size_t len = strlen(s);
    char *out = malloc(len * 4 + 1);
    if (!out) return NULL;
    size_t o = 0;
    const char *p = s;
    while (*p) {
        uint32_t c;
        size_t n = utf8_decode(p, &c);
        if (n == 0) { out[o++] = (char)*p++; continue; }
        uint32_t u = c < 0x80 ? (uint32_t)toupper((int)c)
                   : loc ? (uint32_t)towupper_l((wint_t)c, loc) : c;
        o += utf8_encode(u, out + o);
        p += n;
    }
    out[o] = '\0';
    return out;
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void eval_vocab_free(struct eval_vocab *v)
{
    if (v->keys)
        for (size_t i = 0; i < v->nslots; i++) free(v->keys[i]);
    free(v->keys);
    free(v->slot_row);
    if (v->loc) freelocale(v->loc);
    memset(v, 0, sizeof *v);
}

int eval_vocab_init(struct eval_vocab *v, const embx_table *t, size_t restrict_rows,
                    bool case_sensitive, embx_err *e)
{
    memset(v, 0, sizeof *v);
    v->t = t;
    v->rows = restrict_rows && restrict_rows < t->n ? restrict_rows : t->n;
    v->fold = !case_sensitive;
    if (!v->fold) return EMBX_OK;     /* exact words: the table's own hash */
    v->loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!v->loc) v->loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
    v->nslots = 16;
    while (v->nslots < v->rows * 2) v->nslots *= 2;
    v->keys = calloc(v->nslots, sizeof(char *));
    v->slot_row = calloc(v->nslots, sizeof(size_t));
    if (!v->keys || !v->slot_row) { eval_vocab_free(v); return err_set(e, "out of memory"); }
    for (size_t r = 0; r < v->rows; r++) {
        char *k = upper_dup(t->words[r], v->loc);
        if (!k) { eval_vocab_free(v); return err_set(e, "out of memory"); }
        size_t i = hash_str(k) & (v->nslots - 1);
        while (v->slot_row[i] && strcmp(v->keys[i], k) != 0) i = (i + 1) & (v->nslots - 1);
        if (v->slot_row[i]) { free(k); continue; }   /* the first row of this form wins */
        v->keys[i] = k;
        v->slot_row[i] = r + 1;
    }
    return EMBX_OK;
}

long eval_vocab_find_key(const struct eval_vocab *v, const char *key)
{
    if (!v->fold) {
        long r = table_find(v->t, key);
        return r >= 0 && (size_t)r < v->rows ? r : -1;
    }
    size_t i = hash_str(key) & (v->nslots - 1);
    while (v->slot_row[i]) {
        if (strcmp(v->keys[i], key) == 0) return (long)(v->slot_row[i] - 1);
        i = (i + 1) & (v->nslots - 1);
    }
    return -1;
}

char *eval_vocab_key(const struct eval_vocab *v, const char *word)
{
    return v->fold ? upper_dup(word, v->loc) : strdup(word);
}

/* Row standing for word, -1 when unknown, -2 when out of memory. */
static long eval_vocab_find(const struct eval_vocab *v, const char *word)
{
    char *k = eval_vocab_key(v, word);
    if (!k) return -2;
    long r = eval_vocab_find_key(v, k);
    free(k);
    return r;
}

long eval_vocab_usable(const struct eval_vocab *v, const char *word)
{
    long r = eval_vocab_find(v, word);
    return r >= 0 && table_row_is_zero(v->t, (size_t)r) ? -1 : r;
}
