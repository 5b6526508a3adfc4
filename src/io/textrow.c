/* textrow: the fast path for one text row, in two versions.
 *
 * The portable one walks the row number by number: each number's end is where
 * the search for the next begins, so the parses wait on each other.
 *
 * The AVX-512 one first finds every field of the line from bit masks of 64
 * bytes (blanks, CR, LF), then parses eight fields at once, one per 64-bit
 * lane: the shape [-]digits[.digits] of at most eight bytes after the sign
 * and at most 2^24 - 1 as an integer, which is what GloVe-style files write.
 * A lane holding anything else is parsed by float_parse, which handles every
 * shape; a field it does not consume whole sends the row to the caller.
 *
 * Why a lane's float is strtof's: with m < 2^24 and k <= 7 fraction digits,
 * v = m / 10^k is never a float rounding midpoint (that would need
 * 5^k | m and a 25-bit odd numerator, so m >= 2^24), and is at least
 * 2^-48 of itself away from any midpoint; the double m * 10^-k is within
 * 2^-52 of v, so rounding it to float rounds as v itself would. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "floatparse.h"
#include "textrow.h"

static inline int blank(char c) { return c == ' ' || c == '\t'; }

bool textrow_parse_portable(const char *p, const char *end, size_t dim, float *dst,
                            const char **word, size_t *wlen, const char **next, bool *cr)
{
    const char *q = p;
    while (q < end && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r') q++;
    if (q == p || q == end || *q == '\n' || *q == '\r') return false;
    const char *w = p;
    size_t wl = (size_t)(q - p);
    bool finite = true;
    for (size_t k = 0; k < dim; k++) {
        if (q >= end || !blank(*q)) return false;
        do q++;
        while (q < end && blank(*q));
        /* what follows the number is checked by the next round (a blank)
         * or after the loop (blanks, CR, newline) */
        const char *r = float_parse(q, end, &dst[k]);
        if (!r) return false;
        finite &= isfinite(dst[k]) != 0;
        q = r;
    }
    while (q < end && blank(*q)) q++;
    bool saw_cr = false;
    if (q < end && *q == '\r') {
        q++;
        saw_cr = true;
    }
    if (q < end && *q != '\n') return false;
    if (!finite) return false;
    if (saw_cr) *cr = true;
    *word = w;
    *wlen = wl;
    *next = q < end ? q + 1 : end;
    return true;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TEXTROW_AVX512 "avx512f,avx512bw,avx512dq,avx512vl,avx512cd,bmi,bmi2,popcnt"
#define FIELDS_MAX 4097 /* the word and 4,096 values (16 KB of stack): wider rows go the portable way */
#define FIELD_SLACK 64  /* a 64-byte step writes up to 64 positions past the count */

/* Appends the positions base + i of the set bits i of bits to out[at..];
 * returns the new count. Writes eight slots whatever the count (most steps
 * have about eight fields), so the loop rarely mispredicts. */
__attribute__((target(TEXTROW_AVX512))) static inline size_t flatten(uint32_t *out, size_t at,
                                                                    uint64_t bits, uint32_t base)
{
    size_t cnt = (size_t)_mm_popcnt_u64(bits);
    uint32_t *o = out + at;
    for (int i = 0; i < 8; i++) {
        o[i] = base + (uint32_t)_tzcnt_u64(bits);
        bits = _blsr_u64(bits);
    }
    for (int i = 8; bits; i++) {
        o[i] = base + (uint32_t)_tzcnt_u64(bits);
        bits = _blsr_u64(bits);
    }
    return at + cnt;
}

/* Parses the 8 fields of the lanes in `lanes`, starting at p + at[i] and
 * len[i] bytes long, into dst[i]; returns the lanes whose field is not the
 * short shape (their dst is to be overwritten). The fields' bytes are all
 * above ' '. Reads 8 bytes from each field's start, 16 when wide.
 *
 * The short shape: [-]digits[.digits] of at most 8 bytes with the sign; when
 * wide, at most 10 bytes after the sign whose digits without the point are
 * at most 8 once one leading zero is dropped ("-0.0074364", "0.00066023"),
 * with at most 8 after the point. The narrow kind does less work, and most
 * rows of a file have fields of one kind. */
