/* kernels: per-instruction-set scan loops (see kernels.h).
 *
 * A single query reads the whole matrix once, so what matters is keeping
 * the loads flowing: four rows are scored together (four independent
 * accumulator chains share each load of the query), and the tail of a row
 * that is not a multiple of the vector width is a masked load, not a scalar
 * loop. Each row has exactly one accumulator, so a row's sum is the same
 * sequence of operations in the four-row loop and in the one-row loop. */
#include "config.h"
#include <stdbool.h>
#include <string.h>
#include "kernels.h"

/* ---- baseline: GCC vector extensions (SSE2 on x86-64, any target) ---- */

typedef float v4f __attribute__((vector_size(16)));

static inline float hsum4(v4f a) { return (a[0] + a[2]) + (a[1] + a[3]); }

static inline v4f load4(const float *p)
{
    v4f x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* A row's sum from its vector accumulator and its scalar tail. */
static inline float finish4(v4f a, const float *r, size_t j, size_t dim, const float *q)
{
    float s = hsum4(a);
    for (; j < dim; j++) s += r[j] * q[j];
    return s;
}

static void dot_f32_base(const float *rows, size_t nb, size_t dim, const float *q, float *out)
{
    size_t d4 = dim / 4 * 4, i = 0;
    for (; i + 4 <= nb; i += 4) {
        const float *r0 = rows + i * dim, *r1 = r0 + dim, *r2 = r1 + dim, *r3 = r2 + dim;
        v4f a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
        for (size_t j = 0; j < d4; j += 4) {
            v4f x = load4(q + j);
            a0 += load4(r0 + j) * x;
            a1 += load4(r1 + j) * x;
            a2 += load4(r2 + j) * x;
            a3 += load4(r3 + j) * x;
        }
        out[i] = finish4(a0, r0, d4, dim, q);
        out[i + 1] = finish4(a1, r1, d4, dim, q);
        out[i + 2] = finish4(a2, r2, d4, dim, q);
        out[i + 3] = finish4(a3, r3, d4, dim, q);
    }
    for (; i < nb; i++) {
        const float *r0 = rows + i * dim;
        v4f a0 = {0};
        for (size_t j = 0; j < d4; j += 4) a0 += load4(r0 + j) * load4(q + j);
        out[i] = finish4(a0, r0, d4, dim, q);
    }
}

static void dot_i8_base(const int8_t *rows, size_t nb, size_t dim, const int8_t *q8, int32_t *out)
{
    for (size_t i = 0; i < nb; i++) {
        const int8_t *r = rows + i * dim;
        int32_t s = 0;
        for (size_t j = 0; j < dim; j++) s += (int32_t)r[j] * q8[j];
        out[i] = s;
    }
}

static const struct kernels k_base = {"baseline", dot_f32_base, dot_i8_base};

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_X86_KERNELS 1

/* The 4-row loops touch one cache line PREFETCH_ROWS rows ahead each step
 * (a quarter of those rows' lines): with two threads scanning, this kept
 * the hardware's streams running and took a 400,000 x 300 scan from 11.5
 * to 9.0 ms, level with OpenBLAS's sgemv, where prefetching every line was
 * slower. Prefetches never fault, so running past the matrix's end is
 * harmless, and they change no arithmetic. */
#define PREFETCH_ROWS 16

/* ---- AVX2 + FMA: 8 lanes ---- */

__attribute__((target("avx2,fma")))
static inline float hsum8(__m256 a)
{
    __m128 h = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    h = _mm_add_ps(h, _mm_movehl_ps(h, h));
    h = _mm_add_ss(h, _mm_movehdup_ps(h));
    return _mm_cvtss_f32(h);
}

__attribute__((target("avx2,fma")))
static void dot_f32_avx2(const float *rows, size_t nb, size_t dim, const float *q, float *out)
{
    size_t d8 = dim / 8 * 8, i = 0;
    /* lanes below the tail's length are loaded, the rest read as zero */
    __m256i tail = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(dim - d8)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    bool has_tail = dim > d8;
    for (; i + 4 <= nb; i += 4) {
        const float *r0 = rows + i * dim, *r1 = r0 + dim, *r2 = r1 + dim, *r3 = r2 + dim;
        const char *ahead = (const char *)(r0 + PREFETCH_ROWS * dim);
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
        for (size_t j = 0; j < d8; j += 8) {
            if ((j & 15) == 0) _mm_prefetch(ahead + 4 * j, _MM_HINT_T0);
            __m256 x = _mm256_loadu_ps(q + j);
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(r0 + j), x, a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(r1 + j), x, a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(r2 + j), x, a2);
            a3 = _mm256_fmadd_ps(_mm256_loadu_ps(r3 + j), x, a3);
        }
        if (has_tail) {
            __m256 x = _mm256_maskload_ps(q + d8, tail);
            a0 = _mm256_fmadd_ps(_mm256_maskload_ps(r0 + d8, tail), x, a0);
            a1 = _mm256_fmadd_ps(_mm256_maskload_ps(r1 + d8, tail), x, a1);
            a2 = _mm256_fmadd_ps(_mm256_maskload_ps(r2 + d8, tail), x, a2);
            a3 = _mm256_fmadd_ps(_mm256_maskload_ps(r3 + d8, tail), x, a3);
        }
        out[i] = hsum8(a0); out[i + 1] = hsum8(a1); out[i + 2] = hsum8(a2); out[i + 3] = hsum8(a3);
    }
    for (; i < nb; i++) {
        const float *r0 = rows + i * dim;
        __m256 a0 = _mm256_setzero_ps();
        for (size_t j = 0; j < d8; j += 8)
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(r0 + j), _mm256_loadu_ps(q + j), a0);
        if (has_tail)
            a0 = _mm256_fmadd_ps(_mm256_maskload_ps(r0 + d8, tail), _mm256_maskload_ps(q + d8, tail), a0);
        out[i] = hsum8(a0);
    }
}

