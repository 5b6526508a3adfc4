/* memfloor: the time to read n floats once from memory with `threads`
 * OpenMP threads, the physical floor of a full scan; shared by memread.c
 * (bench/query's floor) and fast_bench.c (the --fast floor) so both measure
 * with the same loop. Header-only: the bench programs are single files. */
#ifndef EMBX_BENCH_MEMFLOOR_H
#define EMBX_BENCH_MEMFLOOR_H
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double memfloor_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int memfloor_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median of 9 passes over m[0..n), in milliseconds; the sum goes to stderr
 * so the reads cannot be optimized away. */
static double memfloor_read_ms(const float *m, size_t n, int threads)
{
    enum { PASSES = 9 };
    double t[PASSES], sink = 0;
    for (int p = 0; p < PASSES; p++) {
        double t0 = memfloor_now();
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
        t[p] = memfloor_now() - t0;
        sink += total;
    }
    (void)threads;
    qsort(t, PASSES, sizeof(double), memfloor_cmp);
    fprintf(stderr, "(checksum %g)\n", sink);
    return t[PASSES / 2] * 1e3;
}

#endif
