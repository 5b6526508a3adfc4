/* textrow: the fast path for one text row, in four versions.
 *
 * The portable one walks the row number by number: each number's end is where
 * the search for the next begins, so the parses wait on each other.
 *
 * The SIMD ones first find every field of the line from bit masks of 64
 * bytes (blanks, CR, LF; the starts written out by tzcnt, or by one byte
 * compress with AVX-512 VBMI2), then parse several fields at once, one per 64-bit
 * lane (eight with AVX-512, four with AVX2): the shape [-]digits[.digits] of
 * at most 10 bytes after the sign, with at most 8 digits once the point and
 * one leading zero are dropped, at most 8 after the point and at most
 * 2^24 - 1 as an integer, which is what GloVe-style files write. A lane
 * holding anything else is parsed by float_parse, which handles every shape;
 * a field it does not consume whole sends the row to the caller.
 *
 * Why a lane's float is strtof's: with m < 2^24 and k <= 8 fraction digits,
 * v = m / 10^k is never a float rounding midpoint (that would need
 * 5^k | m and a 25-bit odd numerator, so m >= 2^24), and is at least
 * 1 / (10^k 2^25) >= 2^-51.6 of itself away from any midpoint; the double
 * m * 10^-k (10^-k rounded once, the product once) is within 2^-52 + 2^-106
 * of v, so rounding it to float rounds as v itself would. */
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
#define TEXTROW_BITS "bmi,bmi2,popcnt" /* every SIMD parser's CPU has these */
#define TEXTROW_AVX512 "avx512f,avx512bw,avx512dq,avx512vl,avx512cd," TEXTROW_BITS
#define FIELDS_MAX 4097 /* the word and 4,096 values (16 KB of stack): wider rows go the portable way */
#define FIELD_SLACK 64  /* a 64-byte step writes up to 64 positions past the count; 4 sentinels */

/* Appends the positions base + i of the set bits i of bits to out[at..];
 * returns the new count. Writes eight slots whatever the count (most steps
 * have about eight fields), so the loop rarely mispredicts. */
__attribute__((target(TEXTROW_BITS), always_inline)) static inline size_t flatten(uint32_t *out, size_t at,
                                                                                uint64_t bits, uint32_t base)
{
    size_t cnt = (size_t)_mm_popcnt_u64(bits);
    uint32_t *o = out + at;
    for (int i = 0; i < 8; i++) { /* tzcnt of 0 is 64: junk past the count */
        o[i] = base + (uint32_t)_tzcnt_u64(bits);
        bits = _blsr_u64(bits);
    }
    for (int i = 8; bits; i++) {
        o[i] = base + (uint32_t)_tzcnt_u64(bits);
        bits = _blsr_u64(bits);
    }
    return at + cnt;
}

/* The bytes of one 64-byte step of a line: delimiters (blank, CR, LF), LFs,
 * CRs and control bytes (< ' ') other than tab, CR and LF. */
struct step_masks {
    uint64_t delim, lf, cr, ctrl;
};
typedef void (*step_masks_fn)(const char *p, struct step_masks *m);
typedef size_t (*flatten_fn)(uint32_t *out, size_t at, uint64_t bits, uint32_t base);

enum { SCAN_FIELDS, SCAN_REJECT, SCAN_PORTABLE };

/* The fields of group k that the lanes handed back (bit i: field k + i),
 * parsed one by one; false when one is not a finite number that ends where
 * its field does. */
static inline bool redo_fields(const char *p, const char *end, const uint32_t *vs, size_t k, unsigned redo,
                               float *dst)
{
    for (; redo; redo &= redo - 1) {
        size_t i = k + (size_t)__builtin_ctz(redo);
        const char *q = float_parse(p + vs[i], end, &dst[i]);
        if (!q || (unsigned char)*q > ' ' || !isfinite(dst[i])) return false;
    }
    return true;
}

/* The outputs of a row the SIMD parsers took whole. */
static inline bool row_taken(const char *p, size_t eol, size_t crpos, size_t wend, const char **word,
                             size_t *wlen, const char **next, bool *cr)
{
    if (crpos) *cr = true;
    *word = p;
    *wlen = wend;
    *next = p + eol + 1;
    return true;
}