/* int8 rows and query widened to int16; pairs of products summed into
 * int32 (vpmaddwd), 16 elements an instruction. */
__attribute__((target("avx2")))
static inline __m256i widen16(const int8_t *p)
{
    return _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)p));
}

__attribute__((target("avx2")))
static void dot_i8_avx2(const int8_t *rows, size_t nb, size_t dim, const int8_t *q8, int32_t *out)
{
    size_t d16 = dim / 16 * 16;
    for (size_t i = 0; i < nb; i++) {
        const int8_t *r = rows + i * dim;
        __m256i acc0 = _mm256_setzero_si256(), acc1 = _mm256_setzero_si256();
        size_t j = 0;
        for (; j + 32 <= d16; j += 32) {
            acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(widen16(r + j), widen16(q8 + j)));
            acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(widen16(r + j + 16), widen16(q8 + j + 16)));
        }
        for (; j < d16; j += 16)
            acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(widen16(r + j), widen16(q8 + j)));
        acc0 = _mm256_add_epi32(acc0, acc1);
        __m128i h = _mm_add_epi32(_mm256_castsi256_si128(acc0), _mm256_extracti128_si256(acc0, 1));
        h = _mm_add_epi32(h, _mm_shuffle_epi32(h, 0x4E));
        h = _mm_add_epi32(h, _mm_shuffle_epi32(h, 0xB1));
        int32_t s = _mm_cvtsi128_si32(h);
        for (; j < dim; j++) s += (int32_t)r[j] * q8[j];
        out[i] = s;
    }
}

static const struct kernels k_avx2 = {"avx2", dot_f32_avx2, dot_i8_avx2};

/* ---- AVX-512: 16 lanes, masked tails ---- */

#define AVX512_TARGET "avx512f,avx512bw,avx512vl,avx2,fma"

__attribute__((target(AVX512_TARGET)))
static void dot_f32_avx512(const float *rows, size_t nb, size_t dim, const float *q, float *out)
{
    size_t d16 = dim / 16 * 16, i = 0;
    __mmask16 tail = (__mmask16)((1u << (dim - d16)) - 1u);
    for (; i + 4 <= nb; i += 4) {
        const float *r0 = rows + i * dim, *r1 = r0 + dim, *r2 = r1 + dim, *r3 = r2 + dim;
        const char *ahead = (const char *)(r0 + PREFETCH_ROWS * dim);
        __m512 a0 = _mm512_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
        for (size_t j = 0; j < d16; j += 16) {
            _mm_prefetch(ahead + 4 * j, _MM_HINT_T0);
            __m512 x = _mm512_loadu_ps(q + j);
            a0 = _mm512_fmadd_ps(_mm512_loadu_ps(r0 + j), x, a0);
            a1 = _mm512_fmadd_ps(_mm512_loadu_ps(r1 + j), x, a1);
            a2 = _mm512_fmadd_ps(_mm512_loadu_ps(r2 + j), x, a2);
            a3 = _mm512_fmadd_ps(_mm512_loadu_ps(r3 + j), x, a3);
        }
        if (tail) {
            __m512 x = _mm512_maskz_loadu_ps(tail, q + d16);
            a0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, r0 + d16), x, a0);
            a1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, r1 + d16), x, a1);
            a2 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, r2 + d16), x, a2);
            a3 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, r3 + d16), x, a3);
        }
        out[i] = _mm512_reduce_add_ps(a0);
        out[i + 1] = _mm512_reduce_add_ps(a1);
        out[i + 2] = _mm512_reduce_add_ps(a2);
        out[i + 3] = _mm512_reduce_add_ps(a3);
    }
    for (; i < nb; i++) {
        const float *r0 = rows + i * dim;
        __m512 a0 = _mm512_setzero_ps();
        for (size_t j = 0; j < d16; j += 16)
            a0 = _mm512_fmadd_ps(_mm512_loadu_ps(r0 + j), _mm512_loadu_ps(q + j), a0);
        if (tail)
            a0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, r0 + d16), _mm512_maskz_loadu_ps(tail, q + d16), a0);
        out[i] = _mm512_reduce_add_ps(a0);
    }
}

