/* mktable: writes a deterministic table in GloVe text format for the tests.
 * usage: mktable OUT N DIM SEED [--clusters C] [--sig]
 * Words are w0..w{N-1}; values come from a splitmix64 generator so every
 * machine produces the same file. With --clusters, rows are noisy copies of
 * C random centres (row i belongs to centre i % C). Values are written with
 * five decimals ("-0.01412"), or with --sig as the published GloVe files
 * write them, five significant digits ("-0.0074364", "0.41242"). */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

#include "splitmix.h"


int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: mktable OUT N DIM SEED [--clusters C] [--sig]\n");
        return 2;
    }
    const char *out = argv[1];
    long n = atol(argv[2]), dim = atol(argv[3]);
    state = strtoull(argv[4], NULL, 10);
    long clusters = 0;
    int sig = 0;
    for (int a = 5; a < argc; a++) {
        if (strcmp(argv[a], "--clusters") == 0 && a + 1 < argc) clusters = atol(argv[++a]);
        else if (strcmp(argv[a], "--sig") == 0) sig = 1;
        else { fprintf(stderr, "mktable: unknown option %s\n", argv[a]); return 2; }
    }
    if (n <= 0 || dim <= 0) { fprintf(stderr, "mktable: bad size\n"); return 2; }
    FILE *fp = strcmp(out, "-") == 0 ? stdout : fopen(out, "w");
    if (!fp) { perror(out); return 1; }
    double *centres = NULL;
    if (clusters > 0) {
        centres = malloc(sizeof(double) * clusters * dim);
        for (long i = 0; i < clusters * dim; i++) centres[i] = gauss();
    }
    for (long i = 0; i < n; i++) {
        fprintf(fp, "w%ld", i);
        for (long j = 0; j < dim; j++) {
            double v = clusters > 0 ? centres[(i % clusters) * dim + j] + 0.15 * gauss() : gauss() * 0.5;
            if (sig) fprintf(fp, " %.5g", v);
            else fprintf(fp, " %.5f", v);
        }
        fputc('\n', fp);
    }
    free(centres);
    if (fp != stdout && fclose(fp) != 0) { perror(out); return 1; }
    return 0;
}
