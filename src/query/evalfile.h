/* evalfile: benchmark files. Tells the kinds apart by content (word-pair
 * similarity, analogy questions, categorization, outlier detection), reads
 * categorization and outlier files, and holds the line helpers the other
 * readers (evaluate.c) share. Malformed lines are collected as
 * "FILE:LINE: why" messages for the caller to show. */
#ifndef EMBX_EVALFILE_H
#define EMBX_EVALFILE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include "error.h"

#define EVAL_MAX_MESSAGES 5            /* malformed-line messages kept */

struct eval_messages {
    char msg[EVAL_MAX_MESSAGES][320];
    size_t n;               /* kept */
    size_t count;           /* malformed lines in all */
};

enum evalset_kind { EVALSET_UNKNOWN = 0, EVALSET_SIM, EVALSET_ANALOGY, EVALSET_CAT, EVALSET_OUTLIER };

/* "similarity", "analogy", "categorization", "outlier" or "unknown". */
const char *evalset_kind_name(enum evalset_kind k);

/* Looks at the first 200 data lines of path: ': section' lines and 4-word
 * questions = analogy; 'group'/'in'/'out' blocks = outlier; WORD WORD NUMBER
 * = similarity; CATEGORY<TAB>WORD = categorization. EVALSET_UNKNOWN with the
 * reason in why when none fits; fails only when the file cannot be read. */
int evalfile_detect(const char *path, enum evalset_kind *kind, char *why, size_t whylen, embx_err *e);

/* A categorization set: word i belongs to category cat[i]. */
struct eval_catset {
    char **words;
    size_t *cat;
    size_t n;
    char **cats;            /* category names, in first-seen order */
    size_t ncats;
    struct eval_messages bad;
};
/* Reads CATEGORY<TAB>WORD lines ('#' comments; blank-separated when there is
 * no tab). Fails on unreadable files and files without a category line. */
int evalfile_read_categories(const char *path, struct eval_catset *s, embx_err *e);
void eval_catset_free(struct eval_catset *s);

struct eval_outgroup {
    char *name;
    char **in, **out;       /* the cluster's words, and its outliers */
    size_t nin, nout;
};
/* An outlier-detection set (Camacho-Collados and Navigli's 8-8-8 layout). */
struct eval_outset {
    struct eval_outgroup *g;
    size_t n;
    struct eval_messages bad;
};
/* Reads blocks of 'group NAME', 'in W...', 'out W...' lines ('#' comments).
 * Fails on unreadable files and files without a complete group. */
int evalfile_read_outliers(const char *path, struct eval_outset *s, embx_err *e);
void eval_outset_free(struct eval_outset *s);

/* ---- line helpers shared by the readers ---- */

/* Records a malformed line (the first EVAL_MAX_MESSAGES are kept). */
void evalfile_bad_line(struct eval_messages *m, const char *path, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Drops the line end (\n, \r\n) of s, updating *len. */
void evalfile_chomp(char *s, ssize_t *len);
/* Splits s in place at runs of blanks (sep 0) or at each `sep` character;
 * returns the field count (fields past max are counted, not stored). */
size_t evalfile_split(char *s, char **f, size_t max, char sep);
/* Opens a benchmark file for reading, or sets e. */
FILE *evalfile_open(const char *path, embx_err *e);
/* True when s holds only blanks. */
bool evalfile_blank(const char *s);
/* Parses a whole field as a finite number. */
bool evalfile_number(const char *s, double *out);

#endif