/* Finds the fields of the line at p: st[0..dim] their starts (st[0] = 0,
 * the word) and st[dim + 1] one past the last one's end, plus one; *eol the
 * LF, *crpos the CR before it (0: none), *wend the word's end. Returns
 * SCAN_FIELDS when the line has the word and exactly dim values separated by
 * one delimiter each (trailing blanks allowed), SCAN_REJECT when it is not
 * a plain row (the general parser decides), SCAN_PORTABLE when the portable
 * parser should take it (more than FIELDS_MAX fields, the line end not within
 * reach of whole 64-byte steps and 16 bytes more, or runs of blanks). st
 * holds FIELDS_MAX + FIELD_SLACK entries; st[dim + 1 .. dim + 4] are set, so
 * a group of lanes may load past the last field. Inlined into each SIMD
 * parser with its own masks and flatten. */
__attribute__((target(TEXTROW_BITS), always_inline)) static inline int scan_fields(const char *p, const char *end, size_t dim,
                                                           uint32_t *st, step_masks_fn masks, flatten_fn fl,
                                                           size_t *eol, size_t *crpos, size_t *wend)
{
    if (dim + 1 > FIELDS_MAX) return SCAN_PORTABLE;
    size_t ns = 0, cr = 0, we = 0, lf_at = 0, twice = SIZE_MAX;
    uint64_t carry = 1; /* the line starts after a delimiter */
    for (size_t o = 0;; o += 64) {
        /* the 64 bytes, and 16 past them for the fields' loads */
        if ((size_t)(end - p) < o + 64 + 16) return SCAN_PORTABLE;
        struct step_masks m;
        masks(p + o, &m);
        uint64_t d = m.delim;
        uint64_t keep = m.lf ? m.lf ^ (m.lf - 1) : ~0ULL; /* up to and including the LF */
        /* control bytes after the word: the general parser decides (a
         * field ends at its first byte <= ' ', which must be a delimiter) */
        uint64_t ctrl = m.ctrl & keep;
        if (!we) {
            uint64_t first = d & keep & (0 - (d & keep));
            if (first) we = o + (size_t)__builtin_ctzll(first);
            ctrl &= ~(first - 1); /* none after a word that goes on: ctrl = 0 */
        }
        if (ctrl) return SCAN_REJECT;
        uint64_t prev = (d << 1) | carry;
        carry = d >> 63;
        if (twice == SIZE_MAX && (d & prev & keep)) twice = o + (size_t)__builtin_ctzll(d & prev & keep);
        uint64_t ret = m.cr & keep;
        if (ret) { /* one CR, right before the LF (checked below) */
            if (cr || (ret & (ret - 1))) return SCAN_REJECT;
            cr = o + (size_t)__builtin_ctzll(ret);
        }
        ns = fl(st, ns, ~d & prev & keep, (uint32_t)o); /* a field starts after a delimiter */
        if (m.lf) {
            lf_at = o + (size_t)__builtin_ctzll(m.lf);
            break;
        }
        if (ns > dim + 1) return SCAN_REJECT; /* too many fields */
    }
    if (ns != dim + 1 || st[0] != 0) return SCAN_REJECT;
    if (cr && cr != lf_at - 1) return SCAN_REJECT;
    /* the last field ends before the line's trailing blanks (word2vec's
     * own tool writes one); one delimiter between all fields before that,
     * else the fields' ends are not where the parsers take them to be */
    size_t last = cr ? cr : lf_at;
    while (blank(p[last - 1])) last--;
    if (twice < last) return SCAN_PORTABLE;
    /* where a field after the last would start */
    st[dim + 1] = st[dim + 2] = st[dim + 3] = st[dim + 4] = (uint32_t)(last + 1);
    *eol = lf_at;
    *crpos = cr;
    *wend = we;
    return SCAN_FIELDS;
}

__attribute__((target(TEXTROW_AVX512))) static void masks_avx512(const char *p, struct step_masks *m)
{
    __m512i c = _mm512_loadu_si512((const void *)p);
    uint64_t lf = _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8('\n'));
    uint64_t cr = _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8('\r'));
    uint64_t tab = _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8('\t'));
    m->lf = lf;
    m->cr = cr;
    m->delim = lf | cr | tab | _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8(' '));
    m->ctrl = _mm512_cmplt_epu8_mask(c, _mm512_set1_epi8(' ')) & ~(lf | cr | tab);
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

/* The AVX-512 row parser over the field starts flatten writes. */
__attribute__((target(TEXTROW_AVX512), always_inline)) static inline bool
parse_avx512_with(const char *p, const char *end, size_t dim, float *dst, const char **word, size_t *wlen,
                  const char **next, bool *cr, flatten_fn fl)
{
    uint32_t st[FIELDS_MAX + FIELD_SLACK];
    size_t eol, crpos, wend;
    int sc = scan_fields(p, end, dim, st, masks_avx512, fl, &eol, &crpos, &wend);
    if (sc != SCAN_FIELDS)
        return sc == SCAN_PORTABLE && textrow_parse_portable(p, end, dim, dst, word, wlen, next, cr);
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
        if (!redo_fields(p, end, vs, k, redo, dst)) return false;
    }
    return row_taken(p, eol, crpos, wend, word, wlen, next, cr);
}

