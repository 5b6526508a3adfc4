/* registry: every table file format as one descriptor (in the manner of
 * git's refs_backends[]): its name, aliases, file-name suffixes, content
 * detection, reader, writer and whether gzip applies. Format names in error
 * messages, option help, completion, the `formats` listing and "the format
 * of an output file from its name" are all derived from this one array, so
 * adding a format is one descriptor plus its reader and writer. */
#ifndef EMBX_REGISTRY_H
#define EMBX_REGISTRY_H
#include <stdbool.h>
#include <stddef.h>
#include "formats.h"

/* One 2-D array found in a multi-tensor file (npz, safetensors, PyTorch). */
struct tensor_info {
    char name[256];
    size_t rows, cols;
    char dtype[16];
};

struct tensor_list {
    struct tensor_info *v;
    size_t n, cap;
    size_t others;        /* tensors that are not 2-D (not listed) */
};

struct format_desc {
    /* Stable number recorded in cache files: never reuse one. */
    enum embx_format code;
    const char *name;
    const char *aliases[4];    /* other names --format accepts */
    const char *suffixes[4];   /* file-name endings (lower case, before any .gz) */
    const char *summary;       /* one line for `formats` and the man page */
    /* True when the first bytes of a (not gzipped) file are this format. */
    bool (*detect)(const unsigned char *head, size_t len);
    int (*read)(const char *path, const struct read_opts *o, embx_table **out,
                struct read_report *r, embx_err *e);
    /* NULL: read-only. gz only when .gzip. */
    int (*write)(const embx_table *t, const char *path, bool gz, embx_err *e);
    /* Multi-tensor files: every 2-D tensor (NULL when a file holds one table). */
    int (*list)(const char *path, struct tensor_list *out, embx_err *e);
    bool gzip;                 /* may be gzip-compressed (read and write) */
    bool cache;                /* parsing is slow enough to keep a native copy */
};

/* The registry, in detection order; ends with a zeroed entry. */
extern const struct format_desc format_registry[];

/* The descriptor of a code, or NULL. */
const struct format_desc *format_by_code(enum embx_format code);
/* The descriptor named name or one of its aliases (case-insensitive), or NULL. */
const struct format_desc *format_by_name(const char *name);
/* "glove, word2vec, ..." of the formats that can be read (writable=false)
 * or written (writable=true), into buf. Returns buf. */
const char *format_names(char *buf, size_t len, bool writable);
/* The format of the first bytes of a file (a gzip stream counts as text:
 * its reader detects inside); the text family when nothing else matches. */
const struct format_desc *format_detect_head(const unsigned char *head, size_t len);

/* The one rule for "format of an output file": --format when given (an
 * unknown or read-only name is an error listing the writable ones), else
 * the file name's suffix (after removing .gz, which means gzip), else
 * fallback. Fails for gzip of a format that cannot be compressed. */
int format_for_output(const char *path, const char *requested, const struct format_desc *fallback,
                      const struct format_desc **out, bool *gz, embx_err *e);
/* Writes t to path in format d (gzip if gz). */
int format_write(const struct format_desc *d, const embx_table *t, const char *path, bool gz,
                 embx_err *e);

/* Appends a tensor to a list (names longer than the field are cut). */
int tensor_list_add(struct tensor_list *l, const char *name, size_t rows, size_t cols,
                    const char *dtype, embx_err *e);
void tensor_list_free(struct tensor_list *l);
/* Picks want (or the only one when want is NULL) from l; else an error
 * naming path and listing the 2-D tensors with their shapes. */
int tensor_choose(const char *path, const struct tensor_list *l, const char *want, size_t *pick, embx_err *e);

#endif