/* 32 int8 a step widened to 32 int16 lanes; the tail is a masked load. */
__attribute__((target(AVX512_TARGET)))
static inline __m512i widen32(const int8_t *p)
{
    return _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(const void *)p));
}

__attribute__((target(AVX512_TARGET)))
static void dot_i8_avx512(const int8_t *rows, size_t nb, size_t dim, const int8_t *q8, int32_t *out)
{
    size_t d32 = dim / 32 * 32, rem = dim - d32;
    __mmask32 tail = rem ? (__mmask32)((1ull << rem) - 1u) : 0;
    __m512i qt = _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(tail, q8 + d32));
    size_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        const int8_t *r0 = rows + i * dim, *r1 = r0 + dim;
        __m512i a0 = _mm512_setzero_si512(), a1 = a0;
        for (size_t j = 0; j < d32; j += 32) {
            __m512i x = widen32(q8 + j);
            a0 = _mm512_add_epi32(a0, _mm512_madd_epi16(widen32(r0 + j), x));
            a1 = _mm512_add_epi32(a1, _mm512_madd_epi16(widen32(r1 + j), x));
        }
        if (tail) {
            a0 = _mm512_add_epi32(a0, _mm512_madd_epi16(_mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(tail, r0 + d32)), qt));
            a1 = _mm512_add_epi32(a1, _mm512_madd_epi16(_mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(tail, r1 + d32)), qt));
        }
        out[i] = _mm512_reduce_add_epi32(a0);
        out[i + 1] = _mm512_reduce_add_epi32(a1);
    }
    for (; i < nb; i++) {
        const int8_t *r0 = rows + i * dim;
        __m512i a0 = _mm512_setzero_si512();
        for (size_t j = 0; j < d32; j += 32)
            a0 = _mm512_add_epi32(a0, _mm512_madd_epi16(widen32(r0 + j), widen32(q8 + j)));
        if (tail)
            a0 = _mm512_add_epi32(a0, _mm512_madd_epi16(_mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(tail, r0 + d32)), qt));
        out[i] = _mm512_reduce_add_epi32(a0);
    }
}

#define VNNI_TARGET AVX512_TARGET ",avx512vnni"

/* The sums of four int32 vectors, one per lane of the result: a transpose
 * by unpacking, so four rows cost one reduction instead of four. */
__attribute__((target(VNNI_TARGET)))
static inline __m128i hsum4_epi32(__m256i a, __m256i b, __m256i c, __m256i d)
{
    /* per 128-bit half: [a0+a2, b0+b2, a1+a3, b1+b3], the same for c, d */
    __m256i ab = _mm256_add_epi32(_mm256_unpacklo_epi32(a, b), _mm256_unpackhi_epi32(a, b));
    __m256i cd = _mm256_add_epi32(_mm256_unpacklo_epi32(c, d), _mm256_unpackhi_epi32(c, d));
    /* per half: [a, b, c, d] */
    __m256i x = _mm256_add_epi32(_mm256_unpacklo_epi64(ab, cd), _mm256_unpackhi_epi64(ab, cd));
    return _mm_add_epi32(_mm256_castsi256_si128(x), _mm256_extracti128_si256(x, 1));
}

