/* formats: readers and writers for GloVe text, word2vec text, fastText .vec,
 * word2vec binary (each optionally gzip-compressed) and detection from
 * content. The native .embx format lives in native.h. */
#ifndef EMBX_FORMATS_H
#define EMBX_FORMATS_H
#include <stdbool.h>
#include <stddef.h>
#include "table.h"
#include "progress.h"

enum embx_format {
    FMT_AUTO = 0,
    FMT_GLOVE,        /* word v1 .. vD, no header */
    FMT_WORD2VEC,     /* "N D" header, then text rows */
    FMT_FASTTEXT,     /* same layout as FMT_WORD2VEC (fastText .vec) */
    FMT_WORD2VEC_BIN, /* "N D\n" then word, space, D little-endian float32 */
    FMT_EMBX          /* native, see native.h */
    /* further formats take their code in their registry.c descriptor */
};

struct read_opts {
    enum embx_format format;  /* FMT_AUTO: detect from content */
    size_t limit;             /* 0 = all rows, else the first `limit` rows */
    bool skip_bad;            /* skip malformed rows instead of failing */
    int threads;              /* 0 = all cores */
    bool quiet;               /* no progress output */
    const char *tensor;       /* multi-tensor files: the one to open (NULL: the only 2-D one) */
};

struct read_report {
    enum embx_format format;  /* what was read */
    bool gzip;
    size_t rows;              /* rows in the table */
    size_t skipped;           /* malformed rows skipped (skip_bad) */
    char first_skip[256];     /* "FILE:LINE: why" of the first skipped row */
    bool bom, crlf;
    struct table_notes notes;
    char header_note[512];    /* skip_bad kept fewer rows than the header claims: says so */
    bool from_cache;          /* load_table: opened the cached native copy */
    char cache_note[1024];     /* load_table: a stale/damaged cache that was
                                 rebuilt, or why the cache could not be
                                 written; empty when nothing to say */
};

/* Name of a format ("glove", "word2vec", "fasttext", "word2vec-bin", "embx"). */
const char *format_name(enum embx_format f);
/* Parses a format name (also accepts "bin", "vec", "w2v", "txt"); -1 if unknown. */
int format_parse(const char *name, enum embx_format *out);
/* Detects the format from the first bytes of a file (gzip already removed). */
enum embx_format format_detect(const unsigned char *buf, size_t len);

/* Reads a vector file in a text or word2vec binary format (plain or .gz).
 * Errors are "FILE:LINE: problem" (byte offsets for binary). */
int formats_read(const char *path, const struct read_opts *o, embx_table **out,
                 struct read_report *r, embx_err *e);

/* Writes the table in format f (not FMT_EMBX: see native_write), gzip if
 * gz; atomic (temp file + fsync + rename). Text uses %.9g so re-reading
 * gives the same float32 bits. */
int formats_write(const embx_table *t, const char *path, enum embx_format f,
                  bool gz, embx_err *e);

#endif