__attribute__((target(TEXTROW_AVX512), always_inline)) static inline __mmask8
parse8(const char *p, __m256i at32, __m256i len32, float *dst, __mmask8 lanes, const bool wide)
{
    const __m512i ones = _mm512_set1_epi64(-1), zero = _mm512_setzero_si512();
    const __m512i c8 = _mm512_set1_epi64(8), c64 = _mm512_set1_epi64(64);
    __m512i len = _mm512_cvtepu32_epi64(len32);
    __m512i at = _mm512_cvtepu32_epi64(at32);
    /* bytes 0..7 and 8..15 of each field */
    __m512i v0 = _mm512_mask_i64gather_epi64(zero, lanes, at, (const void *)p, 1);
    __m512i v1 = wide ? _mm512_mask_i64gather_epi64(zero, lanes, at, (const void *)(p + 8), 1) : zero;
    /* a leading minus: drop it, keep the sign for the end */
    __mmask8 neg = _mm512_cmpeq_epi64_mask(_mm512_and_si512(v0, _mm512_set1_epi64(0xff)),
                                           _mm512_set1_epi64('-'));
    if (wide) {
        v0 = _mm512_mask_or_epi64(v0, neg, _mm512_srli_epi64(v0, 8), _mm512_slli_epi64(v1, 56));
        v1 = _mm512_mask_srli_epi64(v1, neg, v1, 8);
    } else {
        v0 = _mm512_mask_srli_epi64(v0, neg, v0, 8);
    }
    len = _mm512_mask_sub_epi64(len, neg, len, _mm512_set1_epi64(1));
    __mmask8 ok = lanes & _mm512_cmpge_epi64_mask(len, _mm512_set1_epi64(1)) &
                  _mm512_cmple_epu64_mask(len, wide ? _mm512_set1_epi64(10) : c8);
    /* the field's bytes, digits as 0..9; the rest zero (a shift by 64 or
     * more gives 0) */
    __m512i t0 = _mm512_and_si512(_mm512_xor_si512(v0, _mm512_set1_epi8(0x30)),
                                  _mm512_srlv_epi64(ones, _mm512_sub_epi64(c64, _mm512_slli_epi64(_mm512_min_epu64(len, c8), 3))));
    __m512i t1 = wide ? _mm512_and_si512(_mm512_xor_si512(v1, _mm512_set1_epi8(0x30)),
                                         _mm512_srlv_epi64(ones, _mm512_sub_epi64(c64, _mm512_slli_epi64(_mm512_sub_epi64(len, c8), 3))))
                      : zero;
    /* digits only, but for one point among the first 8 bytes */
    __mmask64 dots = _mm512_cmpeq_epi8_mask(t0, _mm512_set1_epi8('.' ^ 0x30));
    __m512i other = _mm512_movm_epi8(_mm512_cmpgt_epu8_mask(t0, _mm512_set1_epi8(9)) & ~dots);
    if (wide) other = _mm512_or_si512(other, _mm512_movm_epi8(_mm512_cmpgt_epu8_mask(t1, _mm512_set1_epi8(9))));
    ok &= (__mmask8)~_mm512_test_epi64_mask(other, other);
    /* at most one point, with a digit before it and one after */
    __m512i dotv = _mm512_movm_epi8(dots);
    __m512i low = _mm512_and_si512(dotv, _mm512_sub_epi64(zero, dotv));
    ok &= _mm512_cmpeq_epi64_mask(dotv, _mm512_sub_epi64(_mm512_slli_epi64(low, 8), low));
    __mmask8 hasdot = _mm512_test_epi64_mask(dotv, dotv);
    __m512i dbit = _mm512_sub_epi64(_mm512_set1_epi64(63), _mm512_lzcnt_epi64(low)); /* 8 x its byte */
    __m512i frac = _mm512_maskz_sub_epi64(hasdot, _mm512_sub_epi64(len, _mm512_srli_epi64(dbit, 3)),
                                          _mm512_set1_epi64(1));
    ok &= (__mmask8)~hasdot | (_mm512_cmpge_epi64_mask(dbit, c8) &
                               _mm512_cmpge_epi64_mask(frac, _mm512_set1_epi64(1)));
    /* drop the point: the digits after it move down one byte (bringing
     * byte 8 into the first word) */
    __m512i high = _mm512_sllv_epi64(ones, dbit);
    __m512i down = _mm512_srli_epi64(t0, 8);
    if (wide) down = _mm512_or_si512(down, _mm512_slli_epi64(t1, 56));
    t0 = _mm512_mask_xor_epi64(t0, hasdot, t0, _mm512_and_si512(_mm512_xor_si512(t0, down), high));
    __m512i ndig = _mm512_mask_sub_epi64(len, hasdot, len, _mm512_set1_epi64(1));
    if (wide) {
        /* nine digits starting with a zero: drop the zero */
        t1 = _mm512_mask_srli_epi64(t1, hasdot, t1, 8);
        __mmask8 lead0 = _mm512_cmpeq_epi64_mask(ndig, _mm512_set1_epi64(9)) &
                         _mm512_testn_epi64_mask(t0, _mm512_set1_epi64(0xff));
        t0 = _mm512_mask_or_epi64(t0, lead0, _mm512_srli_epi64(t0, 8), _mm512_slli_epi64(t1, 56));
        ndig = _mm512_mask_sub_epi64(ndig, lead0, ndig, _mm512_set1_epi64(1));
        ok &= _mm512_cmple_epu64_mask(ndig, c8) & _mm512_cmple_epu64_mask(frac, c8);
    }
    /* digits to the top of the lane (leading zeros below), then combined:
     * pairs, fours, eight */
    t0 = _mm512_sllv_epi64(t0, _mm512_slli_epi64(_mm512_sub_epi64(c8, ndig), 3));
    __m512i w16 = _mm512_maddubs_epi16(t0, _mm512_set1_epi16(0x010a));
    __m512i w32 = _mm512_madd_epi16(w16, _mm512_set1_epi32(0x00010064));
    __m512i m = _mm512_add_epi64(_mm512_mul_epu32(w32, _mm512_set1_epi64(10000)), _mm512_srli_epi64(w32, 32));
    ok &= _mm512_cmplt_epu64_mask(m, _mm512_set1_epi64(1 << 24));
    const __m512d inv10lo = _mm512_set_pd(1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0);
    const __m512d inv10hi = _mm512_set_pd(0, 0, 0, 0, 0, 0, 0, 1e-8);
    __m512d scale = wide ? _mm512_permutex2var_pd(inv10lo, frac, inv10hi) : _mm512_permutexvar_pd(frac, inv10lo);
    __m512d d = _mm512_mul_pd(_mm512_cvtepu64_pd(m), scale);
    __m256i f = _mm256_castps_si256(_mm512_cvtpd_ps(d));
    f = _mm256_mask_or_epi32(f, neg, f, _mm256_set1_epi32(INT32_MIN));
    _mm256_mask_storeu_epi32(dst, lanes, f);
    return lanes & (__mmask8)~ok;
}