/* One row's biased products (see dot_i8_vnni), lane sums still apart. */
__attribute__((target(VNNI_TARGET)))
static inline __m256i row_vnni(const int8_t *r, size_t d32, __mmask32 tail, const int8_t *q8, __m256i qt)
{
    const __m256i flip = _mm256_set1_epi8((char)0x80);
    __m256i a0 = _mm256_setzero_si256(), a1 = a0;
    size_t j = 0;
    for (; j + 64 <= d32; j += 64) {
        a0 = _mm256_dpbusd_epi32(a0, _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(const void *)(r + j)), flip),
                                 _mm256_loadu_si256((const __m256i *)(const void *)(q8 + j)));
        a1 = _mm256_dpbusd_epi32(a1, _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(const void *)(r + j + 32)), flip),
                                 _mm256_loadu_si256((const __m256i *)(const void *)(q8 + j + 32)));
    }
    if (j < d32)
        a0 = _mm256_dpbusd_epi32(a0, _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(const void *)(r + j)), flip),
                                 _mm256_loadu_si256((const __m256i *)(const void *)(q8 + j)));
    if (tail) a1 = _mm256_dpbusd_epi32(a1, _mm256_xor_si256(_mm256_maskz_loadu_epi8(tail, r + d32), flip), qt);
    return _mm256_add_epi32(a0, a1);
}

/* vpdpbusd: products of unsigned by signed bytes summed in fours into int32
 * lanes, with no widening. The rows are signed, so each byte's sign bit is
 * flipped (r ^ 0x80 = r + 128, unsigned) and 128 * sum(q) is taken off at
 * the end: one xor a step, exact, and the arithmetic wraps in int32, so the
 * true sum comes out whenever it fits (as the contract says). 256-bit
 * vectors, one row after another: measured on the 400,000 x 300 copy,
 * 512-bit loads of rows 300 bytes apart (nearly all straddling two cache
 * lines) read memory slower than the older kernel, 256-bit ones did not,
 * and reading rows in address order keeps the hardware's streams simple. */
__attribute__((target(VNNI_TARGET)))
static void dot_i8_vnni(const int8_t *rows, size_t nb, size_t dim, const int8_t *q8, int32_t *out)
{
    size_t d32 = dim / 32 * 32, rem = dim - d32;
    __mmask32 tail = rem ? (__mmask32)((1ull << rem) - 1u) : 0;
    uint32_t qsum = 0;
    for (size_t j = 0; j < dim; j++) qsum += (uint32_t)(int32_t)q8[j];
    const uint32_t bias = qsum * 128u;
    /* masked-off lanes: the query reads zero, so the flipped row's 128 adds nothing */
    __m256i qt = _mm256_maskz_loadu_epi8(tail, q8 + d32);
    size_t i = 0;
    for (; i + 4 <= nb; i += 4) {
        const int8_t *r0 = rows + i * dim;
        __m256i a0 = row_vnni(r0, d32, tail, q8, qt), a1 = row_vnni(r0 + dim, d32, tail, q8, qt);
        __m256i a2 = row_vnni(r0 + 2 * dim, d32, tail, q8, qt), a3 = row_vnni(r0 + 3 * dim, d32, tail, q8, qt);
        __m128i s = _mm_sub_epi32(hsum4_epi32(a0, a1, a2, a3), _mm_set1_epi32((int32_t)bias));
        _mm_storeu_si128((__m128i *)(void *)(out + i), s);
    }
    for (; i < nb; i++) {
        __m256i a = row_vnni(rows + i * dim, d32, tail, q8, qt);
        __m128i h = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
        h = _mm_add_epi32(h, _mm_shuffle_epi32(h, 0x4E));
        h = _mm_add_epi32(h, _mm_shuffle_epi32(h, 0xB1));
        out[i] = (int32_t)((uint32_t)_mm_cvtsi128_si32(h) - bias);
    }
}

static const struct kernels k_avx512 = {"avx512", dot_f32_avx512, dot_i8_avx512};
static const struct kernels k_avx512vnni = {"avx512vnni", dot_f32_avx512, dot_i8_vnni};

static bool cpu_has_avx2(void) { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
static bool cpu_has_avx512(void)
{
    return cpu_has_avx2() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl");
}
static bool cpu_has_avx512vnni(void) { return cpu_has_avx512() && __builtin_cpu_supports("avx512vnni"); }
#endif

const struct kernels *kernels_variant(size_t i)
{
    switch (i) {
    case 0: return &k_base;
#ifdef HAVE_X86_KERNELS
    case 1: return cpu_has_avx2() ? &k_avx2 : NULL;
    case 2: return cpu_has_avx512() ? &k_avx512 : NULL;
    case 3: return cpu_has_avx512vnni() ? &k_avx512vnni : NULL;
#endif
    default: return NULL;
    }
}

const struct kernels *kernels_best(void)
{
#ifdef HAVE_X86_KERNELS
    if (cpu_has_avx512vnni()) return &k_avx512vnni;
    if (cpu_has_avx512()) return &k_avx512;
    if (cpu_has_avx2()) return &k_avx2;
#endif
    return &k_base;
}