__attribute__((target(TEXTROW_AVX512))) static bool parse_avx512(const char *p, const char *end, size_t dim,
                                                                float *dst, const char **word, size_t *wlen,
                                                                const char **next, bool *cr)
{
    return parse_avx512_with(p, end, dim, dst, word, wlen, next, cr, flatten);
}

#define TEXTROW_VBMI2 TEXTROW_AVX512 ",avx512vbmi2"

/* flatten with one compress: the set bits' positions as bytes, widened to
 * 32 bits 16 at a time (most 64-byte steps hold fewer than 16 fields). */
__attribute__((target(TEXTROW_VBMI2), always_inline)) static inline size_t flatten_vbmi2(uint32_t *out, size_t at,
                                                                                       uint64_t bits, uint32_t base)
{
    static const uint8_t iota[64] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                     16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
                                     32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
                                     48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63};
    size_t cnt = (size_t)_mm_popcnt_u64(bits);
    __m512i pos = _mm512_maskz_compress_epi8(bits, _mm512_loadu_si512((const void *)iota));
    __m512i b = _mm512_set1_epi32((int)base);
    uint32_t *o = out + at;
    _mm512_storeu_si512((void *)o, _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(pos)), b));
    if (cnt > 16) {
        _mm512_storeu_si512((void *)(o + 16), _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(pos, 1)), b));
        _mm512_storeu_si512((void *)(o + 32), _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(pos, 2)), b));
        _mm512_storeu_si512((void *)(o + 48), _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(pos, 3)), b));
    }
    return at + cnt;
}

__attribute__((target(TEXTROW_VBMI2))) static bool parse_avx512vbmi2(const char *p, const char *end, size_t dim,
                                                                    float *dst, const char **word, size_t *wlen,
                                                                    const char **next, bool *cr)
{
    return parse_avx512_with(p, end, dim, dst, word, wlen, next, cr, flatten_vbmi2);
}

#define TEXTROW_AVX2 "avx2," TEXTROW_BITS

__attribute__((target(TEXTROW_AVX2))) static void masks_avx2(const char *p, struct step_masks *m)
{
    uint64_t lf = 0, cr = 0, tab = 0, sp = 0, ctl = 0;
    for (int h = 0; h < 2; h++) {
        __m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * h));
        int sh = 32 * h;
        lf |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, _mm256_set1_epi8('\n'))) << sh;
        cr |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, _mm256_set1_epi8('\r'))) << sh;
        tab |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, _mm256_set1_epi8('\t'))) << sh;
        sp |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, _mm256_set1_epi8(' '))) << sh;
        /* c < ' ' unsigned: max(c, 31) is 31 */
        __m256i lo = _mm256_cmpeq_epi8(_mm256_max_epu8(c, _mm256_set1_epi8(31)), _mm256_set1_epi8(31));
        ctl |= (uint64_t)(uint32_t)_mm256_movemask_epi8(lo) << sh;
    }
    m->lf = lf;
    m->cr = cr;
    m->delim = lf | cr | tab | sp;
    m->ctrl = ctl & ~(lf | cr | tab);
}

/* parse8's wide kind on four 64-bit lanes: the fields of the first n lanes
 * (1..4), starting at p + at[i] and len[i] bytes long, into dst[i]; returns
 * the lanes (bits 0..3) to be parsed again one by one. AVX2 has no mask
 * registers, 64-bit lzcnt or unsigned 64-bit compares: lanes are masks of
 * all ones, the point's place is counted with sad_epu8, and every length is
 * small enough for signed compares. */