__attribute__((target(TEXTROW_AVX512))) static bool parse_avx512(const char *p, const char *end, size_t dim,
                                                                float *dst, const char **word,
                                                                size_t *wlen, const char **next, bool *cr)
{
    if (dim + 1 > FIELDS_MAX) return textrow_parse_portable(p, end, dim, dst, word, wlen, next, cr);
    uint32_t st[FIELDS_MAX + FIELD_SLACK];
    size_t ns = 0, crpos = 0, eol = 0, wend = 0, twice = SIZE_MAX;
    uint64_t carry = 1; /* the line starts after a delimiter */
    for (size_t o = 0;; o += 64) {
        /* the 64 bytes, and 16 past them for parse8's loads */
        if ((size_t)(end - p) < o + 64 + 16) return textrow_parse_portable(p, end, dim, dst, word, wlen, next, cr);
        __m512i c = _mm512_loadu_si512((const void *)(p + o));
        uint64_t lf = _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8('\n'));
        uint64_t ret = _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8('\r'));
        uint64_t tab = _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8('\t'));
        uint64_t d = lf | ret | tab | _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8(' '));
        uint64_t keep = lf ? _blsmsk_u64(lf) : ~0ULL; /* up to and including the LF */
        /* other control bytes after the word: the general parser decides
         * (a field ends at its first byte <= ' ', which must be a delimiter) */
        uint64_t ctrl = _mm512_cmplt_epu8_mask(c, _mm512_set1_epi8(' ')) & ~(lf | ret | tab) & keep;
        if (!wend) {
            uint64_t first = _blsi_u64(d & keep);
            if (first) wend = o + _tzcnt_u64(first);
            ctrl &= ~(first - 1); /* none after a word that goes on: ctrl = 0 */
        }
        if (ctrl) return false;
        uint64_t prev = (d << 1) | carry;
        carry = d >> 63;
        if (twice == SIZE_MAX && (d & prev & keep)) twice = o + _tzcnt_u64(d & prev & keep);
        ret &= keep;
        if (ret) { /* one CR, right before the LF (checked below) */
            if (crpos || _blsr_u64(ret)) return false;
            crpos = o + _tzcnt_u64(ret);
        }
        ns = flatten(st, ns, ~d & prev & keep, (uint32_t)o); /* a field starts after a delimiter */
        if (lf) {
            eol = o + _tzcnt_u64(lf);
            break;
        }
        if (ns > dim + 1) return false; /* too many fields */
    }
    if (ns != dim + 1 || st[0] != 0) return false;
    if (crpos && crpos != eol - 1) return false;
    /* the last field ends before the line's trailing blanks (word2vec's
     * own tool writes one); one delimiter between all fields before that,
     * else the fields' ends are not where parse8 takes them to be */
    size_t last = crpos ? crpos : eol;
    while (blank(p[last - 1])) last--;
    if (twice < last) return textrow_parse_portable(p, end, dim, dst, word, wlen, next, cr);
    st[dim + 1] = (uint32_t)(last + 1); /* where a field after it would start */
    /* the values: fields 1..dim */
    const uint32_t *vs = st + 1;
    for (size_t k = 0; k < dim; k += 8) {
        __mmask8 lanes = dim - k >= 8 ? 0xff : (__mmask8)((1u << (dim - k)) - 1);
        __m256i at = _mm256_maskz_loadu_epi32(lanes, vs + k);
        __m256i len = _mm256_sub_epi32(_mm256_sub_epi32(_mm256_maskz_loadu_epi32(lanes, vs + k + 1), at),
                                       _mm256_set1_epi32(1));
        __mmask8 redo = _mm256_mask_cmpgt_epu32_mask(lanes, len, _mm256_set1_epi32(8))
                            ? parse8(p, at, len, dst + k, lanes, true)
                            : parse8(p, at, len, dst + k, lanes, false);
        while (redo) {
            unsigned i = (unsigned)_tzcnt_u32(redo);
            redo &= (__mmask8)(redo - 1);
            const char *q = float_parse(p + vs[k + i], end, &dst[k + i]);
            if (!q || (unsigned char)*q > ' ' || !isfinite(dst[k + i])) return false;
        }
    }
    if (crpos) *cr = true;
    *word = p;
    *wlen = wend;
    *next = p + eol + 1;
    return true;
}

static bool cpu_has_avx512(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
}

textrow_fn textrow_best(void) { return cpu_has_avx512() ? parse_avx512 : textrow_parse_portable; }
#else
textrow_fn textrow_best(void) { return textrow_parse_portable; }
#endif
