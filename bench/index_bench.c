/* index_bench: embx's side of bench/index. Loads TABLE, draws QUERIES random
 * rows (seeded), computes their exact top 10 (each row excluded from its own
 * answers), builds the HNSW index with the given parameters on THREADS
 * threads, then answers the queries one at a time on one thread. Writes
 * OUT.rows (query rows), OUT.gt (exact answers), OUT.f32 (the raw matrix,
 * for the peer) and OUT.embx (the figures, "key value" lines).
 * usage: index_bench TABLE QUERIES M EF_CONSTRUCTION EF THREADS OUT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "hnsw.h"
#include "knn.h"
#include "load.h"
#include "progress.h"

enum { K = 10 };

static long rss_kb(void)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (fp && fgets(line, sizeof line, fp))
        if (sscanf(line, "VmRSS: %ld", &kb) == 1) break;
    if (fp) fclose(fp);
    return kb;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static FILE *open_out(const char *base, const char *ext)
{
    char p[4096];
    snprintf(p, sizeof p, "%s.%s", base, ext);
    FILE *fp = fopen(p, "wb");
    if (!fp) { perror(p); exit(1); }
    return fp;
}

int main(int argc, char **argv)
{
    if (argc != 8) {
        fprintf(stderr, "usage: index_bench TABLE QUERIES M EF_CONSTRUCTION EF THREADS OUT\n");
        return 2;
    }
    size_t nq = (size_t)atol(argv[2]), ef = (size_t)atol(argv[5]);
    struct hnsw_params p;
    hnsw_params_default(&p);
    p.m = atoi(argv[3]);
    p.ef_construction = atoi(argv[4]);
    p.threads = atoi(argv[6]);
    const char *out = argv[7];
    embx_err e;
    struct load_opts lo;
    memset(&lo, 0, sizeof lo);
    struct read_report rr;
    embx_table *t = NULL;
    if (load_table(argv[1], &lo, &t, &rr, &e)) { fprintf(stderr, "index_bench: %s\n", e.msg); return 1; }
    if (nq > t->n) nq = t->n;

    /* query rows: distinct, random, seeded */
    size_t *rows = malloc(sizeof *rows * nq);
    unsigned char *taken = calloc(t->n, 1);
    uint64_t s = 42;
    for (size_t i = 0; i < nq;) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t r = (size_t)((s >> 33) % t->n);
        if (taken[r] || table_row_is_zero(t, r)) continue;
        taken[r] = 1;
        rows[i++] = r;
    }
    free(taken);
    float *Q = malloc(sizeof(float) * t->dim * nq);
    for (size_t i = 0; i < nq; i++) memcpy(Q + i * t->dim, table_row(t, rows[i]), sizeof(float) * t->dim);
    struct knn_hit *gt = malloc(sizeof *gt * K * nq), *hits = malloc(sizeof *hits * K * nq);
    if (knn_query_batch(t, Q, nq, K, 0, rows, 1, p.threads, gt, &e)) { fprintf(stderr, "index_bench: %s\n", e.msg); return 1; }
    FILE *fr = open_out(out, "rows"), *fg = open_out(out, "gt"), *fm = open_out(out, "f32");
    for (size_t i = 0; i < nq; i++) {
        fprintf(fr, "%zu\n", rows[i]);
        for (size_t j = 0; j < K; j++) fprintf(fg, "%zu%c", gt[i * K + j].row, j + 1 < K ? ' ' : '\n');
    }
    if (fwrite(t->vecs, sizeof(float) * t->dim, t->n, fm) != t->n) { perror("matrix"); return 1; }
    fclose(fr);
    fclose(fg);
    fclose(fm);

    long rss0 = rss_kb();
    double w0 = progress_now(), c0 = cpu_s();
    struct hnsw *h = NULL;
    progress pr;
    setenv("EMBX_PROGRESS", "0", 1);   /* no progress lines inside the timed build */
    if (hnsw_build(t, &p, &pr, &h, &e)) { fprintf(stderr, "index_bench: %s\n", e.msg); return 1; }
    double build = progress_now() - w0, build_cpu = cpu_s() - c0;
    long rss1 = rss_kb();
    struct hnsw_info in;
    hnsw_get_info(h, &in);

    double *lat = malloc(sizeof(double) * nq);
    size_t found = 0;
    double qcpu = 0;
    for (int pass = 0; pass < 2; pass++) {    /* the first pass warms the caches */
        double qc0 = cpu_s();
        for (size_t i = 0; i < nq; i++) {
            size_t nh;
            double q0 = progress_now();
            if (hnsw_search(h, t, Q + i * t->dim, K, ef, &rows[i], 1, hits + i * K, &nh, &e)) {
                fprintf(stderr, "index_bench: %s\n", e.msg);
                return 1;
            }
            lat[i] = progress_now() - q0;
            if (pass == 0) continue;
            for (size_t a = 0; a < nh; a++)
                for (size_t b = 0; b < K; b++)
                    if (hits[i * K + a].row == gt[i * K + b].row) { found++; break; }
        }
        qcpu = cpu_s() - qc0;
    }
    double mean = 0;
    for (size_t i = 0; i < nq; i++) mean += lat[i];
    mean /= (double)nq;
    qsort(lat, nq, sizeof *lat, cmp_d);

    /* the stored index: what the next session pays instead of a build */
    char path[4096];
    snprintf(path, sizeof path, "%s.hnsw", out);
    if (hnsw_save(h, path, &e)) { fprintf(stderr, "index_bench: %s\n", e.msg); return 1; }
    double l0 = progress_now();
    struct hnsw *g = NULL;
    if (hnsw_load(path, t, &g, &e)) { fprintf(stderr, "index_bench: %s\n", e.msg); return 1; }
    double load = progress_now() - l0;
    remove(path);

    FILE *fo = open_out(out, "embx");
    fprintf(fo, "rows %zu\ndim %zu\nbuild_s %.3f\nbuild_cpu_s %.3f\nmem_mb %.1f\nindex_mb %.1f\n"
            "query_ms_median %.4f\nquery_ms_p90 %.4f\nquery_ms_mean %.4f\nquery_cpu_ms_mean %.4f\nrecall %.4f\nload_s %.3f\n",
            t->n, t->dim, build, build_cpu, (rss1 - rss0) / 1024.0, in.memory / 1e6,
            lat[nq / 2] * 1e3, lat[nq * 9 / 10] * 1e3, mean * 1e3, qcpu / (double)nq * 1e3, (double)found / (double)(nq * K), load);
    fclose(fo);
    hnsw_free(g);
    hnsw_free(h);
    free(lat); free(rows); free(Q); free(gt); free(hits);
    table_free(t);
    return 0;
}
