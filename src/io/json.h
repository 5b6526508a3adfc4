/* json: a small strict JSON parser (RFC 8259) into a tree, for the headers
 * of safetensors files and HuggingFace tokenizer.json. Nesting is limited;
 * memory is bounded by the text's length. */
#ifndef EMBX_JSON_H
#define EMBX_JSON_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
    enum json_type type;
    bool boolean;
    double number;
    bool is_uint;          /* number is a non-negative integer held exactly in uint */
    uint64_t uint;
    char *str;             /* STRING: UTF-8, NUL-terminated (may hold NULs: see len) */
    size_t len;
    struct json *items;    /* ARRAY and OBJECT: n values */
    char **keys;           /* OBJECT: n keys */
    size_t n;
};

/* Parses text[0..len) as one JSON value. The error gives the byte offset. */
int json_parse(const char *text, size_t len, struct json *out, embx_err *e);
void json_free(struct json *j);
/* The value of key in an object, or NULL. */
const struct json *json_get(const struct json *obj, const char *key);

#endif
