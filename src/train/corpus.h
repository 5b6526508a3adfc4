/* corpus: reads a training corpus (plain or gzip, streamed), splits it on
 * blanks, counts the vocabulary in a hash table, keeps words seen at least
 * min-count times sorted by frequency, and encodes the text as a stream of
 * row ids in an unlinked temporary file that is mapped for training, so
 * each epoch reads 4 bytes a token instead of re-parsing text. */
#ifndef EMBX_CORPUS_H
#define EMBX_CORPUS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "progress.h"

/* Marks a line end (sentence boundary) in the id stream. */
#define CORPUS_EOS UINT32_MAX
/* Longer words are cut to this many bytes. */
#define CORPUS_MAX_WORD 255

struct corpus_opts {
    bool lowercase;       /* fold ASCII, Latin-1, Greek and Cyrillic capitals */
    uint64_t min_count;   /* keep words seen at least this often (>= 1) */
};

typedef struct corpus {
    size_t nwords;        /* kept words = rows, most frequent first */
    char **words;         /* nwords pointers into blob */
    char *blob;           /* nwords NUL-terminated words in row order */
    size_t blob_len;
    uint64_t *counts;     /* occurrences of each kept word */
    uint64_t ntokens;     /* tokens in the file */
    uint64_t nkept;       /* tokens whose word was kept (= ids other than EOS) */
    size_t ndistinct;     /* distinct words before min-count */
    uint64_t max_count;   /* count of the most frequent word */
    const uint32_t *ids;  /* nids entries: row ids and CORPUS_EOS */
    size_t nids;
    /* private */
    void *map; size_t map_len;
} corpus;

/* Reads path and builds the vocabulary and id stream. Errors name the file
 * (missing, unreadable, empty, nothing left after min-count). */
int corpus_load(const char *path, const struct corpus_opts *o, progress *p,
                corpus **out, embx_err *e);
/* Frees the corpus and its mapping (NULL is fine). */
void corpus_free(corpus *c);
/* Hands the word blob to the caller (the corpus no longer frees it). */
char *corpus_take_blob(corpus *c, size_t *len);

#endif