__attribute__((target(TEXTROW_AVX2))) static inline unsigned parse4(const char *p, __m128i at32, __m128i len32,
                                                                  float *dst, unsigned n)
{
    static const double inv10[16] = {1e0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8};
    const __m256i ones = _mm256_set1_epi64x(-1), zero = _mm256_setzero_si256();
    const __m256i c8 = _mm256_set1_epi64x(8), c64 = _mm256_set1_epi64x(64);
    __m256i lanes = _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_set_epi64x(3, 2, 1, 0));
    __m256i at = _mm256_cvtepu32_epi64(at32);
    __m256i len = _mm256_cvtepu32_epi64(len32);
    __m256i v0 = _mm256_mask_i64gather_epi64(zero, (const long long *)(const void *)p, at, lanes, 1);
    __m256i v1 = _mm256_mask_i64gather_epi64(zero, (const long long *)(const void *)(p + 8), at, lanes, 1);
    /* a leading minus: drop it from the 16 bytes, keep the sign */
    __m256i neg = _mm256_cmpeq_epi64(_mm256_and_si256(v0, _mm256_set1_epi64x(0xff)), _mm256_set1_epi64x('-'));
    v0 = _mm256_blendv_epi8(v0, _mm256_or_si256(_mm256_srli_epi64(v0, 8), _mm256_slli_epi64(v1, 56)), neg);
    v1 = _mm256_blendv_epi8(v1, _mm256_srli_epi64(v1, 8), neg);
    len = _mm256_add_epi64(len, neg);
    __m256i ok = _mm256_and_si256(lanes, _mm256_and_si256(_mm256_cmpgt_epi64(len, zero),
                                                          _mm256_cmpgt_epi64(_mm256_set1_epi64x(11), len)));
    /* the field's bytes, digits as 0..9; the rest zero (a shift by 64 or
     * more gives 0) */
    __m256i len8 = _mm256_blendv_epi8(len, c8, _mm256_cmpgt_epi64(len, c8));
    __m256i t0 = _mm256_and_si256(_mm256_xor_si256(v0, _mm256_set1_epi8(0x30)),
                                  _mm256_srlv_epi64(ones, _mm256_sub_epi64(c64, _mm256_slli_epi64(len8, 3))));
    __m256i t1 = _mm256_and_si256(_mm256_xor_si256(v1, _mm256_set1_epi8(0x30)),
                                  _mm256_srlv_epi64(ones, _mm256_sub_epi64(c64, _mm256_slli_epi64(_mm256_sub_epi64(len, c8), 3))));
    t1 = _mm256_and_si256(t1, _mm256_cmpgt_epi64(len, c8));
    /* digits only, but for one point among the first 8 bytes */
    __m256i dotv = _mm256_cmpeq_epi8(t0, _mm256_set1_epi8('.' ^ 0x30));
    __m256i nd0 = _mm256_andnot_si256(_mm256_cmpeq_epi8(_mm256_subs_epu8(t0, _mm256_set1_epi8(9)), zero), ones);
    __m256i nd1 = _mm256_andnot_si256(_mm256_cmpeq_epi8(_mm256_subs_epu8(t1, _mm256_set1_epi8(9)), zero), ones);
    __m256i other = _mm256_or_si256(_mm256_andnot_si256(dotv, nd0), nd1);
    ok = _mm256_and_si256(ok, _mm256_cmpeq_epi64(other, zero));
    /* at most one point, with a digit before it and one after */
    __m256i low = _mm256_and_si256(dotv, _mm256_sub_epi64(zero, dotv));
    ok = _mm256_and_si256(ok, _mm256_cmpeq_epi64(dotv, _mm256_sub_epi64(_mm256_slli_epi64(low, 8), low)));
    __m256i hasdot = _mm256_andnot_si256(_mm256_cmpeq_epi64(dotv, zero), ones);
    __m256i high = _mm256_or_si256(dotv, _mm256_slli_epi64(dotv, 8)); /* the point's byte and above */
    high = _mm256_or_si256(high, _mm256_slli_epi64(high, 16));
    high = _mm256_or_si256(high, _mm256_slli_epi64(high, 32));
    __m256i above = _mm256_sad_epu8(_mm256_and_si256(high, _mm256_set1_epi8(1)), zero); /* 8 - its byte */
    __m256i frac = _mm256_and_si256(hasdot, _mm256_sub_epi64(_mm256_add_epi64(len, above), _mm256_set1_epi64x(9)));
    __m256i dotok = _mm256_and_si256(_mm256_cmpgt_epi64(c8, above), _mm256_cmpgt_epi64(frac, zero));
    ok = _mm256_and_si256(ok, _mm256_or_si256(_mm256_andnot_si256(hasdot, ones), dotok));
    /* drop the point: the digits after it move down one byte, bringing
     * byte 8 into the first word */
    __m256i down = _mm256_or_si256(_mm256_srli_epi64(t0, 8), _mm256_slli_epi64(t1, 56));
    t0 = _mm256_xor_si256(t0, _mm256_and_si256(_mm256_xor_si256(t0, down), high));
    t1 = _mm256_blendv_epi8(t1, _mm256_srli_epi64(t1, 8), hasdot);
    __m256i ndig = _mm256_add_epi64(len, hasdot);
    /* nine digits starting with a zero: drop the zero */
    __m256i lead0 = _mm256_and_si256(_mm256_cmpeq_epi64(ndig, _mm256_set1_epi64x(9)),
                                     _mm256_cmpeq_epi64(_mm256_and_si256(t0, _mm256_set1_epi64x(0xff)), zero));
    t0 = _mm256_blendv_epi8(t0, _mm256_or_si256(_mm256_srli_epi64(t0, 8), _mm256_slli_epi64(t1, 56)), lead0);
    ndig = _mm256_add_epi64(ndig, lead0);
    ok = _mm256_and_si256(ok, _mm256_and_si256(_mm256_cmpgt_epi64(_mm256_set1_epi64x(9), ndig),
                                               _mm256_cmpgt_epi64(_mm256_set1_epi64x(9), frac)));
    /* digits to the top of the lane, then combined: pairs, fours, eight */
    t0 = _mm256_sllv_epi64(t0, _mm256_slli_epi64(_mm256_sub_epi64(c8, ndig), 3));
    __m256i w16 = _mm256_maddubs_epi16(t0, _mm256_set1_epi16(0x010a));
    __m256i w32 = _mm256_madd_epi16(w16, _mm256_set1_epi32(0x00010064));
    __m256i m = _mm256_add_epi64(_mm256_mul_epu32(w32, _mm256_set1_epi64x(10000)), _mm256_srli_epi64(w32, 32));
    ok = _mm256_and_si256(ok, _mm256_cmpgt_epi64(_mm256_set1_epi64x(1 << 24), m));
    /* m < 2^24 in the lanes that count: the low halves as int32 */
    const __m256i evens = _mm256_set_epi32(7, 5, 3, 1, 6, 4, 2, 0);
    __m128i m32 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(m, evens));
    __m256d scale = _mm256_i64gather_pd(inv10, _mm256_and_si256(frac, _mm256_set1_epi64x(15)), 8);
    __m128 f = _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_cvtepi32_pd(m32), scale));
    __m128i neg32 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(neg, evens));
    f = _mm_or_ps(f, _mm_castsi128_ps(_mm_and_si128(neg32, _mm_set1_epi32(INT32_MIN))));
    __m128i lanes32 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(lanes, evens));
    _mm_maskstore_ps(dst, lanes32, f);
    return (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_andnot_si256(ok, lanes)));
}

