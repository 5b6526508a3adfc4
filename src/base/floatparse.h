/* floatparse: a decimal-to-float32 parser whose result is bit-identical to
 * strtof. The usual short shape ([+-]digits[.digits], at most 7 digits, as
 * GloVe and most vector files write them) is decoded inline, eight bytes at
 * a time; everything else goes to float_parse_long: an exact float or
 * Clinger-style double path with a midpoint check, falling back to strtof
 * when neither can be exact. */
#ifndef EMBX_FLOATPARSE_H
#define EMBX_FLOATPARSE_H
#include <float.h>
#include <stdint.h>
#include <string.h>

/* Parses one number from [s, end). On success stores it in *out and returns
 * a pointer just past it; returns NULL when no number starts at s. Leading
 * blanks are not skipped. NaN and infinities are parsed (the caller rejects). */
const char *float_parse_long(const char *s, const char *end, float *out);

/* Exact powers of ten as floats (10^10 = 2^10 * 5^10, 5^10 < 2^24). */
extern const float floatparse_pow10f[11];

/* The same contract as float_parse_long; inline for the short shape.
 *
 * Why it is exact: at most 7 digits make an integer m < 10^7 < 2^24 and at
 * most 6 of them after the point make 10^k with k <= 6; both are exact
 * floats, so m / 10^k is one IEEE division of exact operands: the correctly
 * rounded float of the decimal, which is what strtof returns. This needs
 * float arithmetic done in float (FLT_EVAL_METHOD 0, as on x86-64 SSE). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline const char *float_parse(const char *s, const char *end, float *out)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    if (end - s >= 9) { /* sign and the 8-byte word are readable */
        unsigned neg = *s == '-';
        const char *q = s + neg;
        uint64_t v;
        memcpy(&v, q, 8);
        uint64_t t = v ^ 0x3030303030303030ULL; /* digit bytes become 0..9 */
        uint64_t nd = (((t & 0x7f7f7f7f7f7f7f7fULL) + 0x7676767676767676ULL) | t) &
                      0x8080808080808080ULL;    /* high bit of each non-digit byte */
        /* a digit first ('+', '.', "inf" take the long way) */
        if (nd && !(nd & 0x80)) {
            int i = __builtin_ctzll(nd) >> 3;   /* the first non-digit, 1..7 */
            int stop = i, frac = 0;
            if (((v >> (8 * i)) & 0xff) == '.') {
                uint64_t nd2 = nd & (nd - 1);   /* the non-digits after the point */
                stop = nd2 ? __builtin_ctzll(nd2) >> 3 : 0;
                /* no digit after it, or no end within the word: the long way */
                frac = stop > i + 1 ? stop - i - 1 : -1;
                /* drop the point: the digits after it move down one byte */
                uint64_t high = ~0ULL << (8 * i);
                t ^= (t ^ (t >> 8)) & high;
            }
            /* the number ends at a blank, a line end or another control byte
             * (an exponent, a second point, hex: the long way) */
            if (frac >= 0 && ((v >> (8 * stop)) & 0xff) <= ' ') {
                int n = stop - (frac > 0);      /* digits */
                t <<= 8 * (8 - n);              /* drop what follows, pad with zeros */
                t = (t * 10 + (t >> 8)) & 0x00ff00ff00ff00ffULL;
                t = (t * 100 + (t >> 16)) & 0x0000ffff0000ffffULL;
                t = (t * 10000 + (t >> 32)) & 0xffffffffULL;
                float f = (float)(uint32_t)t / floatparse_pow10f[frac];
                uint32_t bits;
                memcpy(&bits, &f, 4);
                bits ^= neg << 31;
                memcpy(out, &bits, 4);
                return q + stop;
            }
        }
    }
#endif
    return float_parse_long(s, end, out);
}

#endif
