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
#include "memfloor.h"

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: memread ROWS DIM [THREADS]\n"); return 2; }
    size_t n = strtoull(argv[1], NULL, 10) * strtoull(argv[2], NULL, 10);
    int threads = argc > 3 ? atoi(argv[3]) : 1;
    float *m = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
    if (!m) { perror("memread"); return 1; }
    for (size_t i = 0; i < n; i++) m[i] = (float)(i & 1023) * 1e-3f;
    printf("%.3f\n", memfloor_read_ms(m, n, threads));
    free(m);
    return 0;
}
