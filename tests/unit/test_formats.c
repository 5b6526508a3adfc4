/* Unit tests of the formats area: the float parser against strtof, every
 * reader on small generated fixtures, round trips between every pair of
 * formats (plain and gzip), bad-input messages, native-file validation of
 * damaged files, and the cache (hit, stale, damaged). */
#include <check.h>
#include "unit.h"
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "cache.h"
#include "floatfmt.h"
#include "floatparse.h"
#include "format_fasttext.h"
#include "formats.h"
#include "rowcsv.h"
#include "textrow.h"
#include "load.h"
#include "native.h"

static char tmpdir[256];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/embx-unit-formats.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    char cache[300];
    snprintf(cache, sizeof cache, "%s/cache", tmpdir);
    setenv("XDG_CACHE_HOME", cache, 1);
}

static void teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *tpath(const char *name)
{
    static char buf[4][400];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
    ck_assert_int_eq(fclose(fp), 0);
}

static void write_gz(const char *path, const void *data, size_t len)
{
    gzFile g = gzopen(path, "wb");
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(gzwrite(g, data, (unsigned)len), (int)len);
    ck_assert_int_eq(gzclose(g), Z_OK);
}

static void write_str(const char *path, const char *s) { write_file(path, s, strlen(s)); }

static uint64_t rng_state = 12345;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static double unif(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

/* ---- float parser ------------------------------------------------------ */

/* One random number text of one of many shapes. */
static void random_number(char *buf, size_t len)
{
    float f;
    uint32_t b;
    switch (rnd() % 9) {
    case 0: /* %.9g of any finite float */
        do {
            b = (uint32_t)rnd();
            memcpy(&f, &b, 4);
        } while (!isfinite(f));
        snprintf(buf, len, "%.9g", f);
        break;
    case 1: /* GloVe style */
        snprintf(buf, len, "%.6f", (unif() - 0.5) * 4);
        break;
    case 2: /* exponents of all sizes */
        snprintf(buf, len, "%.*e", (int)(rnd() % 12), unif() * pow(10, (int)(rnd() % 90) - 45));
        break;
    case 3: { /* arbitrary digit strings, long ones included */
        int nd = 1 + (int)(rnd() % 25), k = 0, dot = (int)(rnd() % (nd + 1));
        if (rnd() & 1) buf[k++] = '-';
        for (int j = 0; j < nd; j++) {
            if (j == dot) buf[k++] = '.';
            buf[k++] = (char)('0' + rnd() % 10);
        }
        if (rnd() % 3 == 0) k += snprintf(buf + k, len - (size_t)k, "e%d", (int)(rnd() % 100) - 50);
        buf[k] = '\0';
        break;
    }
    case 4: /* denormals */
        b = (uint32_t)(rnd() % 0x00800000u);
        memcpy(&f, &b, 4);
        snprintf(buf, len, "%.*g", (int)(1 + rnd() % 12), f);
        break;
    case 5: { /* exact and near float rounding midpoints */
        b = (uint32_t)rnd() & 0x7f7fffffu;
        memcpy(&f, &b, 4);
        double up = (double)nextafterf(f, INFINITY) - f;
        snprintf(buf, len, "%.*g", (int)(6 + rnd() % 20), (double)f + up / 2);
        break;
    }
    case 6:
        if (rnd() & 1) { /* mktable style */
            snprintf(buf, len, "%.5f", (unif() - 0.5) * 2);
        } else { /* decimals within a hair of a float midpoint, fast-path sized */
            f = (float)(unif() * 0.999 + 0.001);
            double mid = (double)f + ((double)nextafterf(f, INFINITY) - f) / 2;
            if (rnd() & 1) mid = nextafter(mid, rnd() & 1 ? 0 : 1);
            snprintf(buf, len, "%.*f", (int)(8 + rnd() % 11), mid);
        }
        break;
    case 7: /* %.9g of floats in the usual embedding range */
        snprintf(buf, len, "%.9g", (float)((unif() - 0.5) * pow(10, (int)(rnd() % 10) - 5)));
        break;
    default: /* integers and short decimals */
        snprintf(buf, len, "%s%llu%s", rnd() & 1 ? "-" : "", (unsigned long long)(rnd() % 100000000),
                 rnd() & 1 ? ".5" : "");
        break;
    }
}

/* fastText's n-gram hash reads bytes as signed char: for UTF-8 letters it
 * differs from textbook FNV-1a, and models hash "café" its way. */
START_TEST(test_fasttext_hash_signed_bytes)
{
    ck_assert_uint_eq(fasttext_hash("", 0), 2166136261u);
    ck_assert_uint_eq(fasttext_hash("<ca", 3), 1066916747u);
    ck_assert_uint_eq(fasttext_hash("\xc3\xa9", 2), 1023043777u);
    uint32_t textbook = 2166136261u;
    textbook = (textbook ^ 0xc3u) * 16777619u;
    textbook = (textbook ^ 0xa9u) * 16777619u;
    ck_assert_uint_ne(fasttext_hash("\xc3\xa9", 2), textbook);
}
END_TEST

START_TEST(test_float_random_vs_strtof)
{
    char buf[160];
    long bad = 0;
    const long N = 2000000;
    for (long i = 0; i < N; i++) {
        random_number(buf, sizeof buf);
        /* what follows a number in a file: the parser may look ahead */
        if (rnd() & 1) strcat(buf, rnd() & 1 ? " 12345678 9" : "\n9876543210 x");
        char *e1;
        float a = strtof(buf, &e1);
        float b = 0;
        const char *e2 = float_parse(buf, buf + strlen(buf), &b);
        if (e2 != e1 || memcmp(&a, &b, 4) != 0) {
            if (bad++ < 5) fprintf(stderr, "mismatch on '%s': %a vs %a\n", buf, a, b);
        }
    }
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_float_edge_cases)
{
    static const char *cases[] = {
        "0", "-0", "+1", "1.", ".5", "-.5e-3", "1e", "1e+", "1e-2x", "inf", "-inf", "nan",
        "NaN", "infinity", "0x1p3", "0X1.8p1", "3.4028235e38", "3.4028236e38", "1e39",
        "1.17549435e-38", "1.4e-45", "7e-46", "5e-324", "0e999999", "1e-99999999",
        "00000000000000000000000000001.5", "123456789012345678901234567890",
        "0.000000000000000000000000000000000000001", "1,5", "16777217", "16777219",
        "9007199254740993", "0.1000000000000000055511151231257827",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i];
        char *e1;
        float a = strtof(s, &e1);
        float b = 0;
        const char *e2 = float_parse(s, s + strlen(s), &b);
        ck_assert_msg(e2 == e1, "end differs on '%s'", s);
        ck_assert_msg(memcmp(&a, &b, 4) == 0 || (isnan(a) && isnan(b)), "value differs on '%s'", s);
    }
    float v;
    ck_assert_ptr_null(float_parse("-", "-" + 1, &v));
    ck_assert_ptr_null(float_parse(".", "." + 1, &v));
    ck_assert_ptr_null(float_parse("x1", "x1" + 2, &v));
    ck_assert_ptr_null(float_parse(" 1", " 1" + 2, &v)); /* blanks are the caller's */
    /* the end bound is respected: "1.25" seen as "1.2" */
    const char *s = "1.25";
    ck_assert_ptr_eq(float_parse(s, s + 3, &v), s + 3);
    ck_assert(v == strtof("1.2", NULL));
}
END_TEST

/* Adversarial numbers for the fast path: decimals of at most 17 digits
 * around float rounding midpoints (where a double rounding would go
 * wrong), all exponent ranges (subnormal, near FLT_MAX, overflow), signs
 * and exponent spellings, and an end bound that cuts a number short (the
 * text after a block's end must not be read). */
