/* floatfmt: exact "%.9g" of a float.
 *
 * f = m * 2^e with m < 2^24. With X the decimal exponent of f, the nine
 * significant digits are D = round(f * 10^(8-X)), rounded to nearest with
 * ties to even as glibc does. For 10^-19 <= |f| every quantity involved fits
 * 128-bit integers: m * 10^k with k <= 27 is below 2^114, and a float of
 * 2^24 or more is an integer below 2^128. Smaller magnitudes go to
 * snprintf. Then the digits are laid out as %g does: fixed notation when
 * -4 <= X < 9, else d.dddddddde+XX, trailing zeros dropped. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "floatfmt.h"

typedef unsigned __int128 u128;

#define U19 10000000000000000000ULL

/* 10^k for 0 <= k <= 38 (10^38 < 2^128). */
static const u128 pow10_tab[39] = {
    (u128)1ULL,
    (u128)10ULL,
    (u128)100ULL,
    (u128)1000ULL,
    (u128)10000ULL,
    (u128)100000ULL,
    (u128)1000000ULL,
    (u128)10000000ULL,
    (u128)100000000ULL,
    (u128)1000000000ULL,
    (u128)10000000000ULL,
    (u128)100000000000ULL,
    (u128)1000000000000ULL,
    (u128)10000000000000ULL,
    (u128)100000000000000ULL,
    (u128)1000000000000000ULL,
    (u128)10000000000000000ULL,
    (u128)100000000000000000ULL,
    (u128)1000000000000000000ULL,
    (u128)U19,
    (u128)U19 * 10ULL,
    (u128)U19 * 100ULL,
    (u128)U19 * 1000ULL,
    (u128)U19 * 10000ULL,
    (u128)U19 * 100000ULL,
    (u128)U19 * 1000000ULL,
    (u128)U19 * 10000000ULL,
    (u128)U19 * 100000000ULL,
    (u128)U19 * 1000000000ULL,
    (u128)U19 * 10000000000ULL,
    (u128)U19 * 100000000000ULL,
    (u128)U19 * 1000000000000ULL,
    (u128)U19 * 10000000000000ULL,
    (u128)U19 * 100000000000000ULL,
    (u128)U19 * 1000000000000000ULL,
    (u128)U19 * 10000000000000000ULL,
    (u128)U19 * 100000000000000000ULL,
    (u128)U19 * 1000000000000000000ULL,
    (u128)U19 * U19,
};

static inline u128 pow10_128(int k) { return pow10_tab[k]; }

/* q = floor(f * 10^k) and whether the rest is below, at or above one half
 * (cmp -1, 0, 1); returns 0 when the numbers do not fit. */
static int scaled(uint32_t m, int e, int k, u128 *q, int *cmp)
{
    u128 rem, half_den;
    if (e >= 0) {
        u128 n = (u128)m << e;           /* e <= 104, m < 2^24: below 2^128 */
        if (k >= 0) {
            if (k > 27) return 0;
            *q = n * pow10_128(k);       /* k > 0 only when n < 10^9 */
            *cmp = -1;
            return 1;
        }
        if (-k > 38) return 0;
        u128 den = pow10_128(-k);
        *q = n / den;
        rem = n % den;
        /* compare rem with den / 2 (den is even) */
        half_den = den / 2;
        *cmp = rem < half_den ? -1 : rem > half_den ? 1 : 0;
        return 1;
    }
    int s = -e;
    if (k < 0 || k > 27 || s >= 120) return 0;
    u128 n = (u128)m * pow10_128(k);     /* below 2^114 */
    *q = n >> s;
    rem = n & (((u128)1 << s) - 1);
    half_den = (u128)1 << (s - 1);
    *cmp = rem < half_den ? -1 : rem > half_den ? 1 : 0;
    return 1;
}

static size_t fallback(float f, char *buf)
{
    int n = snprintf(buf, 20, "%.9g", (double)f);
    return n > 0 ? (size_t)n : 0;
}

size_t float_format9(float f, char *buf)
{
    uint32_t bits;
    memcpy(&bits, &f, 4);
    int neg = (int)(bits >> 31);
    uint32_t be = (bits >> 23) & 0xff, frac = bits & 0x7fffff;
    if (be == 0xff) return fallback(f, buf);
    if (be == 0 && frac == 0) {
        if (neg) memcpy(buf, "-0", 3);
        else memcpy(buf, "0", 2);
        return (size_t)(1 + neg);
    }
    if (be == 0) return fallback(f, buf); /* subnormal: far below 10^-19 */
    uint32_t m = frac | 0x800000u;
    int e = (int)be - 127 - 23;
    int E = (int)be - 127;                /* 2^E <= |f| < 2^(E+1) */
    /* floor(E * log10(2)), maybe one low; corrected below */
    int X = (E * 78913) >> 18;
    if (X < -19) return fallback(f, buf);
    u128 q;
    int cmp;
    for (int tries = 0;; tries++) {
        if (tries > 3 || !scaled(m, e, 8 - X, &q, &cmp)) return fallback(f, buf);
        if (q >= 1000000000u) X++;
        else if (q < 100000000u) X--;
        else break;
        if (X < -19) return fallback(f, buf);
    }
    uint32_t D = (uint32_t)q;
    if (cmp > 0 || (cmp == 0 && (D & 1))) D++;
    if (D == 1000000000u) {
        D = 100000000u;
        X++;
    }
    char dig[9];
    for (int i = 8; i >= 0; i--) {
        dig[i] = (char)('0' + D % 10);
        D /= 10;
    }
    int nd = 9;                           /* significant digits kept */
    char *p = buf;
    if (neg) *p++ = '-';
    if (X >= -4 && X < 9) {
        /* fixed: the fraction has 8 - X digits, trailing zeros dropped */
        int intd = X >= 0 ? X + 1 : 0;
        while (nd > intd && dig[nd - 1] == '0') nd--;
        if (X >= 0) {
            memcpy(p, dig, (size_t)intd);
            p += intd;
            if (nd > intd) {
                *p++ = '.';
                memcpy(p, dig + intd, (size_t)(nd - intd));
                p += nd - intd;
            }
        } else {
            *p++ = '0';
            *p++ = '.';
            for (int i = 0; i < -X - 1; i++) *p++ = '0';
            memcpy(p, dig, (size_t)nd);
            p += nd;
        }
    } else {
        while (nd > 1 && dig[nd - 1] == '0') nd--;
        *p++ = dig[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, dig + 1, (size_t)(nd - 1));
            p += nd - 1;
        }
        *p++ = 'e';
        int x = X;
        *p++ = x < 0 ? '-' : '+';
        if (x < 0) x = -x;
        if (x >= 10) *p++ = (char)('0' + x / 10);
        else *p++ = '0';
        *p++ = (char)('0' + x % 10);
    }
    *p = '\0';
    return (size_t)(p - buf);
}
