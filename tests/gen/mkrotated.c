/* mkrotated: writes a copy of a GloVe-text table turned by a random
 * rotation, with a little noise and a few planted "movers", for the compare
 * tests and benchmark.
 * usage: mkrotated IN OUT SEED [--noise S] [--move W1,W2,...] [--drop N]
 *                  [--prefix P] [--binary]
 *   IN        a GloVe text table, or random:NxD for N random rows of D dims
 *   --noise   relative Gaussian noise per row (default 0.02)
 *   --move    these words get an unrelated random vector of the same norm
 *   --drop    leave out the last N rows
 *   --prefix  prepend P to every word (no shared vocabulary)
 *   --binary  word2vec binary output instead of GloVe text
 *   --identity  no rotation (noise and movers only)
 *   --base F  also write the input rows, unchanged, to F (same format)
 * Values come from a seeded GSL generator, so every machine writes the same file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

/* GSL's Mersenne Twister: the same stream, so the same file, everywhere */
static gsl_rng *rng;
static double gauss(void) { return gsl_ran_gaussian_ziggurat(rng, 1.0); }

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "mkrotated: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

struct tab { long n, d; char **words; float *v; };

static void read_text(const char *path, struct tab *t)
{
    FILE *fp = fopen(path, "r");
    if (!fp) die("cannot open", path);
    long cap = 1024;
    char *line = NULL;
    size_t len = 0;
    t->n = 0; t->d = 0;
    t->words = malloc(sizeof(char *) * cap);
    t->v = NULL;
    while (getline(&line, &len, fp) > 0) {
        char *save = NULL, *w = strtok_r(line, " \t\r\n", &save);
        if (!w) continue;
        if (t->n == cap) { cap *= 2; t->words = realloc(t->words, sizeof(char *) * cap); }
        long j = 0;
        float row[4096];
        for (char *tok; (tok = strtok_r(NULL, " \t\r\n", &save)) && j < 4096;) row[j++] = strtof(tok, NULL);
        if (t->d == 0) { t->d = j; t->v = malloc(sizeof(float) * cap * j); }
        if (j != t->d) die("rows of different lengths in", path);
        t->v = realloc(t->v, sizeof(float) * cap * t->d);
        memcpy(t->v + t->n * t->d, row, sizeof(float) * t->d);
        t->words[t->n++] = strdup(w);
    }
    free(line);
    fclose(fp);
    if (t->n == 0) die("no rows in", path);
}

static void make_random(const char *spec, struct tab *t)
{
    if (sscanf(spec, "random:%ldx%ld", &t->n, &t->d) != 2 || t->n <= 0 || t->d <= 0)
        die("bad random spec (want random:NxD)", spec);
    t->words = malloc(sizeof(char *) * t->n);
    t->v = malloc(sizeof(float) * t->n * t->d);
    if (!t->words || !t->v) die("out of memory", NULL);
    for (long i = 0; i < t->n; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "w%ld", i);
        t->words[i] = strdup(buf);
        for (long j = 0; j < t->d; j++) t->v[i * t->d + j] = (float)(0.5 * gauss());
    }
}

/* A random orthogonal matrix: Gram-Schmidt on Gaussian rows. */
static double *rotation(long d)
{
    double *q = malloc(sizeof(double) * d * d);
    for (long i = 0; i < d * d; i++) q[i] = gauss();
    for (long i = 0; i < d; i++) {
        double *r = q + i * d;
        for (int pass = 0; pass < 2; pass++)
            for (long k = 0; k < i; k++) {
                double dot = 0, *p = q + k * d;
                for (long j = 0; j < d; j++) dot += r[j] * p[j];
                for (long j = 0; j < d; j++) r[j] -= dot * p[j];
            }
        double nn = 0;
        for (long j = 0; j < d; j++) nn += r[j] * r[j];
        nn = 1.0 / sqrt(nn);
        for (long j = 0; j < d; j++) r[j] *= nn;
    }
    return q;
}