START_TEST(test_float_adversarial_vs_strtof)
{
    char buf[200], cut[200];
    long bad = 0;
    for (long i = 0; i < 400000; i++) {
        uint32_t b = (uint32_t)rnd();
        switch (i % 4) {
        case 0: b &= 0x7f7fffffu; break;                           /* any finite */
        case 1: b = (b & 0x007fffffu) | ((uint32_t)(112 + rnd() % 20) << 23); break; /* 1e-5 .. 10 */
        case 2: b &= 0x00ffffffu; break;                           /* subnormal and the smallest normals */
        default: b = (b & 0x007fffffu) | (253u << 23) | ((rnd() & 1) << 24); break; /* near FLT_MAX */
        }
        float f;
        memcpy(&f, &b, 4);
        double mid = (double)f + ((double)nextafterf(f, INFINITY) - f) / 2;
        if (rnd() % 3 == 0) mid = nextafter(mid, rnd() & 1 ? 0 : INFINITY);
        int digits = 6 + (int)(rnd() % 12);
        const char *sign = rnd() % 4 == 0 ? "-" : rnd() % 4 == 0 ? "+" : "";
        switch (rnd() % 3) {
        case 0: snprintf(buf, sizeof buf, "%s%.*e", sign, digits - 1, mid); break;
        case 1: snprintf(buf, sizeof buf, "%s%.*E", sign, digits - 1, mid); break;
        default: snprintf(buf, sizeof buf, "%s%.*g", sign, digits, mid); break;
        }
        /* the decimal one unit above or below in its last digit */
        if (rnd() % 3 == 0) {
            char *e = strpbrk(buf, "eE");
            char *d = (e ? e : buf + strlen(buf)) - 1;
            if (*d >= '1' && *d <= '8') *d = (char)(*d + (rnd() & 1 ? 1 : -1));
        }
        char *e1;
        float a = strtof(buf, &e1);
        float v = 0;
        const char *e2 = float_parse(buf, buf + strlen(buf), &v);
        if (e2 != e1 || memcmp(&a, &v, 4) != 0)
            if (bad++ < 5) fprintf(stderr, "mismatch on '%s': %a vs %a\n", buf, a, v);
        /* the same text with the end bound inside it, more digits beyond */
        size_t n = strlen(buf), k = 1 + rnd() % n;
        memcpy(cut, buf, k);
        cut[k] = '\0';
        a = strtof(cut, &e1);
        e2 = float_parse(buf, buf + k, &v);
        const char *want = e1 == cut ? NULL : buf + (e1 - cut);
        if (e2 != want || (want && memcmp(&a, &v, 4) != 0))
            if (bad++ < 5) fprintf(stderr, "mismatch on '%s' cut at %zu\n", buf, k);
    }
    ck_assert_int_eq(bad, 0);
    /* infinities and NaNs parse as strtof parses them (the readers reject them) */
    static const char *special[] = {"inf", "-inf", "+INF", "Infinity", "-infinity", "infinit",
                                    "nan", "-nan", "NAN", "nan(123)", "nan(", "nanx", "in", "+n"};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
        const char *t = special[i];
        char *e1;
        float a = strtof(t, &e1);
        float v = 0;
        const char *e2 = float_parse(t, t + strlen(t), &v);
        ck_assert_msg(e2 == (e1 == t ? NULL : e1), "end differs on '%s'", t);
        if (e2) {
            ck_assert_msg(isnan(a) ? isnan(v) && signbit(a) == signbit(v) : memcmp(&a, &v, 4) == 0,
                          "value differs on '%s'", t);
        }
    }
}
END_TEST

/* The inline short path of float_parse (at most 7 digits in one 8-byte
 * word, exact by one float division) against strtof, bit for bit, on a
 * seeded random set of the shapes vector files hold and of the shapes just
 * outside it (8 digits, "1.", exponents, hex, '+', a second point), each
 * followed by what may follow a number in a file, with the end bound both
 * far and inside the word; then the hard cases by name. */
static void check_short(const char *buf, size_t k, long *bad)
{
    char cut[64];
    memcpy(cut, buf, k);
    cut[k] = '\0';
    char *e1;
    float a = strtof(cut, &e1);
    float v = 12345.0f;
    const char *e2 = float_parse(buf, buf + k, &v);
    /* strtof skips leading blanks; float_parse leaves them to its caller */
    const char *want = e1 == cut || isspace((unsigned char)cut[0]) ? NULL : buf + (e1 - cut);
    if (e2 != want || (want && memcmp(&a, &v, 4) != 0))
        if ((*bad)++ < 5) fprintf(stderr, "short mismatch on '%.*s': %a vs %a\n", (int)k, buf, a, v);
}

START_TEST(test_float_short_path_vs_strtof)
{
    static const char *follow[] = {" ", "\n", "\t", "\r\n", "", "e5", "E-3", "x1", ".5", ",",
                                   "5", "0 1", "\v", "a"};
    char buf[64];
    long bad = 0;
    for (long i = 0; i < 1200000; i++) {
        int k = 0;
        switch (rnd() % 8) {
        case 0: buf[k++] = '-'; break;
        case 1: buf[k++] = '+'; break;
        default: break;
        }
        int ni = (int)(rnd() % 9), nf = (int)(rnd() % 9);
        if (rnd() % 4 == 0) ni = rnd() & 1; /* "0.xxx" and ".xxx" */
        for (int j = 0; j < ni; j++) buf[k++] = (char)('0' + (j == 0 && rnd() % 3 ? 1 + rnd() % 9 : rnd() % 10));
        if (rnd() % 5) buf[k++] = '.';
        for (int j = 0; j < nf; j++) buf[k++] = (char)('0' + rnd() % 10);
        if (rnd() % 7 == 0 && nf) buf[k - 1] = '5'; /* ends in 5: ties in shorter decimals */
        int len = k;
        const char *f = follow[rnd() % (sizeof follow / sizeof follow[0])];
        k += snprintf(buf + k, sizeof buf - (size_t)k, "%s 0.25 -1", f);
        check_short(buf, (size_t)k, &bad);             /* the word is readable */
        check_short(buf, (size_t)len, &bad);           /* the end right after it */
        check_short(buf, 1 + rnd() % (size_t)k, &bad); /* anywhere */
    }
    /* GloVe-style decimals of random values and the decimals nearest the
     * float midpoints of numbers in the embedding range */
    for (long i = 0; i < 400000; i++) {
        int digits = 1 + (int)(rnd() % 6);
        double x = (unif() - 0.5) * pow(10, (int)(rnd() % 4) - 1);
        if (i & 1) {
            float f = (float)x;
            x = (double)f + ((double)nextafterf(f, INFINITY) - f) / 2;
        }
        int n = snprintf(buf, sizeof buf, "%.*f", digits, x);
        snprintf(buf + n, sizeof buf - (size_t)n, " 1.5 2.5\n");
        check_short(buf, strlen(buf), &bad);
    }
    static const char *hard[] = {
        "0 ", "-0 ", "+0 ", "-0.0 ", "0.000000 ", "-0.000000 ", "9999999 ", "-9999999 ",
        "99999999 ", "16777216 ", "16777217 ", "1677721.7 ", "8388608.5 ", "0.000001 ",
        "-0.0000001 ", "1.000001 ", "3.4028235 ", "1. x", "-1.e5 ", "1.5e ", "0x10 ", "00000.5 ",
        "0.1 ", "0.2 ", "0.3 ", "0.7 ", "1.1 ", "-2.675 ", "0.33333 ", "0.66667 ", "123456.7 ",
        "1234567 ", "12345.67 ", "5.000005 ", "4.999995 ", "-.5 ", "1.5.5 ", "-+1 ", "- 1 ",
    };
    for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) {
        snprintf(buf, sizeof buf, "%s 7.25 8.5\n", hard[i]);
        check_short(buf, strlen(buf), &bad);
        check_short(buf, strlen(hard[i]) - 1, &bad);
    }
    /* a NUL byte ends a number as it ends strtof's string */
    static const char nul[] = "12\0003456789 7.25\n";
    memcpy(buf, nul, sizeof nul - 1);
    check_short(buf, sizeof nul - 1, &bad);
    ck_assert_int_eq(bad, 0);
}
END_TEST

/* Every SIMD row parser this CPU runs against the portable one (itself
 * checked against strtof above), row by row: the same verdict and, for rows
 * either takes,
 * the same word, line end, CR flag and bits of every value. Rows mix the
 * shapes files hold with the ones the wide path must hand back: long and
 * 8-digit numbers, exponents, '+', lone points, runs of blanks and tabs,
 * trailing blanks, CR LF, stray CRs and control bytes, nan and inf, too
 * few or too many values; widths cover whole and partial groups of eight. */
static int row_field(char *b, int k)
{
    switch (rnd() % 24) {
    case 0: return k + sprintf(b + k, "%.9g", (unif() - 0.5) * 1e6);
    case 1: return k + sprintf(b + k, "%.3e", (unif() - 0.5) * 10);
    case 2: return k + sprintf(b + k, "+%.2f", unif());
    case 3: return k + sprintf(b + k, "%s", rnd() & 1 ? "." : "-");
    case 4: return k + sprintf(b + k, "%s", rnd() & 1 ? "nan" : "-inf");
    case 5: return k + sprintf(b + k, "%d", (int)(rnd() % 100000000)); /* up to 8 digits */
    case 6: return k + sprintf(b + k, "1.%s", rnd() & 1 ? "" : "5.5");
    case 7: return k + sprintf(b + k, "%.8f", (unif() - 0.5) * 1e-3);
    case 8: case 9: case 10: /* the published GloVe files' shape: five significant digits */
        return k + sprintf(b + k, "%.5g", (unif() - 0.5) * pow(10, -(int)(rnd() % 5)));
    case 11: case 12: { /* the decimals (7 or 8 places) nearest a float midpoint */
        float f = (float)(unif() * pow(10, -(int)(rnd() % 4)));
        double x = (double)f + ((double)nextafterf(f, INFINITY) - f) / 2;
        return k + sprintf(b + k, "%s%.*f", rnd() & 1 ? "-" : "", 7 + (int)(rnd() & 1), x);
    }
    default: {
        int neg = rnd() % 3 == 0, ni = (int)(rnd() % 4), nf = 1 + (int)(rnd() % 7);
        if (neg) b[k++] = '-';
        for (int j = 0; j < ni; j++) b[k++] = (char)('0' + rnd() % 10);
        if (ni == 0 || rnd() % 8) {
            if (ni == 0) b[k++] = '0';
            b[k++] = '.';
            for (int j = 0; j < nf; j++) b[k++] = (char)('0' + rnd() % 10);
        }
        return k;
    }
    }
}

