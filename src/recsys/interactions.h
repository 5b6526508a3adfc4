/* interactions: reads a user-item interaction file (one interaction a line:
 * user, item, optional rating, optional timestamp; separated by "::", tab,
 * '|' or ','; optional header line) into dense user and item indices.
 * Covers MovieLens u.data, ratings.dat and ratings.csv. */
#ifndef EMBX_INTERACTIONS_H
#define EMBX_INTERACTIONS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "progress.h"

/* A set of distinct id strings, each with a dense index in order of first
 * appearance. */
struct id_set {
    size_t n, cap;
    char **ids;          /* n owned strings */
    uint32_t *slots;     /* open addressing: index+1, 0 = empty */
    size_t nslots;
};

/* Index of id, or -1. */
long id_set_find(const struct id_set *s, const char *id);
/* Index of id, adding it when new; -1 on allocation failure. */
long id_set_add(struct id_set *s, const char *id, size_t len);
void id_set_free(struct id_set *s);

struct interactions {
    size_t n;                 /* distinct (user, item) pairs */
    uint32_t *user, *item;    /* n indices into users / items */
    float *rating;            /* n ratings, NULL when the file has none */
    double *stamp;            /* n timestamps (4th column), NULL when the file has none */
    struct id_set users, items;
    float min_rating, max_rating;

    /* what the reader noticed (reported as notes by the command layer) */
    char sep[3];              /* separator found: "::", "\t", "|" or "," */
    bool header;              /* the first line was a header and was skipped */
    size_t lines;             /* data lines read */
    size_t duplicates;        /* repeated (user, item) pairs; the last rating wins */
    char first_duplicate[256];/* "FILE:LINE" of the first repeat */
    size_t single_users;      /* users with one interaction (kept) */
    size_t single_items;      /* items with one interaction (kept) */
};

/* Reads path. Errors name FILE:LINE and what is wrong there (missing item or
 * rating field, rating or timestamp that is not a finite number, ...). A file
 * with fewer than two distinct users or items is refused. p may be NULL. */
int interactions_read(const char *path, struct interactions *out, progress *p, embx_err *e);
/* Drops the items with fewer than min interactions and their interactions,
 * then the users left with none; indices are renumbered in order of first
 * appearance. The counts go to *items, *inter, *users. Fails with x
 * unchanged when fewer than two users or items would remain (out of memory:
 * x must be freed). */
int interactions_drop_rare(struct interactions *x, size_t min, size_t *items, size_t *inter, size_t *users,
                           embx_err *e);
/* Interactions per item (x->items.n entries, caller frees), or NULL. */
uint32_t *interactions_item_counts(const struct interactions *x);
void interactions_free(struct interactions *x);

#endif
