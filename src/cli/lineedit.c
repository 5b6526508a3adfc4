/* lineedit: a one-line edit buffer with readline's keys. See lineedit.h. */
#include <string.h>
#include "lineedit.h"
#include "utf8.h"

static bool is_cont(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

/* The start of the character before byte offset at. */
static size_t prev_char(const struct lineedit *le, size_t at)
{
    if (at == 0) return 0;
    at--;
    while (at > 0 && is_cont(le->buf[at])) at--;
    return at;
}

static size_t next_char(const struct lineedit *le, size_t at)
{
    if (at >= le->len) return le->len;
    at++;
    while (at < le->len && is_cont(le->buf[at])) at++;
    return at;
}

/* Removes bytes [from, to) and leaves the cursor at from. */
static bool cut(struct lineedit *le, size_t from, size_t to)
{
    if (from >= to) return false;
    memmove(le->buf + from, le->buf + to, le->len - to + 1);
    le->len -= to - from;
    le->pos = from;
    return true;
}

/* Ctrl-W stops at blanks and, so that it takes one part of a path at a time,
 * after a '/'. */
static bool word_sep(char c) { return c == ' ' || c == '\t' || c == '/'; }

void lineedit_init(struct lineedit *le, char *buf, size_t cap)
{
    le->buf = buf;
    le->cap = cap;
    le->len = cap ? strnlen(buf, cap - 1) : 0;
    if (cap) buf[le->len] = 0;
    le->pos = le->len;
}

void lineedit_set(struct lineedit *le, const char *text)
{
    if (!le->cap) return;
    size_t n = strlen(text);
    if (n > le->cap - 1) {
        n = le->cap - 1;
        while (n > 0 && is_cont(text[n])) n--;   /* never half a character */
    }
    memmove(le->buf, text, n);
    le->buf[n] = 0;
    le->len = le->pos = n;
}

bool lineedit_insert(struct lineedit *le, uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7f) return false;
    char enc[5];
    size_t n = utf8_encode(cp, enc);
    if (n == 0 || le->len + n + 1 > le->cap) return false;
    memmove(le->buf + le->pos + n, le->buf + le->pos, le->len - le->pos + 1);
    memcpy(le->buf + le->pos, enc, n);
    le->len += n;
    le->pos += n;
    return true;
}

bool lineedit_apply(struct lineedit *le, enum lineedit_key k)
{
    size_t old = le->pos, p;
    switch (k) {
    case LE_BACKSPACE: return cut(le, prev_char(le, le->pos), le->pos);
    case LE_DELETE: return cut(le, le->pos, next_char(le, le->pos));
    case LE_LEFT: le->pos = prev_char(le, le->pos); break;
    case LE_RIGHT: le->pos = next_char(le, le->pos); break;
    case LE_HOME: le->pos = 0; break;
    case LE_END: le->pos = le->len; break;
    case LE_KILL_START: return cut(le, 0, le->pos);
    case LE_KILL_END: {
        size_t end = le->len;
        bool changed = cut(le, le->pos, end);
        le->pos = old;
        return changed;
    }
    case LE_KILL_WORD:
        p = le->pos;
        while (p > 0 && word_sep(le->buf[p - 1])) p--;
        while (p > 0 && !word_sep(le->buf[p - 1])) p--;
        return cut(le, p, le->pos);
    default: return false;
    }
    return le->pos != old;
}

enum lineedit_key lineedit_control(uint32_t ch)
{
    switch (ch) {
    case 1: return LE_HOME;          /* Ctrl-A */
    case 2: return LE_LEFT;          /* Ctrl-B */
    case 4: return LE_DELETE;        /* Ctrl-D */
    case 5: return LE_END;           /* Ctrl-E */
    case 6: return LE_RIGHT;         /* Ctrl-F */
    case 8: case 127: return LE_BACKSPACE;
    case 11: return LE_KILL_END;     /* Ctrl-K */
    case 21: return LE_KILL_START;   /* Ctrl-U */
    case 23: return LE_KILL_WORD;    /* Ctrl-W */
    default: return 0;
    }
}