START_TEST(test_textrow_wide_vs_portable)
{
    for (size_t variant = 1; variant < TEXTROW_VARIANTS; variant++) {
        textrow_fn wide = textrow_variant(variant);
        if (!wide) {
            fprintf(stderr, "textrow variant %zu: not on this CPU\n", variant);
            continue;
        }
        static const size_t dims[] = {1, 3, 7, 8, 9, 16, 17, 50, 300};
        static const char *gaps[] = {"  ", "\t", " \t", "\v", "\r"};
        char *buf = malloc(1u << 17); /* a row of 4,097 values of up to 16 bytes, and the next */
        float *a = malloc(5000 * sizeof(float)), *b = malloc(5000 * sizeof(float));
        ck_assert(buf && a && b);
        long same = 0, taken = 0;
        for (long i = 0; i < 60000; i++) {
            size_t dim = dims[rnd() % (sizeof dims / sizeof dims[0])];
            if (rnd() % 200 == 0) dim = 4096 + (rnd() & 1); /* the widest row it takes, and one more */
            int odd = rnd() % 4 == 0; /* rows with something the wide path hands back */
            int k = sprintf(buf, "w%ld", i);
            size_t nf = dim + (odd && rnd() % 4 == 0 ? (rnd() & 1 ? 1 : (size_t)-1) : 0);
            for (size_t f = 0; f < nf; f++) {
                if (odd && rnd() % 64 == 0) k += sprintf(buf + k, "%s", gaps[rnd() % 5]);
                else buf[k++] = ' ';
                if (odd) k = row_field(buf, k);
                else if (i & 1) k += sprintf(buf + k, "%.5f", (unif() - 0.5) * 3);
                else k += sprintf(buf + k, "%.5g", (unif() - 0.5) * pow(10, -(int)(rnd() % 4)));
            }
            if (odd && rnd() % 4 == 0) k += sprintf(buf + k, "%s", rnd() & 1 ? " \t " : "\r");
            buf[k++] = '\n';
            /* the next row, so the line end is well inside the readable bytes
             * (the wide parsers take a row only with 80 bytes to read past
             * the 64-byte step that holds its end) */
            k += sprintf(buf + k, "next");
            for (int f = 0; f < 20; f++) k += sprintf(buf + k, " 0.%d", f);
            buf[k++] = '\n';
            memset(a, 0x55, 5000 * sizeof(float));
            memset(b, 0x55, 5000 * sizeof(float));
            const char *w1 = NULL, *w2 = NULL, *n1 = NULL, *n2 = NULL;
            size_t l1 = 0, l2 = 0;
            bool c1 = false, c2 = false;
            bool r1 = textrow_parse_portable(buf, buf + k, dim, a, &w1, &l1, &n1, &c1);
            bool r2 = wide(buf, buf + k, dim, b, &w2, &l2, &n2, &c2);
            ck_assert_msg(r1 == r2, "variant %zu: verdicts differ on row %ld (dim %zu): '%.*s'", variant, i, dim,
                          (int)(strchr(buf, '\n') - buf), buf);
            if (r1) {
                ck_assert_ptr_eq(w1, w2);
                ck_assert_uint_eq(l1, l2);
                ck_assert_ptr_eq(n1, n2);
                ck_assert_int_eq(c1, c2);
                ck_assert_msg(memcmp(a, b, dim * sizeof(float)) == 0, "variant %zu: values differ on row %ld: '%.*s'", variant, i,
                              (int)(strchr(buf, '\n') - buf), buf);
                /* and each is strtof's */
                char *q = buf + l2;
                for (size_t f = 0; f < dim; f++) {
                    float want = strtof(q, &q);
                    ck_assert_msg(memcmp(&want, &b[f], 4) == 0, "value %zu of row %ld: %a, strtof %a", f, i,
                                  b[f], want);
                }
                taken++;
            }
            same++;
        }
        /* both kinds of row were seen: plain ones taken, odd ones handed back */
        ck_assert_int_gt(taken, 40000);
        ck_assert_int_lt(taken, same);
        free(buf);
        free(a);
        free(b);
    }
}
END_TEST

START_TEST(test_float_format_vs_printf)
{
    char a[64], b[64];
    long bad = 0;
    for (long i = 0; i < 2000000; i++) {
        float f;
        uint32_t u;
        switch (rnd() % 5) {
        case 0: /* any bit pattern */
            u = (uint32_t)rnd();
            memcpy(&f, &u, 4);
            break;
        case 1: /* embedding-like */
            f = (float)((unif() - 0.5) * 4);
            break;
        case 2: /* few fraction bits: decimal ties at the ninth digit */
            f = (float)((double)(rnd() % 16777216) / (double)(1u << (rnd() % 24)));
            break;
        case 3: /* next to powers of ten: the exponent and the carry */
            f = (float)pow(10, (int)(rnd() % 60) - 25);
            memcpy(&u, &f, 4);
            u += (uint32_t)(rnd() % 9) - 4;
            memcpy(&f, &u, 4);
            break;
        default: /* large integers */
            f = (float)ldexp((double)(rnd() % 16777216), (int)(rnd() % 80) - 10);
            break;
        }
        if (rnd() & 1) f = -f;
        if (!isfinite(f)) continue;
        snprintf(a, sizeof a, "%.9g", (double)f);
        size_t n = float_format9(f, b);
        if (strcmp(a, b) != 0 || n != strlen(a)) {
            if (bad++ < 5) fprintf(stderr, "%a: printf '%s', float_format9 '%s'\n", f, a, b);
        }
    }
    ck_assert_int_eq(bad, 0);
    ck_assert_uint_eq(float_format9(-0.0f, b), 2);
    ck_assert_str_eq(b, "-0");
    float_format9(0.418f, b);
    ck_assert_str_eq(b, "0.418000013");
}
END_TEST

/* ---- readers ------------------------------------------------------------ */

static embx_table *read_ok(const char *path, const struct read_opts *o, struct read_report *r)
{
    struct read_opts def = {.quiet = true};
    embx_table *t = NULL;
    embx_err e;
    e.msg[0] = '\0';
    int rc = formats_read(path, o ? o : &def, &t, r, &e);
    ck_assert_msg(rc == EMBX_OK, "reading %s failed: %s", path, e.msg);
    return t;
}

/* Reads path and returns the error message (the part after the directory). */
static const char *read_err(const char *path, const struct read_opts *o)
{
    static char msg[1024];
    struct read_opts def = {.quiet = true};
    embx_table *t = NULL;
    struct read_report r;
    embx_err e;
    int rc = formats_read(path, o ? o : &def, &t, &r, &e);
    ck_assert_msg(rc != EMBX_OK, "reading %s should fail", path);
    ck_assert_ptr_null(t);
    const char *m = e.msg;
    size_t dl = strlen(tmpdir);
    if (strncmp(m, tmpdir, dl) == 0) m += dl + 1;
    snprintf(msg, sizeof msg, "%s", m);
    return msg;
}

static void expect_row(const embx_table *t, const char *word, const float *v)
{
    long i = table_find(t, word);
    ck_assert_msg(i >= 0, "word '%s' missing", word);
    for (size_t j = 0; j < t->dim; j++)
        ck_assert_msg(table_row(t, (size_t)i)[j] == v[j], "'%s'[%zu] = %g, want %g", word, j,
                      table_row(t, (size_t)i)[j], v[j]);
}

START_TEST(test_read_glove)
{
    write_str(tpath("g.txt"), "the 0.418 0.24968 -0.41242\nof 0.70853 0.57088 -0.4716\n"
                              ", 0.013441 0.23682 -0.16899\n1990 1e-3 -2E+2 .5\n");
    struct read_report r;
    embx_table *t = read_ok(tpath("g.txt"), NULL, &r);
    ck_assert_uint_eq(t->n, 4);
    ck_assert_uint_eq(t->dim, 3);
    ck_assert_int_eq(r.format, FMT_GLOVE);
    ck_assert_str_eq(t->format, "glove");
    expect_row(t, "the", (float[]){0.418f, 0.24968f, -0.41242f});
    expect_row(t, ",", (float[]){0.013441f, 0.23682f, -0.16899f});
    expect_row(t, "1990", (float[]){1e-3f, -2e2f, 0.5f});
    ck_assert_str_eq(t->words[0], "the");
    ck_assert_str_eq(t->words[3], "1990");
    table_free(t);
}
END_TEST

