/* json: recursive descent over the RFC 8259 grammar, nothing more. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

#define MAX_DEPTH 64

struct parser {
    const char *s, *p, *end;
    embx_err *e;
    int depth;
};

static int fail(struct parser *ps, const char *why)
{
    return err_set(ps->e, "JSON: %s at byte %zu", why, (size_t)(ps->p - ps->s));
}

static void ws(struct parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) ps->p++;
}

static int hex4(struct parser *ps, unsigned *v)
{
    if (ps->end - ps->p < 4) return fail(ps, "short \\u escape");
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        char c = *ps->p++;
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') x |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') x |= (unsigned)(c - 'A' + 10);
        else return fail(ps, "bad \\u escape");
    }
    *v = x;
    return EMBX_OK;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xc0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3f)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xe0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* A string: the decoded bytes are never longer than the quoted text. */
static int string(struct parser *ps, char **out, size_t *olen)
{
    ps->p++; /* opening quote */
    const char *q = ps->p;
    while (q < ps->end && *q != '"') q += *q == '\\' ? 2 : 1;
    if (q >= ps->end) return fail(ps, "unterminated string");
    char *buf = malloc((size_t)(q - ps->p) + 1);
    if (!buf) return err_set(ps->e, "out of memory");
    size_t n = 0;
    while (*ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) { free(buf); return fail(ps, "control character in a string"); }
        if (c != '\\') { buf[n++] = (char)c; ps->p++; continue; }
        ps->p++;
        char x = *ps->p++;
        switch (x) {
        case '"': buf[n++] = '"'; break;
        case '\\': buf[n++] = '\\'; break;
        case '/': buf[n++] = '/'; break;
        case 'b': buf[n++] = '\b'; break;
        case 'f': buf[n++] = '\f'; break;
        case 'n': buf[n++] = '\n'; break;
        case 'r': buf[n++] = '\r'; break;
        case 't': buf[n++] = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (hex4(ps, &cp)) { free(buf); return EMBX_ERR; }
            if (cp >= 0xd800 && cp < 0xdc00) {
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u') { free(buf); return fail(ps, "lone surrogate"); }
                ps->p += 2;
                if (hex4(ps, &lo)) { free(buf); return EMBX_ERR; }
                if (lo < 0xdc00 || lo > 0xdfff) { free(buf); return fail(ps, "bad surrogate pair"); }
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else if (cp >= 0xdc00 && cp < 0xe000) {
                free(buf);
                return fail(ps, "lone surrogate");
            }
            n += put_utf8(buf + n, cp);
            break;
        }
        default: free(buf); return fail(ps, "bad escape");
        }
    }
    ps->p++;
    buf[n] = '\0';
    *out = buf;
    *olen = n;
    return EMBX_OK;
}

static int number(struct parser *ps, struct json *j)
{
    const char *st = ps->p;
    if (ps->p < ps->end && *ps->p == '-') ps->p++;
    if (ps->p >= ps->end) return fail(ps, "bad number");
    if (*ps->p == '0') ps->p++;
    else if (*ps->p >= '1' && *ps->p <= '9') while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    else return fail(ps, "bad number");
    bool integer = true;
    if (ps->p < ps->end && *ps->p == '.') {
        integer = false;
        ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad number");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        integer = false;
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad number");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    }
    char tmp[64];
    size_t l = (size_t)(ps->p - st);
    if (l >= sizeof tmp) {
        j->number = st[0] == '-' ? -INFINITY : INFINITY;
    } else {
        memcpy(tmp, st, l);
        tmp[l] = '\0';
        j->number = strtod(tmp, NULL);
    }
    j->type = JSON_NUMBER;
    if (integer && st[0] != '-') {
        uint64_t u = 0;
        bool ok = true;
        for (const char *c = st; c < ps->p; c++) {
            if (u > (UINT64_MAX - 9) / 10) { ok = false; break; }
            u = u * 10 + (uint64_t)(*c - '0');
        }
        j->is_uint = ok;
        j->uint = u;
    }
    return EMBX_OK;
}

static int value(struct parser *ps, struct json *j);

static int push(struct parser *ps, struct json *j, size_t *cap, bool keys)
{
    if (j->n < *cap) return EMBX_OK;
    size_t nc = *cap ? *cap * 2 : 4;
    struct json *it = realloc(j->items, nc * sizeof *it);
    if (!it) return err_set(ps->e, "out of memory");
    j->items = it;
    if (keys) {
        char **k = realloc(j->keys, nc * sizeof *k);
        if (!k) return err_set(ps->e, "out of memory");
        j->keys = k;
    }
    *cap = nc;
    return EMBX_OK;
}

static int compound(struct parser *ps, struct json *j, bool obj)
{
    if (++ps->depth > MAX_DEPTH) return fail(ps, "nested too deeply");
    j->type = obj ? JSON_OBJECT : JSON_ARRAY;
    ps->p++;
    size_t cap = 0;
    ws(ps);
    if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
        ps->p++;
        ps->depth--;
        return EMBX_OK;
    }
    for (;;) {
        if (push(ps, j, &cap, obj)) return EMBX_ERR;
        if (obj) {
            ws(ps);
            if (ps->p >= ps->end || *ps->p != '"') return fail(ps, "expected a key");
            size_t kl;
            if (string(ps, &j->keys[j->n], &kl)) return EMBX_ERR;
            ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(j->keys[j->n]);
                return fail(ps, "expected ':'");
            }
            ps->p++;
        }
        memset(&j->items[j->n], 0, sizeof j->items[j->n]);
        int rc = value(ps, &j->items[j->n]);
        j->n++;
        if (rc) return EMBX_ERR;
        ws(ps);
        if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
        if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) { ps->p++; break; }
        return fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    ps->depth--;
    return EMBX_OK;
}

static bool lit(struct parser *ps, const char *w)
{
    size_t l = strlen(w);
    if ((size_t)(ps->end - ps->p) >= l && memcmp(ps->p, w, l) == 0) {
        ps->p += l;
        return true;
    }
    return false;
}

static int value(struct parser *ps, struct json *j)
{
    ws(ps);
    if (ps->p >= ps->end) return fail(ps, "unexpected end");
    switch (*ps->p) {
    case '{': return compound(ps, j, true);
    case '[': return compound(ps, j, false);
    case '"': j->type = JSON_STRING; return string(ps, &j->str, &j->len);
    case 't': if (lit(ps, "true")) { j->type = JSON_BOOL; j->boolean = true; return EMBX_OK; } break;
    case 'f': if (lit(ps, "false")) { j->type = JSON_BOOL; return EMBX_OK; } break;
    case 'n': if (lit(ps, "null")) { j->type = JSON_NULL; return EMBX_OK; } break;
    default: return number(ps, j);
    }
    return fail(ps, "unexpected word");
}

int json_parse(const char *text, size_t len, struct json *out, embx_err *e)
{
    memset(out, 0, sizeof *out);
    struct parser ps = {text, text, text + len, e, 0};
    if (value(&ps, out)) {
        json_free(out);
        return EMBX_ERR;
    }
    ws(&ps);
    if (ps.p != ps.end) {
        json_free(out);
        return fail(&ps, "text after the value");
    }
    return EMBX_OK;
}

void json_free(struct json *j)
{
    for (size_t i = 0; i < j->n; i++) {
        json_free(&j->items[i]);
        if (j->keys) free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->str);
    memset(j, 0, sizeof *j);
}

const struct json *json_get(const struct json *obj, const char *key)
{
    if (obj->type != JSON_OBJECT) return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0) return &obj->items[i];
    return NULL;
}
