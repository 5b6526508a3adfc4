/* memread: the physical floor of a full-table query, the time to read a
 * rows x dim float32 matrix once from memory (a sum over every float, with
 * OpenMP threads as the query uses them). Prints the median of several
 * passes in milliseconds.
 * usage: memread ROWS DIM [THREADS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: memread ROWS DIM [THREADS]\n"); return 2; }
    size_t n = strtoull(argv[1], NULL, 10) * strtoull(argv[2], NULL, 10);
    int threads = argc > 3 ? atoi(argv[3]) : 1;
    float *m = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
    if (!m) { perror("memread"); return 1; }
    for (size_t i = 0; i < n; i++) m[i] = (float)(i & 1023) * 1e-3f;
    enum { PASSES = 9 };
    double t[PASSES], sink = 0;
    for (int p = 0; p < PASSES; p++) {
        double t0 = now();
        float total = 0;
#ifdef _OPENMP
#pragma omp parallel for num_threads(threads) reduction(+:total) schedule(static)
#endif
        for (size_t b = 0; b < n; b += 4096) {
            /* 8 independent sums so the loop is bound by memory, not by adds */
            float acc[8] = {0};
            size_t end = b + 4096 < n ? b + 4096 : n, i = b;
            for (; i + 8 <= end; i += 8)
                for (int k = 0; k < 8; k++) acc[k] += m[i + k];
            for (; i < end; i++) acc[0] += m[i];
            for (int k = 0; k < 8; k++) total += acc[k];
        }
        t[p] = now() - t0;
        sink += total;
    }
    qsort(t, PASSES, sizeof(double), cmp);
    printf("%.3f\n", t[PASSES / 2] * 1e3);
    fprintf(stderr, "(checksum %g)\n", sink);
    free(m);
    return 0;
}