START_TEST(test_read_words_with_spaces)
{
    /* Common Crawl GloVe has tokens with spaces and non-breaking spaces */
    write_str(tpath("s.txt"), "a 1 2\n. . . 3 4\nnew\xc2\xa0york 5 6\nat  the 7 8\n");
    struct read_report r;
    embx_table *t = read_ok(tpath("s.txt"), NULL, &r);
    ck_assert_uint_eq(t->n, 4);
    ck_assert_uint_eq(t->dim, 2);
    expect_row(t, ". . .", (float[]){3, 4});
    expect_row(t, "new\xc2\xa0york", (float[]){5, 6});
    expect_row(t, "at  the", (float[]){7, 8});
    table_free(t);
}
END_TEST

START_TEST(test_read_word2vec_text_and_fasttext)
{
    write_str(tpath("w.txt"), "2 3\nking 1 2 3\nqueen 4 5 6\n");
    write_str(tpath("f.vec"), "2 3\nking 1 2 3 \nqueen 4 5 6 \n"); /* fastText's trailing blank */
    struct read_report r;
    embx_table *t = read_ok(tpath("w.txt"), NULL, &r);
    ck_assert_int_eq(r.format, FMT_WORD2VEC);
    ck_assert_uint_eq(t->n, 2);
    expect_row(t, "queen", (float[]){4, 5, 6});
    table_free(t);
    t = read_ok(tpath("f.vec"), NULL, &r);
    ck_assert_uint_eq(t->n, 2);
    expect_row(t, "king", (float[]){1, 2, 3});
    table_free(t);
}
END_TEST

static size_t bin_fixture(unsigned char *buf, bool newline)
{
    size_t k = (size_t)sprintf((char *)buf, "3 2\n");
    const char *w[] = {"alpha", "beta", "gamma"};
    for (int i = 0; i < 3; i++) {
        k += (size_t)sprintf((char *)buf + k, "%s ", w[i]);
        float v[2] = {(float)i + 0.5f, -(float)i};
        memcpy(buf + k, v, sizeof v);
        k += sizeof v;
        if (newline) buf[k++] = '\n';
    }
    return k;
}

START_TEST(test_read_word2vec_binary)
{
    unsigned char buf[256];
    for (int nl = 0; nl < 2; nl++) {
        size_t len = bin_fixture(buf, nl);
        write_file(tpath("b.bin"), buf, len);
        write_gz(tpath("b.bin.gz"), buf, len);
        for (int gz = 0; gz < 2; gz++) {
            struct read_report r;
            embx_table *t = read_ok(tpath(gz ? "b.bin.gz" : "b.bin"), NULL, &r);
            ck_assert_int_eq(r.format, FMT_WORD2VEC_BIN);
            ck_assert_int_eq(r.gzip, gz);
            ck_assert_uint_eq(t->n, 3);
            ck_assert_uint_eq(t->dim, 2);
            expect_row(t, "gamma", (float[]){2.5f, -2.0f});
            ck_assert_str_eq(t->words[1], "beta");
            table_free(t);
        }
    }
}
END_TEST

START_TEST(test_read_gzip_text_and_limit)
{
    char big[20000];
    size_t k = 0;
    for (int i = 0; i < 500; i++) k += (size_t)sprintf(big + k, "w%d %d.25 -%d\n", i, i, i);
    write_gz(tpath("g.txt.gz"), big, k);
    write_file(tpath("g.txt"), big, k);
    for (int gz = 0; gz < 2; gz++) {
        const char *p = tpath(gz ? "g.txt.gz" : "g.txt");
        struct read_report r;
        embx_table *t = read_ok(p, NULL, &r);
        ck_assert_uint_eq(t->n, 500);
        ck_assert_int_eq(r.gzip, gz);
        expect_row(t, "w499", (float[]){499.25f, -499});
        table_free(t);
        struct read_opts o = {.quiet = true, .limit = 7};
        t = read_ok(p, &o, &r);
        ck_assert_uint_eq(t->n, 7);
        ck_assert_str_eq(t->words[6], "w6");
        table_free(t);
    }
}
END_TEST

START_TEST(test_read_parallel_chunks)
{
    /* large enough for several chunks on several threads: rows must land
     * in file order, blank lines and duplicates included */
    const int N = 60000;
    FILE *fp = fopen(tpath("p.txt"), "w");
    ck_assert_ptr_nonnull(fp);
    for (int i = 0; i < N; i++) {
        fprintf(fp, "w%d", i % 59999 == 0 && i ? 0 : i);
        for (int j = 0; j < 40; j++) fprintf(fp, " %.6f", (double)(i * 40 + j) / 1e6);
        fputc('\n', fp);
        if (i % 10007 == 0) fputs("\n  \n", fp);
    }
    fclose(fp);
    for (int th = 1; th <= 4; th++) {
        struct read_opts o = {.quiet = true, .threads = th};
        struct read_report r;
        embx_table *t = read_ok(tpath("p.txt"), &o, &r);
        ck_assert_uint_eq(t->n, (size_t)N - 1);
        ck_assert_uint_eq(r.notes.duplicates, 1);
        for (int i = 0; i < N - 1; i += 997) {
            char w[16];
            snprintf(w, sizeof w, "w%d", i);
            long row = table_find(t, w);
            ck_assert_int_eq(row, i);
            char num[32];
            snprintf(num, sizeof num, "%.6f", (double)(i * 40 + 39) / 1e6);
            ck_assert(table_row(t, (size_t)row)[39] == strtof(num, NULL));
        }
        table_free(t);
    }
}
END_TEST

/* A file that exercises the block pipeline: blocks cut mid-file at every
 * size, blank and CRLF lines, words with spaces, a word longer than a
 * block, duplicates, and (when bad is set) malformed rows late in the file. */
static size_t write_pipeline_fixture(const char *plain, const char *gz, bool bad)
{
    size_t cap = 8u << 20, k = 0;
    char *txt = malloc(cap);
    ck_assert_ptr_nonnull(txt);
    size_t rows = 0;
    for (int i = 0; k < (7u << 20); i++) { /* > 16K rows: a stream's matrix grows */
        if (i == 15000) { /* one row wider than a 1 MB block */
            txt[k++] = 'L';
            memset(txt + k, 'x', (3u << 19));
            k += 3u << 19;
        } else if (i % 4001 == 7) {
            k += (size_t)sprintf(txt + k, "new york x%d", i);
        } else {
            k += (size_t)sprintf(txt + k, "w%d", i == 9978 ? 5 : i);
        }
        for (int j = 0; j < 30; j++) {
            double x = (double)(int64_t)(rnd() % 2000001) / 1e6 - 1.0;
            if (j == 3 && i % 97 == 0) k += (size_t)sprintf(txt + k, " %.9g", (double)(float)x);
            else if (j == 4 && i % 89 == 0) k += (size_t)sprintf(txt + k, " %.3e", x);
            else k += (size_t)sprintf(txt + k, " %.5f", x);
        }
        if (bad && (i == 13333 || i == 17234)) k += (size_t)sprintf(txt + k, " 0.5");
        k += (size_t)sprintf(txt + k, i % 1009 == 3 ? "\r\n" : "\n");
        rows++;
        if (i % 5003 == 11) k += (size_t)sprintf(txt + k, "\n   \n");
    }
    write_file(plain, txt, k);
    write_gz(gz, txt, k);
    free(txt);
    return rows;
}

static void expect_same_table(const embx_table *a, const embx_table *b)
{
    ck_assert_uint_eq(a->n, b->n);
    ck_assert_uint_eq(a->dim, b->dim);
    ck_assert(memcmp(a->vecs, b->vecs, a->n * a->dim * sizeof(float)) == 0);
    ck_assert(memcmp(a->inv_norms, b->inv_norms, a->n * sizeof(float)) == 0);
    for (size_t i = 0; i < a->n; i++) ck_assert_str_eq(a->words[i], b->words[i]);
}