static void write_row(FILE *fp, int binary, const char *prefix, const char *word,
                      const double *y, float *f, long d)
{
    if (binary) {
        for (long j = 0; j < d; j++) f[j] = (float)y[j];
        fprintf(fp, "%s%s ", prefix, word);
        fwrite(f, sizeof(float), d, fp);
        fputc('\n', fp);
    } else {
        fprintf(fp, "%s%s", prefix, word);
        for (long j = 0; j < d; j++) fprintf(fp, " %.5f", y[j]);
        fputc('\n', fp);
    }
}

static int listed(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; p && *p;) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (len == n && strncmp(p, w, n) == 0) return 1;
        p = c ? c + 1 : NULL;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: mkrotated IN OUT SEED [--noise S] [--move W,W] [--drop N] "
                "[--prefix P] [--binary] [--identity] [--base F]\n");
        return 2;
    }
    const char *in = argv[1], *out = argv[2], *move = NULL, *prefix = "", *base = NULL;
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) die("out of memory", NULL);
    gsl_rng_set(rng, strtoul(argv[3], NULL, 10));
    double noise = 0.02;
    long drop = 0;
    int binary = 0, identity = 0;
    for (int i = 4; i < argc; i++) {
        if (strcmp(argv[i], "--noise") == 0 && i + 1 < argc) noise = atof(argv[++i]);
        else if (strcmp(argv[i], "--move") == 0 && i + 1 < argc) move = argv[++i];
        else if (strcmp(argv[i], "--drop") == 0 && i + 1 < argc) drop = atol(argv[++i]);
        else if (strcmp(argv[i], "--prefix") == 0 && i + 1 < argc) prefix = argv[++i];
        else if (strcmp(argv[i], "--binary") == 0) binary = 1;
        else if (strcmp(argv[i], "--identity") == 0) identity = 1;
        else if (strcmp(argv[i], "--base") == 0 && i + 1 < argc) base = argv[++i];
        else die("unknown option", argv[i]);
    }
    struct tab t;
    if (strncmp(in, "random:", 7) == 0) make_random(in, &t);
    else read_text(in, &t);
    long d = t.d, n = t.n - drop;
    if (n < 1) die("--drop leaves no rows", NULL);
    double *q = identity ? NULL : rotation(d);
    FILE *fp = strcmp(out, "-") == 0 ? stdout : fopen(out, "wb");
    if (!fp) die("cannot write", out);
    FILE *bp = base ? fopen(base, "wb") : NULL;
    if (base && !bp) die("cannot write", base);
    if (binary) fprintf(fp, "%ld %ld\n", n, d);
    if (bp && binary) fprintf(bp, "%ld %ld\n", n, d);
    double *y = malloc(sizeof(double) * d);
    float *f = malloc(sizeof(float) * d);
    for (long i = 0; i < n; i++) {
        const float *x = t.v + i * d;
        double nn = 0;
        for (long j = 0; j < d; j++) nn += (double)x[j] * x[j];
        double scale = sqrt(nn / (double)d);
        if (listed(move, t.words[i])) {
            /* planted mover: a fresh direction, same length */
            double m2 = 0;
            for (long j = 0; j < d; j++) { y[j] = gauss(); m2 += y[j] * y[j]; }
            for (long j = 0; j < d; j++) y[j] *= sqrt(nn / m2);
        } else if (q) {
            /* y = x Q */
            for (long j = 0; j < d; j++) y[j] = 0;
            for (long k = 0; k < d; k++) {
                const double *r = q + k * d;
                for (long j = 0; j < d; j++) y[j] += x[k] * r[j];
            }
        } else {
            for (long j = 0; j < d; j++) y[j] = x[j];
        }
        for (long j = 0; j < d; j++) y[j] += noise * scale * gauss();
        write_row(fp, binary, prefix, t.words[i], y, f, d);
        if (bp) {
            for (long j = 0; j < d; j++) y[j] = x[j];
            write_row(bp, binary, "", t.words[i], y, f, d);
        }
    }
    if (fp != stdout && fclose(fp) != 0) die("cannot write", out);
    if (bp && fclose(bp) != 0) die("cannot write", base);
    for (long i = 0; i < t.n; i++) free(t.words[i]);
    free(t.words);
    free(t.v);
    free(q);
    free(y);
    free(f);
    gsl_rng_free(rng);
    return 0;
}