__attribute__((target(TEXTROW_AVX2))) static bool parse_avx2(const char *p, const char *end, size_t dim,
                                                            float *dst, const char **word, size_t *wlen,
                                                            const char **next, bool *cr)
{
    uint32_t st[FIELDS_MAX + FIELD_SLACK];
    size_t eol, crpos, wend;
    int sc = scan_fields(p, end, dim, st, masks_avx2, flatten, &eol, &crpos, &wend);
    if (sc != SCAN_FIELDS)
        return sc == SCAN_PORTABLE && textrow_parse_portable(p, end, dim, dst, word, wlen, next, cr);
    /* the values: fields 1..dim (the last group may load up to st[dim + 4]) */
    const uint32_t *vs = st + 1;
    for (size_t k = 0; k < dim; k += 4) {
        unsigned n = dim - k >= 4 ? 4 : (unsigned)(dim - k);
        __m128i at = _mm_loadu_si128((const __m128i *)(const void *)(vs + k));
        __m128i len = _mm_sub_epi32(_mm_sub_epi32(_mm_loadu_si128((const __m128i *)(const void *)(vs + k + 1)), at),
                                    _mm_set1_epi32(1));
        if (!redo_fields(p, end, vs, k, parse4(p, at, len, dst + k, n), dst)) return false;
    }
    return row_taken(p, eol, crpos, wend, word, wlen, next, cr);
}

static bool cpu_has_bits(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
}

static bool cpu_has_avx2(void) { return cpu_has_bits() && __builtin_cpu_supports("avx2"); }

static bool cpu_has_avx512(void)
{
    return cpu_has_bits() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512cd");
}

textrow_fn textrow_variant(size_t i)
{
    switch (i) {
    case 0: return textrow_parse_portable;
    case 1: return cpu_has_avx2() ? parse_avx2 : NULL;
    case 2: return cpu_has_avx512() ? parse_avx512 : NULL;
    case 3: return cpu_has_avx512() && __builtin_cpu_supports("avx512vbmi2") ? parse_avx512vbmi2 : NULL;
    default: return NULL;
    }
}
#else
textrow_fn textrow_variant(size_t i) { return i == 0 ? textrow_parse_portable : NULL; }
#endif

textrow_fn textrow_best(void)
{
    textrow_fn best = textrow_parse_portable;
    for (size_t i = 1; i < TEXTROW_VARIANTS; i++)
        if (textrow_variant(i)) best = textrow_variant(i);
    return best;
}