START_TEST(test_read_threads_bit_identical)
{
    size_t rows = write_pipeline_fixture(tpath("pl.txt"), tpath("pl.txt.gz"), false);
    struct read_opts o1 = {.quiet = true, .threads = 1};
    struct read_report r1;
    embx_table *ref = read_ok(tpath("pl.txt"), &o1, &r1);
    ck_assert_uint_eq(ref->n, rows - 1); /* one duplicate word */
    ck_assert_uint_eq(r1.notes.duplicates, 1);
    ck_assert(r1.crlf);
    ck_assert_uint_eq(strlen(ref->words[15000 - 1]), 1 + (3u << 19)); /* after the duplicate */
    /* every value equals strtof of its text: spot-check against a re-read
     * of the row by the libc parser */
    FILE *fp = fopen(tpath("pl.txt"), "r");
    ck_assert_ptr_nonnull(fp);
    char line[400];
    ck_assert_ptr_nonnull(fgets(line, sizeof line, fp));
    fclose(fp);
    char *q = strchr(line, ' ');
    for (size_t j = 0; j < 30; j++) {
        float v = strtof(q, &q);
        ck_assert(memcmp(&v, table_row(ref, 0) + j, 4) == 0);
    }
    for (int gz = 0; gz < 2; gz++)
        for (int th = 1; th <= 5; th += 2) {
            struct read_opts o = {.quiet = true, .threads = th};
            struct read_report r;
            embx_table *t = read_ok(tpath(gz ? "pl.txt.gz" : "pl.txt"), &o, &r);
            ck_assert_int_eq(r.gzip, gz);
            ck_assert(r.crlf);
            expect_same_table(ref, t);
            table_free(t);
        }
    table_free(ref);
}
END_TEST

/* The parse computes the rows' norms block by block while the rows are in
 * cache: they must be the bits table_compute_norms gives, for plain and
 * gzip input and any thread count (the table has no duplicate word, whose
 * removal would recompute them; a zero row and a subnormal one included). */
START_TEST(test_read_norms_as_computed)
{
    size_t k = 0;
    char *txt = malloc(24000 * 30 * 12); /* at most 11 bytes a value */
    ck_assert_ptr_nonnull(txt);
    for (int i = 0; i < 24000; i++) {
        k += (size_t)sprintf(txt + k, "w%d", i);
        for (int j = 0; j < 30; j++) {
            double x = (unif() - 0.5) * pow(10, -(int)(rnd() % 3));
            if (i == 100) x = 0;
            if (i == 201) x = 1e-40; /* "1e-40" */
            k += (size_t)sprintf(txt + k, i % 2 ? " %.5g" : " %.5f", x);
        }
        txt[k++] = '\n';
    }
    write_file(tpath("nm.txt"), txt, k);
    write_gz(tpath("nm.txt.gz"), txt, k);
    free(txt);
    for (int gz = 0; gz < 2; gz++)
        for (int th = 1; th <= 3; th += 2) {
            struct read_opts o = {.quiet = true, .threads = th};
            struct read_report r;
            embx_table *t = read_ok(tpath(gz ? "nm.txt.gz" : "nm.txt"), &o, &r);
            ck_assert_uint_eq(t->n, 24000);
            ck_assert_uint_eq(r.notes.duplicates, 0);
            ck_assert_float_eq(t->inv_norms[100], 0.0f);
            ck_assert_float_eq(t->inv_norms[201], 0.0f); /* its inverse norm overflows float */
            float *parsed = malloc(t->n * sizeof(float));
            ck_assert_ptr_nonnull(parsed);
            memcpy(parsed, t->inv_norms, t->n * sizeof(float));
            embx_err e;
            ck_assert_int_eq(table_compute_norms(t, &e), EMBX_OK);
            ck_assert(memcmp(parsed, t->inv_norms, t->n * sizeof(float)) == 0);
            free(parsed);
            table_free(t);
        }
}
END_TEST

START_TEST(test_read_threads_same_errors)
{
    write_pipeline_fixture(tpath("pb.txt"), tpath("pb.txt.gz"), true);
    /* the first bad line of the file is reported, whatever the threads */
    char want[512] = "";
    for (int gz = 0; gz < 2; gz++)
        for (int th = 1; th <= 4; th++) {
            struct read_opts o = {.quiet = true, .threads = th};
            const char *m = strchr(read_err(tpath(gz ? "pb.txt.gz" : "pb.txt"), &o), ':');
            ck_assert_ptr_nonnull(m);
            if (!want[0]) snprintf(want, sizeof want, "%s", m);
            ck_assert_str_eq(m, want);
        }
    ck_assert_str_eq(want, ":13340: too many values (31, expected 30)");
    /* skipping: the same rows and the same first skip */
    struct read_report r1;
    struct read_opts o1 = {.quiet = true, .threads = 1, .skip_bad = true};
    embx_table *ref = read_ok(tpath("pb.txt"), &o1, &r1);
    ck_assert_uint_eq(r1.skipped, 2);
    for (int gz = 0; gz < 2; gz++)
        for (int th = 2; th <= 4; th += 2) {
            struct read_opts o = {.quiet = true, .threads = th, .skip_bad = true};
            struct read_report r;
            embx_table *t = read_ok(tpath(gz ? "pb.txt.gz" : "pb.txt"), &o, &r);
            ck_assert_uint_eq(r.skipped, 2);
            const char *a = strrchr(r.first_skip, '/'), *b = strrchr(r1.first_skip, '/');
            ck_assert(a && b);
            ck_assert_str_eq(strchr(a, ':'), strchr(b, ':')); /* past the file name */
            expect_same_table(ref, t);
            table_free(t);
        }
    table_free(ref);
}
END_TEST

START_TEST(test_read_oddities)
{
    /* BOM, CRLF, trailing blanks, a duplicate (first kept), a zero vector,
     * invalid UTF-8 kept as bytes */
    write_str(tpath("o.txt"), "\xef\xbb\xbf" "a 1 2 3\r\nb 4 5 6  \r\n\xff\xfe 0 0 0\r\na 7 8 9\r\n\r\n");
    struct read_report r;
    embx_table *t = read_ok(tpath("o.txt"), NULL, &r);
    ck_assert_uint_eq(t->n, 3);
    ck_assert(r.bom);
    ck_assert(r.crlf);
    ck_assert_uint_eq(r.notes.duplicates, 1);
    ck_assert_uint_eq(r.notes.zero_rows, 1);
    ck_assert_uint_eq(r.notes.invalid_utf8, 1);
    expect_row(t, "a", (float[]){1, 2, 3});
    expect_row(t, "\xff\xfe", (float[]){0, 0, 0});
    table_free(t);
}
END_TEST

START_TEST(test_format_detect_and_names)
{
    ck_assert_int_eq(format_detect((const unsigned char *)"a 1 2\n", 6), FMT_GLOVE);
    ck_assert_int_eq(format_detect((const unsigned char *)"2 2\na 1 2\n", 10), FMT_WORD2VEC);
    ck_assert_int_eq(format_detect((const unsigned char *)"2 2\na \0\0\x80?", 11), FMT_WORD2VEC_BIN);
    ck_assert_int_eq(format_detect((const unsigned char *)"2 2 2\n", 6), FMT_GLOVE);
    /* a control byte inside a word does not make a text file binary */
    ck_assert_int_eq(format_detect((const unsigned char *)"1 2\na\x01" "b 1 2\n", 12), FMT_WORD2VEC);
    enum embx_format f;
    ck_assert_int_eq(format_parse("bin", &f), 0);
    ck_assert_int_eq(f, FMT_WORD2VEC_BIN);
    ck_assert_int_eq(format_parse("vec", &f), 0);
    ck_assert_int_eq(f, FMT_FASTTEXT);
    ck_assert_int_eq(format_parse("nonsense", &f), -1);
    ck_assert_str_eq(format_name(FMT_WORD2VEC_BIN), "word2vec-bin");
}
END_TEST

