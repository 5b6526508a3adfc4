/* floatparse: decimal text to float32, bit-identical to strtof (the short
 * shape is decoded inline in floatparse.h; this is everything else).
 *
 * Float path: the significant digits make m < 2^24 and the decimal exponent
 * is within +-10, so m and 10^|e| are exact floats and one float multiply or
 * divide is the correctly rounded result.
 *
 * Double path (Clinger): the significant digits fit a uint64 below 2^53 and
 * the decimal exponent is within +-22, so m and 10^|e| are exact doubles and
 * m * 10^e (or m / 10^-e) is the correctly rounded double of the true value.
 * Rounding that double to float gives the correctly rounded float unless the
 * double sits exactly on a float rounding midpoint (the true value may lie on
 * either side of it) or outside the normal float range (subnormal rounding
 * happens at a different bit, overflow needs ERANGE semantics). Those cases,
 * and every shape the fast path does not handle (hex, nan, inf, more than 19
 * digits), go to strtof in the C locale on a NUL-terminated copy. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strtof_l, newlocale */
#endif
#include <float.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "floatparse.h"

const float floatparse_pow10f[11] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f,
                                     1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

static const double pow10_exact[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static locale_t c_locale(void)
{
    /* strtof follows LC_NUMERIC; vector files always use '.', so the
     * fallback parses in the C locale whatever the program's locale is. */
    static locale_t loc;
    locale_t l = __atomic_load_n(&loc, __ATOMIC_ACQUIRE);
    if (!l) {
        l = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        locale_t expected = (locale_t)0;
        if (l && !__atomic_compare_exchange_n(&loc, &expected, l, false, __ATOMIC_ACQ_REL,
                                              __ATOMIC_ACQUIRE)) {
            freelocale(l);
            l = expected;
        }
    }
    return l;
}

/* Characters strtof may consume in some number shape (digits, sign, point,
 * exponent, hex digits, "inf"/"nan(...)"): bounds the copy for the fallback. */
static int numberish(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '.' || c == '+' || c == '-' || c == '(' || c == ')' || c == '_';
}

static const char *slow_parse(const char *s, const char *end, float *out)
{
    const char *q = s;
    while (q < end && numberish((unsigned char)*q)) q++;
    size_t len = (size_t)(q - s);
    char stackbuf[128];
    char *buf = len < sizeof stackbuf ? stackbuf : malloc(len + 1);
    if (!buf) return NULL;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *stop;
    locale_t l = c_locale();
    float v = l ? strtof_l(buf, &stop, l) : strtof(buf, &stop);
    size_t used = (size_t)(stop - buf);
    if (buf != stackbuf) free(buf);
    if (used == 0) return NULL;
    *out = v;
    return s + used;
}

static const double pow10_neg[23] = {
    1e0,   1e-1,  1e-2,  1e-3,  1e-4,  1e-5,  1e-6,  1e-7,  1e-8,  1e-9,  1e-10, 1e-11,
    1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20, 1e-21, 1e-22,
};

#define DROPPED_MASK ((1ULL << 29) - 1)
#define MIDPOINT (1ULL << 28)

/* m * 10^exp10 (m != 0) rounded to float exactly as strtof would, when the
 * Clinger conditions hold; else strtof. q is where the number text ends.
 *
 * Dividing by 10^k is slow, so m * 10^-k is tried first: 10^-k and the
 * product each add at most half an ulp of relative error, so the double
 * is within ~2 ulps of the true value. Rounding that double to float can
 * only differ from rounding the true value if a float midpoint (dropped
 * bits 1000...0) lies in between, so unless the dropped bits are within a
 * few units of the midpoint pattern the float is right; otherwise the
 * correctly rounded division decides. */
static inline const char *clinger(const char *s, const char *end, const char *q, uint64_t m,
                                  int exp10, int neg, float *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    /* m < 2^24 and 10^|exp10| <= 10^10 are exact floats: one IEEE operation
     * gives the correctly rounded float (the product stays below FLT_MAX,
     * the quotient above FLT_MIN) */
    if (m < (1ULL << 24) && exp10 >= -10 && exp10 <= 10) {
        float f = exp10 < 0 ? (float)m / floatparse_pow10f[-exp10] : (float)m * floatparse_pow10f[exp10];
        *out = neg ? -f : f;
        return q;
    }
#endif
    if (m >= (1ULL << 53) || exp10 < -22 || exp10 > 22) return slow_parse(s, end, out);
    double d = (double)m;
    uint64_t bits;
    if (exp10 < 0) {
        /* 1 <= m < 2^53 and 10^-22 keep the value inside the normal float
         * range, so only the midpoint question remains */
        double approx = d * pow10_neg[-exp10];
        memcpy(&bits, &approx, sizeof bits);
        uint64_t dropped = bits & DROPPED_MASK;
        uint64_t dist = dropped > MIDPOINT ? dropped - MIDPOINT : MIDPOINT - dropped;
        if (dist > 8) {
            float f = (float)approx;
            *out = neg ? -f : f;
            return q;
        }
        d /= pow10_exact[-exp10];
    } else {
        d *= pow10_exact[exp10];
    }
    if (d < FLT_MIN || d > FLT_MAX) return slow_parse(s, end, out);
    /* A double in the normal float range keeps 24 of its 53 significand bits;
     * the 29 dropped bits equal to exactly 1000...0 mean a midpoint, where
     * the true value may lie on either side. */
    memcpy(&bits, &d, sizeof bits);
    if ((bits & DROPPED_MASK) == MIDPOINT) return slow_parse(s, end, out);
    float f = (float)d;
    if (f > FLT_MAX) return slow_parse(s, end, out); /* rounded up to infinity */
    *out = neg ? -f : f;
    return q;
}

/* The general scanner: any length, exponents, leading zeros. */
static const char *parse_general(const char *s, const char *end, float *out)
{
    const char *p = s;
    if (p >= end) return NULL;
    int neg = 0;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    }
    uint64_t m = 0;
    int ndig = 0;       /* significant digits accumulated in m */
    int exp10 = 0;
    int any = 0;        /* saw at least one digit */
    int overflow = 0;   /* more than 19 significant digits */
    const char *q = p;
    while (q < end && *q == '0') q++;
    any = q > p;
    for (; q < end && (unsigned)(*q - '0') < 10; q++) {
        any = 1;
        if (ndig < 19) {
            m = m * 10 + (uint64_t)(*q - '0');
            ndig++;
        } else {
            overflow = 1;
            exp10++;
        }
    }
    if (q < end && *q == '.') {
        q++;
        if (ndig == 0)
            for (; q < end && *q == '0'; q++) {
                any = 1;
                exp10--;
            }
        for (; q < end && (unsigned)(*q - '0') < 10; q++) {
            any = 1;
            if (ndig < 19) {
                m = m * 10 + (uint64_t)(*q - '0');
                ndig++;
                exp10--;
            } else {
                overflow = 1;
            }
        }
    }
    if (!any) return slow_parse(s, end, out); /* inf, nan, ".", garbage */
    if (q < end && (*q == 'x' || *q == 'X') && q == p + 1 && *p == '0')
        return slow_parse(s, end, out); /* hexadecimal */
    if (q < end && (*q == 'e' || *q == 'E')) {
        const char *r = q + 1;
        int eneg = 0;
        if (r < end && (*r == '-' || *r == '+')) {
            eneg = *r == '-';
            r++;
        }
        if (r < end && (unsigned)(*r - '0') < 10) {
            int ev = 0;
            for (; r < end && (unsigned)(*r - '0') < 10; r++)
                if (ev < 100000) ev = ev * 10 + (*r - '0');
            exp10 += eneg ? -ev : ev;
            q = r;
        }
        /* else: "1e" or "1e+" ends before the 'e', as strtof does */
    }
    if (m == 0 && !overflow) {
        *out = neg ? -0.0f : 0.0f;
        return q;
    }
    if (overflow) return slow_parse(s, end, out);
    return clinger(s, end, q, m, exp10, neg, out);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static const uint64_t pow10_u64[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                       100000000};

/* Reads up to 8 decimal digits at p (8 readable bytes) at once: returns how
 * many lead the word and stores their value. */
static inline int digits8(const char *p, uint64_t *value)
{
    uint64_t v;
    memcpy(&v, p, 8);
    uint64_t t = v ^ 0x3030303030303030ULL;          /* digit bytes become 0..9 */
    uint64_t u = t & 0x7f7f7f7f7f7f7f7fULL;          /* no carry between bytes */
    uint64_t bad = ((u + 0x7676767676767676ULL) | t) & 0x8080808080808080ULL;
    int n = bad ? __builtin_ctzll(bad) >> 3 : 8;
    if (n == 0) {
        *value = 0;
        return 0;
    }
    if (n < 8) t <<= 8 * (8 - n);                    /* drop what follows, pad with zeros */
    t = (t * 10 + (t >> 8)) & 0x00ff00ff00ff00ffULL;
    t = (t * 100 + (t >> 16)) & 0x0000ffff0000ffffULL;
    t = (t * 10000 + (t >> 32)) & 0xffffffffULL;
    *value = t;
    return n;
}

/* Appends the run of digits at *q to m (nd digits so far, at most 19 in
 * all); returns how many were read, or -1 when the fast path cannot
 * continue (too many digits, or fewer than 8 bytes left to look at). */
static inline int digit_run(const char **q, const char *end, uint64_t *m, int *nd)
{
    int total = 0, n;
    do {
        uint64_t chunk;
        if (end - *q < 8) return -1;
        n = digits8(*q, &chunk);
        if (*nd + n > 19) return -1;
        *m = *m * pow10_u64[n] + chunk;
        *nd += n;
        *q += n;
        total += n;
    } while (n == 8);
    return total;
}
#endif

const char *float_parse_long(const char *s, const char *end, float *out)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* The usual shape, [-]digits[.digits] with at most 19 digits in all,
     * eight digits at a time; anything else takes the general scanner. */
    const char *q = s;
    int neg = 0;
    if (q < end && (*q == '-' || *q == '+')) {
        neg = *q == '-';
        q++;
    }
    uint64_t m = 0;
    int nd = 0, exp10 = 0;
    if (end - q >= 2 && (unsigned)(q[0] - '0') < 10 && q[1] == '.') {
        m = (uint64_t)(q[0] - '0'); /* the common single-digit integer part */
        nd = 1;
        q++;
    } else if (digit_run(&q, end, &m, &nd) < 0) {
        return parse_general(s, end, out);
    }
    if (q < end && *q == '.') {
        q++;
        int n = digit_run(&q, end, &m, &nd);
        if (n < 0) return parse_general(s, end, out);
        exp10 = -n;
    }
    if (nd == 0 || (q < end && (*q == 'e' || *q == 'E' || *q == 'x' || *q == 'X')))
        return parse_general(s, end, out);
    if (m == 0) {
        *out = neg ? -0.0f : 0.0f;
        return q;
    }
    return clinger(s, end, q, m, exp10, neg, out);
#else
    return parse_general(s, end, out);
#endif
}
