/* fast_bench: the `nn --fast` scan alone, for A/B runs of its kernel and
 * candidate selection without the command layer. Generates ROWS x DIM
 * float32 gaussians in 1000 clusters in memory (as gen_query_table.py
 * does), builds the int8 copy, then prints, as medians over QUERIES rows
 * (each excluded from its own answers, k = 10, default candidates):
 *   floor8    one read of the int8 copy with THREADS threads (ms)
 *   fast      quant_query (ms) and its ratio to floor8, and the CPU time
 *             (all threads) a query took: steadier on a busy machine
 *   rescore   the exact re-scoring of as many spread rows as --fast takes (ms)
 *   exact     knn_query (ms)
 *   recall    recall@10 of --fast against exact over the queries
 * Built by bench/fast-scan (the floor at -march=native, as bench/query).
 * usage: fast_bench [ROWS [DIM [QUERIES [THREADS [fast]]]]]   (THREADS 0 = all
 * cores; "fast": only the --fast queries, for perf) */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "memfloor.h"
#include "knn.h"
#include "quant.h"
#include "table.h"

enum { K = 10 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* User + system CPU seconds of the process (all threads). */
static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

static int cmp_z(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static double uni(void)
{
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return ((rng >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}
static float gauss(void) { return (float)(sqrt(-2 * log(uni())) * cos(6.283185307179586 * uni())); }

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 400000;
    size_t dim = argc > 2 ? strtoull(argv[2], NULL, 10) : 300;
    size_t nq = argc > 3 ? strtoull(argv[3], NULL, 10) : 40;
    int threads = argc > 4 ? atoi(argv[4]) : 0;
    /* "fast": only the --fast queries (for perf stat / perf record) */
    bool only_fast = argc > 5 && strcmp(argv[5], "fast") == 0;
    embx_err e;
    embx_table *t = table_create(n, dim, &e);
    if (!t) { fprintf(stderr, "%s\n", e.msg); return 1; }
    char *blob = malloc(n * 16), *p = blob;
    float *centres = malloc(sizeof(float) * 1000 * dim);
    for (size_t i = 0; i < 1000 * dim; i++) centres[i] = gauss();
    for (size_t i = 0; i < n; i++) {
        p += sprintf(p, "w%zu", i) + 1;
        const float *c = centres + (size_t)(uni() * 1000) % 1000 * dim;
        for (size_t j = 0; j < dim; j++) table_row(t, i)[j] = c[j] + 0.8f * gauss();
    }
    t->n = n;
    if (table_set_vocab(t, blob, (size_t)(p - blob), true, &e) || table_finish(t, NULL, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    struct quant *qz;
    if (quant_build(t, threads, &qz, &e)) { fprintf(stderr, "%s\n", e.msg); return 1; }
    int nt = threads;
#ifdef _OPENMP
    if (nt <= 0) nt = omp_get_num_procs();
#else
    nt = 1;
#endif
    size_t nf = (n * dim + 3) / 4;
    float *m8 = aligned_alloc(64, (nf * sizeof(float) + 63) / 64 * 64);
    for (size_t i = 0; i < nf; i++) m8[i] = (float)(i & 1023) * 1e-3f;
    /* the --fast floor: the int8 copy read once, as nf floats */
    double fl = only_fast ? 1 : memfloor_read_ms(m8, nf, nt);
    free(m8);

    double *tf = malloc(sizeof(double) * nq), *te = malloc(sizeof(double) * nq), *te2 = malloc(sizeof(double) * nq);
    struct knn_hit a[K], b[K];
    size_t na, nb, found = 0, total = 0;
    for (size_t r = 0; r < nq; r++) {
        size_t row = (r * 7919 + 13) % n;
        const float *q = table_row(t, row);
        double t0 = now();
        na = 0;
        if (!only_fast && knn_query(t, q, K, 0, &row, 1, threads, a, &na, &e)) { fprintf(stderr, "%s\n", e.msg); return 1; }
        te[r] = (now() - t0) * 1e3;
        if (quant_query(t, qz, q, K, quant_candidates(K), 0, &row, 1, threads, b, &nb, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 1;
        }
        for (size_t i = 0; i < na; i++)
            for (size_t j = 0; j < nb; j++)
                if (a[i].row == b[j].row) {
                    found++;
                    if (a[i].score != b[j].score) { fprintf(stderr, "score differs at row %zu\n", a[i].row); return 1; }
                }
        total += na;
    }
    /* the --fast queries again on their own: wall time each, CPU time in all */
    double c0 = cpu_s();
    for (size_t r = 0; r < nq; r++) {
        size_t row = (r * 7919 + 13) % n;
        double t0 = now();
        quant_query(t, qz, table_row(t, row), K, quant_candidates(K), 0, &row, 1, threads, b, &nb, &e);
        tf[r] = (now() - t0) * 1e3;
    }
    double cpu = (cpu_s() - c0) * 1e3 / (double)nq;
    /* the exact re-scoring alone: quant_candidates(K) spread rows, in row order */
    size_t nc = quant_candidates(K) < n ? quant_candidates(K) : n, *crow = malloc(sizeof(size_t) * nc);
    for (size_t r = 0; r < nq; r++) {
        for (size_t i = 0; i < nc; i++) crow[i] = (i * (n / nc) + r * 31 + i * i % 97) % n;
        qsort(crow, nc, sizeof(size_t), cmp_z);
        double t0 = now();
        knn_query_rows(t, table_row(t, r), crow, nc, K, threads, b, &nb, &e);
        te2[r] = (now() - t0) * 1e3;
    }
    qsort(te2, nq, sizeof(double), cmp_d);
    free(crow);
    qsort(tf, nq, sizeof(double), cmp_d);
    qsort(te, nq, sizeof(double), cmp_d);
    printf("rows %zu dim %zu threads %d queries %zu\n", n, dim, nt, nq);
    printf("floor8 %.3f ms\nfast %.3f ms (%.2fx floor8), CPU %.3f ms a query\nrescore %zu rows %.3f ms\nexact %.3f ms\nrecall@10 %.4f\n",
           fl, tf[nq / 2], tf[nq / 2] / fl, cpu, nc, te2[nq / 2], te[nq / 2], total ? (double)found / total : 1.0);
    quant_free(qz);
    table_free(t);
    free(centres); free(tf); free(te); free(te2);
    return 0;
}
