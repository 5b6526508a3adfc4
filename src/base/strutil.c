/* strutil: string helpers (see strutil.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "strutil.h"
#include "utf8.h"

size_t str_split(char *s, char sep, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = s;
    for (char *c = s; *c && n < max; c++)
        if (*c == sep) { *c = '\0'; f[n++] = c + 1; }
    return n;
}

bool str_ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

char *str_join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, name);
    return p;
}

bool str_parse_long(const char *s, long *out)
{
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end) return false;
    *out = v;
    return true;
}

bool str_parse_double(const char *s, double *out)
{
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v)) return false;
    *out = v;
    return true;
}

void str_escape(const char *word, char *buf, size_t len)
{
    size_t o = 0, n = strlen(word);
    if (len == 0) return;
    const unsigned char *s = (const unsigned char *)word;
    size_t i = 0;
    while (i < n && o + 5 < len) {
        unsigned c = s[i];
        if (c < 0x20 || c == 0x7f) {
            o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
            i++;
            continue;
        }
        if (c < 0x80) { buf[o++] = (char)c; i++; continue; }
        size_t l = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (l > 1 && i + l <= n && utf8_valid(word + i, l) && o + l < len) {
            memcpy(buf + o, word + i, l);
            o += l;
            i += l;
        } else {
            o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
            i++;
        }
    }
    buf[o] = '\0';
}

void str_put_word(FILE *fp, const char *word)
{
    size_t n = strlen(word);
    if (utf8_valid(word, n)) {
        bool ctrl = false;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)word[i] < 0x20 || word[i] == 0x7f) { ctrl = true; break; }
        if (!ctrl) { fputs(word, fp); return; }
    }
    char *buf = malloc(n * 4 + 1);
    if (!buf) return;
    str_escape(word, buf, n * 4 + 1);
    fputs(buf, fp);
    free(buf);
}

void str_put_field(FILE *fp, const char *word)
{
    if (strpbrk(word, "\t\r\n")) str_put_word(fp, word);
    else fputs(word, fp);
}