START_TEST(test_bad_input_messages)
{
    static const struct {
        const char *name, *content, *msg;
    } cases[] = {
        {"empty.txt", "", "empty.txt:1: the file is empty"},
        {"hdr.txt", "3 4\n", "hdr.txt:1: only a header, no rows follow"},
        {"few.txt", "a 1 2 3\nb 1 2\n", "few.txt:2: too few values (2, expected 3)"},
        {"many.txt", "a 1 2 3\nb 1 2 3 4\n", "many.txt:2: too many values (4, expected 3)"},
        {"nan.txt", "a 1 2 3\nb 1 x 3\n", "nan.txt:2: value 2 'x' is not a number"},
        {"nan2.txt", "a 1 2 3\n\nb 1 nan 3\n", "nan2.txt:3: value 2 'nan' is not a finite number"},
        {"inf.txt", "a 1 2 3\nb -inf 1 3\n", "inf.txt:2: value 1 '-inf' is not a finite number"},
        {"n.txt", "3 3\na 1 2 3\nb 1 2 3\n", "n.txt:1: header says 3 rows, but the file has 2 (cut short? --skip-bad loads the rows there)"},
        {"n2.txt", "1 3\na 1 2 3\nb 1 2 3\n", "n2.txt:1: header says 1 rows, but the file has 2"},
        {"d.txt", "2 4\na 1 2 3\nb 1 2 3\n", "d.txt:2: too few values (3, expected 4)"},
        {"bigd.txt", "2 999999999999\na 1 2 3\n",
         "bigd.txt:1: header says 999999999999 values per row, but only 8 bytes follow"},
        {"bign.txt", "99999999999999999999999 3\na 1 2 3\n", "bign.txt:1: header row count is too large"},
        {"hugen.txt", "1000000000000 3\na 1 2 3\n",
         "hugen.txt:1: header says 1000000000000 rows, but only 8 bytes follow"},
        {"zero.txt", "2 0\na\n", "zero.txt:1: header says dimension 0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_str(tpath(cases[i].name), cases[i].content);
        ck_assert_str_eq(read_err(tpath(cases[i].name), NULL), cases[i].msg);
    }
    /* a corpus opened as a table: the message says how to train on it */
    write_str(tpath("words.txt"), "hello world\nfoo bar\n");
    const char *m = read_err(tpath("words.txt"), NULL);
    ck_assert_msg(strncmp(m, "words.txt:1: no numeric values: not a vector file (text to train vectors "
                             "from? embx train ", 90) == 0 && strstr(m, "words.txt)"), "%s", m);
    ck_assert_str_eq(read_err(tpath("missing.txt"), NULL), "missing.txt: no such file");
    mkdir(tpath("dir"), 0755);
    ck_assert_str_eq(read_err(tpath("dir"), NULL), "dir: is a directory, not a vector file");
    if (geteuid() != 0) {
        write_str(tpath("perm.txt"), "a 1\n");
        chmod(tpath("perm.txt"), 0);
        ck_assert_str_eq(read_err(tpath("perm.txt"), NULL), "perm.txt: permission denied");
    }
}
END_TEST

START_TEST(test_bad_binary_and_gzip)
{
    unsigned char buf[256];
    size_t len = bin_fixture(buf, true);
    write_file(tpath("t.bin"), buf, len - 5); /* cut into the last vector */
    ck_assert_str_eq(read_err(tpath("t.bin"), NULL),
                     "t.bin:byte 39: truncated: row 3 needs 8 bytes of vector, 4 left");
    write_gz(tpath("t.bin.gz"), buf, len - 5);
    ck_assert_str_eq(read_err(tpath("t.bin.gz"), NULL),
                     "t.bin.gz:byte 39: truncated: row 3 needs 8 bytes of vector, 4 left");
    float nan = NAN;
    memcpy(buf + 4 + 6 + 4, &nan, 4); /* alpha's second value */
    write_file(tpath("n.bin"), buf, len);
    ck_assert_str_eq(read_err(tpath("n.bin"), NULL), "n.bin:byte 4: row 1: value 2 is NaN");
    struct read_opts skip = {.quiet = true, .skip_bad = true};
    struct read_report r;
    embx_table *t = read_ok(tpath("n.bin"), &skip, &r);
    ck_assert_uint_eq(t->n, 2);
    ck_assert_uint_eq(r.skipped, 1);
    ck_assert_str_eq(strrchr(r.first_skip, '/') + 1, "n.bin:byte 4: row 1: value 2 is NaN");
    table_free(t);

    /* corrupt gzip: cut short, and a flipped byte in the data */
    char text[4000];
    size_t k = 0;
    for (int i = 0; i < 200; i++) k += (size_t)sprintf(text + k, "w%d %d 1\n", i, i * 7919 % 1000);
    write_gz(tpath("c.gz"), text, k);
    FILE *fp = fopen(tpath("c.gz"), "rb");
    unsigned char gz[4000];
    size_t gl = fread(gz, 1, sizeof gz, fp);
    fclose(fp);
    write_file(tpath("cut.gz"), gz, gl / 2);
    ck_assert(strstr(read_err(tpath("cut.gz"), NULL), "corrupt gzip data (unexpected end of file)"));
    gz[gl - 6] ^= 0x55; /* the CRC */
    write_file(tpath("crc.gz"), gz, gl);
    ck_assert(strstr(read_err(tpath("crc.gz"), NULL), "corrupt gzip data"));
}
END_TEST

START_TEST(test_skip_bad)
{
    write_str(tpath("s.txt"), "a 1 2 3\nb 1 2\nc 1 2 3\nd 1 nan 3\ne 1 2 3\n");
    struct read_opts o = {.quiet = true, .skip_bad = true};
    struct read_report r;
    embx_table *t = read_ok(tpath("s.txt"), &o, &r);
    ck_assert_uint_eq(t->n, 3);
    ck_assert_uint_eq(r.skipped, 2);
    ck_assert_str_eq(strrchr(r.first_skip, '/') + 1, "s.txt:2: too few values (2, expected 3)");
    ck_assert_str_eq(t->words[2], "e");
    table_free(t);
}
END_TEST

/* ---- writers and round trips -------------------------------------------- */

static embx_table *random_table(size_t n, size_t dim)
{
    embx_err e;
    embx_table *t = table_create(n, dim, &e);
    ck_assert_ptr_nonnull(t);
    size_t len = 0;
    char *blob = malloc(n * 24);
    for (size_t i = 0; i < n; i++) {
        /* words with spaces, UTF-8 and invalid bytes; every float shape */
        const char *shape[] = {"w%zu", "new york%zu", "caf\xc3\xa9%zu", "\xff%zu", "1990%zu"};
        len += (size_t)sprintf(blob + len, shape[i % 5], i) + 1;
        for (size_t j = 0; j < dim; j++) {
            float f;
            uint32_t b;
            do {
                b = (uint32_t)rnd();
                memcpy(&f, &b, 4);
            } while (!isfinite(f));
            table_row(t, i)[j] = j % 3 == 0 ? f : (float)((unif() - 0.5) * 2);
        }
    }
    t->n = n;
    ck_assert_int_eq(table_set_vocab(t, blob, len, true, &e), EMBX_OK);
    ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
    return t;
}

static void assert_same(const embx_table *a, const embx_table *b, bool spaces_ok)
{
    ck_assert_uint_eq(a->n, b->n);
    ck_assert_uint_eq(a->dim, b->dim);
    for (size_t i = 0; i < a->n; i++) {
        if (spaces_ok) ck_assert_str_eq(a->words[i], b->words[i]);
        ck_assert_msg(memcmp(table_row(a, i), table_row(b, i), a->dim * sizeof(float)) == 0,
                      "row %zu differs", i);
    }
}

START_TEST(test_round_trips_every_pair)
{
    embx_table *orig = random_table(300, 7);
    /* a copy without spaces in words, for word2vec-bin */
    embx_err e;
    static const enum embx_format fmts[] = {FMT_GLOVE, FMT_WORD2VEC, FMT_FASTTEXT, FMT_WORD2VEC_BIN,
                                            FMT_EMBX};
    const size_t nf = sizeof fmts / sizeof fmts[0];
    for (size_t a = 0; a < nf; a++)
        for (int gza = 0; gza < 2; gza++)
            for (size_t b = 0; b < nf; b++)
                for (int gzb = 0; gzb < 2; gzb++) {
                    if ((fmts[a] == FMT_EMBX && gza) || (fmts[b] == FMT_EMBX && gzb)) continue;
                    bool bin = fmts[a] == FMT_WORD2VEC_BIN || fmts[b] == FMT_WORD2VEC_BIN;
                    embx_table *src = orig;
                    if (bin) {
                        /* word2vec binary cannot hold spaces: it must refuse them */
                        ck_assert_int_eq(formats_write(orig, tpath("x"), FMT_WORD2VEC_BIN, false, &e),
                                         EMBX_ERR);
                        ck_assert(strstr(e.msg, "contains a space"));
                        continue;
                    }
                    const char *pa = tpath(gza ? "a.gz" : "a"), *pb = tpath(gzb ? "b.gz" : "b");
                    ck_assert_msg(formats_write(src, pa, fmts[a], gza, &e) == EMBX_OK, "%s", e.msg);
                    struct load_opts lo = {.read = {.quiet = true}, .no_cache = true};
                    struct read_report r;
                    embx_table *t1 = NULL, *t2 = NULL;
                    ck_assert_msg(load_table(pa, &lo, &t1, &r, &e) == EMBX_OK, "%s", e.msg);
                    assert_same(src, t1, true);
                    ck_assert_msg(formats_write(t1, pb, fmts[b], gzb, &e) == EMBX_OK, "%s", e.msg);
                    ck_assert_msg(load_table(pb, &lo, &t2, &r, &e) == EMBX_OK, "%s", e.msg);
                    assert_same(src, t2, true);
                    table_free(t1);
                    table_free(t2);
                }
    table_free(orig);
}
END_TEST

START_TEST(test_round_trip_binary_pairs)
{
    /* words without spaces: every pair including word2vec-bin */
    embx_err e;
    embx_table *src = NULL;
    {
        embx_table *t = table_create(50, 5, &e);
        char blob[1000];
        size_t len = 0;
        for (size_t i = 0; i < 50; i++) {
            len += (size_t)sprintf(blob + len, i % 2 ? "x\xc3\xa9%zu" : "w%zu", i) + 1;
            for (size_t j = 0; j < 5; j++) table_row(t, i)[j] = (float)((unif() - 0.5) * 1e-3);
        }
        t->n = 50;
        char *b = malloc(len);
        memcpy(b, blob, len);
        ck_assert_int_eq(table_set_vocab(t, b, len, true, &e), EMBX_OK);
        ck_assert_int_eq(table_finish(t, NULL, &e), EMBX_OK);
        src = t;
    }
    static const enum embx_format fmts[] = {FMT_GLOVE, FMT_WORD2VEC, FMT_FASTTEXT, FMT_WORD2VEC_BIN};
    for (size_t a = 0; a < 4; a++)
        for (int gza = 0; gza < 2; gza++)
            for (size_t b = 0; b < 4; b++)
                for (int gzb = 0; gzb < 2; gzb++) {
                    const char *pa = tpath(gza ? "a.gz" : "a"), *pb = tpath(gzb ? "b.gz" : "b");
                    ck_assert_msg(formats_write(src, pa, fmts[a], gza, &e) == EMBX_OK, "%s", e.msg);
                    struct read_opts ro = {.quiet = true};
                    struct read_report r;
                    embx_table *t1 = NULL, *t2 = NULL;
                    ck_assert_msg(formats_read(pa, &ro, &t1, &r, &e) == EMBX_OK, "%s", e.msg);
                    ck_assert_int_eq(r.gzip, gza);
                    ck_assert_int_eq(r.format, fmts[a] == FMT_FASTTEXT ? FMT_WORD2VEC : fmts[a]);
                    assert_same(src, t1, true);
                    ck_assert_msg(formats_write(t1, pb, fmts[b], gzb, &e) == EMBX_OK, "%s", e.msg);
                    ck_assert_msg(formats_read(pb, &ro, &t2, &r, &e) == EMBX_OK, "%s", e.msg);
                    assert_same(src, t2, true);
                    table_free(t1);
                    table_free(t2);
                }
    table_free(src);
}
END_TEST

/* ---- native ------------------------------------------------------------- */

static size_t file_bytes(const char *path, unsigned char **out)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    *out = malloc((size_t)n);
    ck_assert_uint_eq(fread(*out, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    return (size_t)n;
}

static void put64le(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

START_TEST(test_native_roundtrip_and_damage)
{
    embx_table *t = random_table(100, 9);
    embx_err e;
    struct native_source src = {.size = 1234, .mtime_sec = 5, .mtime_nsec = 6, .limit = 7, .format = 2};
    snprintf(src.path, sizeof src.path, "/some/where.txt");
    ck_assert_int_eq(native_write(t, tpath("t.embx"), &src, &e), EMBX_OK);
    embx_table *m = NULL;
    struct native_source got;
    ck_assert_msg(native_open(tpath("t.embx"), &m, &got, &e) == EMBX_OK, "%s", e.msg);
    assert_same(t, m, true);
    ck_assert_str_eq(got.path, "/some/where.txt");
    ck_assert_uint_eq(got.size, 1234);
    ck_assert_uint_eq(got.limit, 7);
    ck_assert_uint_eq(got.format, 2);
    ck_assert_uint_eq(((uintptr_t)m->vecs) % 4096, 0);
    for (size_t i = 0; i < t->n; i++) ck_assert(m->inv_norms[i] == t->inv_norms[i]);
    ck_assert_int_eq(table_find(m, t->words[42]), 42);
    table_free(m);

    unsigned char *orig;
    size_t len = file_bytes(tpath("t.embx"), &orig);
    unsigned char *buf = malloc(len);
    struct {
        const char *what;
        size_t off;   /* byte to change (SIZE_MAX: truncate) */
        int kind;     /* 0: xor byte, 1: set u64 to value, 2: truncate to off */
        uint64_t val;
    } damage[] = {
        {"bad magic", 1, 0, 0},
        {"header checksum", 16, 0, 0},                 /* N */
        {"header checksum", 48, 1, 4096 * 1000},       /* matrix offset */
        {"truncated", 0, 2, 0},
        {"truncated", 100, 2, 0},
        {"truncated", 0, 3, 0},                        /* len - 1 */
        {"vocabulary checksum", 256 + 17, 0, 0},       /* in the vocabulary */
    };
    for (size_t i = 0; i < sizeof damage / sizeof damage[0]; i++) {
        memcpy(buf, orig, len);
        size_t n = len;
        if (damage[i].kind == 0) buf[damage[i].off] ^= 0x40;
        else if (damage[i].kind == 1) put64le(buf + damage[i].off, damage[i].val);
        else if (damage[i].kind == 2) n = damage[i].off;
        else n = len - 1;
        write_file(tpath("d.embx"), buf, n);
        m = NULL;
        ck_assert_int_eq(native_open(tpath("d.embx"), &m, NULL, &e), EMBX_ERR);
        ck_assert_ptr_null(m);
        ck_assert_msg(strstr(e.msg, "damaged .embx file"), "case %zu: %s", i, e.msg);
    }
    /* a bad norm in the data (not covered by a checksum) is still caught */
    memcpy(buf, orig, len);
    float bad = NAN;
    memcpy(buf + len - 4, &bad, 4);
    write_file(tpath("d.embx"), buf, len);
    ck_assert_int_eq(native_open(tpath("d.embx"), &m, NULL, &e), EMBX_ERR);
    ck_assert(strstr(e.msg, "invalid norms"));
    free(buf);
    free(orig);
    table_free(t);
}
END_TEST

/* ---- cache -------------------------------------------------------------- */

START_TEST(test_cache_hit_stale_damaged)
{
    const char *p = tpath("c.txt");
    write_str(p, "a 1 2\nb 3 4\n");
    struct load_opts lo = {.read = {.quiet = true}};
    struct read_report r;
    embx_table *t = NULL;
    embx_err e;
    ck_assert_int_eq(load_table(p, &lo, &t, &r, &e), EMBX_OK);
    ck_assert(!t->from_cache);
    table_free(t);
    ck_assert_int_eq(load_table(p, &lo, &t, &r, &e), EMBX_OK);
    ck_assert(t->from_cache);
    ck_assert(r.from_cache);
    ck_assert_str_eq(t->format, "glove");
    expect_row(t, "b", (float[]){3, 4});
    table_free(t);
    /* --limit is a different table */
    struct load_opts ll = lo;
    ll.read.limit = 1;
    ck_assert_int_eq(load_table(p, &ll, &t, &r, &e), EMBX_OK);
    ck_assert(!t->from_cache);
    ck_assert_uint_eq(t->n, 1);
    table_free(t);

    /* stale: the source changed (size and mtime) */
    write_str(p, "a 1 2\nb 3 5\nc 6 7\n");
    ck_assert_int_eq(load_table(p, &lo, &t, &r, &e), EMBX_OK);
    ck_assert(!t->from_cache);
    ck_assert_msg(strstr(r.cache_note, "stale"), "note: %s", r.cache_note);
    expect_row(t, "b", (float[]){3, 5});
    table_free(t);

    /* damaged: every cache file gets a byte flipped in its header */
    char dir[400];
    ck_assert_int_eq(cache_dir(dir, sizeof dir, &e), EMBX_OK);
    char cmd[1000];
    snprintf(cmd, sizeof cmd,
             "for f in '%s'/*.embx; do printf 'X' | dd of=\"$f\" bs=1 seek=20 conv=notrunc 2>/dev/null; done",
             dir);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(load_table(p, &lo, &t, &r, &e), EMBX_OK);
    ck_assert(!t->from_cache);
    ck_assert_msg(strstr(r.cache_note, "damaged"), "note: %s", r.cache_note);
    expect_row(t, "c", (float[]){6, 7});
    table_free(t);
    /* and rebuilt */
    ck_assert_int_eq(load_table(p, &lo, &t, &r, &e), EMBX_OK);
    ck_assert(t->from_cache);
    ck_assert_str_eq(r.cache_note, "");
    table_free(t);
}
END_TEST

/* The cache's listing and eviction: copies listed oldest first with their
 * side files counted, an orphan (source gone) marked, the oldest evicted
 * down to the cap and the fresh copy spared; sizes parsed and printed. */
START_TEST(test_cache_list_and_evict)
{
    struct load_opts lo = {.read = {.quiet = true}};
    const char *names[3] = {"c0.txt", "c1.txt", "c2.txt"};
    char file[3][4096];
    for (int i = 0; i < 3; i++) {
        write_str(tpath(names[i]), "a 1 2 3\nb 4 5 6\n");
        embx_table *t = NULL;
        struct read_report r;
        embx_err e;
        ck_assert_int_eq(load_table(tpath(names[i]), &lo, &t, &r, &e), EMBX_OK);
        ck_assert_msg(strstr(r.cache_note, "cached a native copy ("), "%s", r.cache_note);
        table_free(t);
        ck_assert_int_eq(cache_file_for(tpath(names[i]), &lo.read, file[i], sizeof file[i], &e), EMBX_OK);
        ck_assert_msg(strstr(r.cache_note, file[i]), "%s", r.cache_note);
        /* ages 300, 200, 100 s: c0 is the oldest */
        struct timespec ts[2] = {{.tv_sec = time(NULL) - 300 + 100 * i}, {.tv_sec = time(NULL) - 300 + 100 * i}};
        ck_assert_int_eq(utimensat(AT_FDCWD, file[i], ts, 0), 0);
    }
    /* a side file (an index) belongs to c1's entry */
    char side[4096];
    snprintf(side, sizeof side, "%.*s.hnsw", (int)(strlen(file[1]) - 5), file[1]);
    write_str(side, "0123456789");
    write_str(tpath("cache/embx/README"), "not ours");   /* left alone */
    unlink(tpath("c2.txt"));

    char dir[4096];
    embx_err e;
    ck_assert_int_eq(cache_dir(dir, sizeof dir, &e), EMBX_OK);
    struct cache_entry *v;
    size_t n;
    ck_assert_int_eq(cache_list(dir, &v, &n, &e), EMBX_OK);
    ck_assert_uint_eq(n, 3);
    for (int i = 0; i < 3; i++) {
        ck_assert_str_eq(v[i].file, file[i]);
        ck_assert_msg(strstr(v[i].source, names[i]), "%s", v[i].source);
        ck_assert(v[i].orphan == (i == 2));
    }
    struct stat st;
    ck_assert_int_eq(stat(file[1], &st), 0);
    ck_assert_uint_eq(v[1].bytes, (uint64_t)st.st_size + 10);

    bool ev[3];
    uint64_t all = v[0].bytes + v[1].bytes + v[2].bytes;
    ck_assert_uint_eq(cache_evict_choice(v, 3, 0, NULL, ev), 0);          /* no cap */
    ck_assert_uint_eq(cache_evict_choice(v, 3, all, NULL, ev), 0);        /* at the cap */
    ck_assert_uint_eq(cache_evict_choice(v, 3, all - 1, NULL, ev), 1);    /* the oldest goes */
    ck_assert(ev[0] && !ev[1] && !ev[2]);
    ck_assert_uint_eq(cache_evict_choice(v, 3, v[2].bytes, NULL, ev), 2);
    ck_assert(ev[0] && ev[1] && !ev[2]);
    ck_assert_uint_eq(cache_evict_choice(v, 3, 1, file[0], ev), 2);       /* keep is spared */
    ck_assert(!ev[0] && ev[1] && ev[2]);

    size_t removed;
    uint64_t freed;
    ck_assert_int_eq(cache_enforce_cap(v[1].bytes + v[2].bytes, NULL, &removed, &freed, &e), EMBX_OK);
    ck_assert_uint_eq(removed, 1);
    ck_assert_uint_eq(freed, v[0].bytes);
    ck_assert_int_ne(access(file[0], F_OK), 0);
    ck_assert_int_eq(cache_remove(&v[1], &e), EMBX_OK);
    ck_assert_int_ne(access(file[1], F_OK), 0);
    ck_assert_int_ne(access(side, F_OK), 0);
    ck_assert_int_eq(access(tpath("cache/embx/README"), F_OK), 0);
    free(v);
    ck_assert_int_eq(cache_list(dir, &v, &n, &e), EMBX_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(v[0].file, file[2]);
    free(v);

    uint64_t b;
    ck_assert_int_eq(cache_parse_size("500M", &b), 0);
    ck_assert_uint_eq(b, 500ull << 20);
    ck_assert_int_eq(cache_parse_size("2GiB", &b), 0);
    ck_assert_uint_eq(b, 2ull << 30);
    ck_assert_int_eq(cache_parse_size("1.5k", &b), 0);
    ck_assert_uint_eq(b, 1536);
    ck_assert_int_eq(cache_parse_size("off", &b), 0);
    ck_assert_uint_eq(b, 0);
    ck_assert_int_eq(cache_parse_size("12", &b), 0);
    ck_assert_uint_eq(b, 12);
    ck_assert_int_ne(cache_parse_size("-1G", &b), 0);
    ck_assert_int_ne(cache_parse_size("5X", &b), 0);
    ck_assert_int_ne(cache_parse_size("", &b), 0);
    char buf[32];
    ck_assert_str_eq(cache_size_str(512, buf, sizeof buf), "512 B");
    ck_assert_str_eq(cache_size_str(1536, buf, sizeof buf), "1.5 KB");
    ck_assert_str_eq(cache_size_str(300ull << 20, buf, sizeof buf), "300 MB");
}
END_TEST

/* rowcsv: records joined with '|' and fields with ';', each prefixed by its line */
struct csvlog { char buf[1024]; };

static int csv_collect(void *ctx, char **f, size_t n, size_t line, embx_err *e)
{
    (void)e;
    struct csvlog *l = ctx;
    size_t k = strlen(l->buf);
    k += (size_t)snprintf(l->buf + k, sizeof l->buf - k, "%zu:", line);
    for (size_t i = 0; i < n; i++) k += (size_t)snprintf(l->buf + k, sizeof l->buf - k, "%s%s", i ? ";" : "", f[i]);
    snprintf(l->buf + k, sizeof l->buf - k, "|");
    return EMBX_OK;
}

static const char *csv_read(const char *text, int *rc, embx_err *e)
{
    static struct csvlog l;
    memset(&l, 0, sizeof l);
    write_str(tpath("r.csv"), text);
    *rc = rowcsv_read(tpath("r.csv"), csv_collect, &l, e);
    return l.buf;
}

START_TEST(test_rowcsv_rfc4180)
{
    embx_err e = {0};
    int rc;
    /* a BOM, CRLF, quoted commas, doubled quotes, a line break in a field,
     * an empty field, a blank line, no newline at the end */
    const char *got = csv_read("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                               "2,\"two\nlines\",\n\n,,3", &rc, &e);
    ck_assert_int_eq(rc, EMBX_OK);
    ck_assert_str_eq(got, "1:a;b;c|2:1;x, y;say \"hi\"|3:2;two\nlines;|6:;;3|");
    got = csv_read("a,b\n1,\"open\n2,b\n", &rc, &e);
    ck_assert_int_eq(rc, EMBX_ERR);
    ck_assert(strstr(e.msg, "r.csv:2: a quoted field opened here is never closed"));
    csv_read("a,b\n1,2\n3\n", &rc, &e);
    ck_assert_int_eq(rc, EMBX_ERR);
    ck_assert(strstr(e.msg, "r.csv:3: 1 field, the header has 2"));
    csv_read("a,b\n1,x\"y\n", &rc, &e);
    ck_assert_int_eq(rc, EMBX_ERR);
    ck_assert(strstr(e.msg, "r.csv:2: a quote inside an unquoted field"));
    csv_read("a,b\n\"1\"x,2\n", &rc, &e);
    ck_assert_int_eq(rc, EMBX_ERR);
    ck_assert(strstr(e.msg, "r.csv:2: text after the closing quote"));
    csv_read("", &rc, &e);
    ck_assert_int_eq(rc, EMBX_ERR);
    ck_assert(strstr(e.msg, "is empty"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("formats");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_float_random_vs_strtof);
    tcase_add_test(tc, test_float_edge_cases);
    tcase_add_test(tc, test_float_adversarial_vs_strtof);
    tcase_add_test(tc, test_float_short_path_vs_strtof);
    tcase_add_test(tc, test_float_format_vs_printf);
    tcase_add_test(tc, test_textrow_wide_vs_portable);
    tcase_add_test(tc, test_read_norms_as_computed);
    tcase_add_test(tc, test_read_glove);
    tcase_add_test(tc, test_read_words_with_spaces);
    tcase_add_test(tc, test_read_word2vec_text_and_fasttext);
    tcase_add_test(tc, test_read_word2vec_binary);
    tcase_add_test(tc, test_read_gzip_text_and_limit);
    tcase_add_test(tc, test_read_parallel_chunks);
    tcase_add_test(tc, test_read_threads_bit_identical);
    tcase_add_test(tc, test_read_threads_same_errors);
    tcase_add_test(tc, test_read_oddities);
    tcase_add_test(tc, test_format_detect_and_names);
    tcase_add_test(tc, test_bad_input_messages);
    tcase_add_test(tc, test_bad_binary_and_gzip);
    tcase_add_test(tc, test_skip_bad);
    tcase_add_test(tc, test_round_trips_every_pair);
    tcase_add_test(tc, test_round_trip_binary_pairs);
    tcase_add_test(tc, test_native_roundtrip_and_damage);
    tcase_add_test(tc, test_cache_hit_stale_damaged);
    tcase_add_test(tc, test_cache_list_and_evict);
    tcase_add_test(tc, test_rowcsv_rfc4180);
    tcase_add_test(tc, test_fasttext_hash_signed_bytes);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
