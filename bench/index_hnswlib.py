#!/usr/bin/env python3
"""hnswlib's side of bench/index: the same matrix (OUT.f32, rows x dim
float32), the same query rows and exact answers (OUT.rows, OUT.gt), the same
M, ef_construction, ef and build threads. Cosine as the inner product of
unit rows (what embx computes). Queries one at a time on one thread, k = 11
with the query row itself dropped (embx excludes it). Writes OUT.hnswlib.

usage: index_hnswlib.py OUT ROWS DIM M EF_CONSTRUCTION EF THREADS"""
import sys
import time

import hnswlib
import numpy as np


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def main():
    out = sys.argv[1]
    n, d, m, efc, ef, threads = map(int, sys.argv[2:8])
    x = np.fromfile(out + ".f32", dtype=np.float32).reshape(n, d)
    norms = np.linalg.norm(x, axis=1)
    norms[norms == 0] = 1
    x /= norms[:, None]
    rows = np.loadtxt(out + ".rows", dtype=np.int64, ndmin=1)
    gt = np.loadtxt(out + ".gt", dtype=np.int64, ndmin=2)
    rss0 = rss_kb()
    w0, c0 = time.perf_counter(), time.process_time()
    idx = hnswlib.Index(space="ip", dim=d)
    idx.init_index(max_elements=n, ef_construction=efc, M=m, random_seed=1)
    idx.add_items(x, np.arange(n), num_threads=threads)
    build, build_cpu = time.perf_counter() - w0, time.process_time() - c0
    rss1 = rss_kb()
    idx.set_ef(ef)
    idx.set_num_threads(1)
    lat = np.zeros(len(rows))
    found = 0
    qcpu = 0.0
    for p in range(2):   # the first pass warms the caches
        c0 = time.process_time()
        for i, r in enumerate(rows):
            q = x[r:r + 1]
            t0 = time.perf_counter()
            labels, _ = idx.knn_query(q, k=11)
            lat[i] = time.perf_counter() - t0
            if p == 1:
                got = [l for l in labels[0] if l != r][:10]
                found += len(set(got) & set(gt[i]))
        qcpu = time.process_time() - c0
    with open(out + ".hnswlib", "w") as f:
        f.write("build_s %.3f\nbuild_cpu_s %.3f\nmem_mb %.1f\nquery_ms_median %.4f\nquery_ms_p90 %.4f\n"
                "query_ms_mean %.4f\nquery_cpu_ms_mean %.4f\nrecall %.4f\n" % (
                    build, build_cpu, (rss1 - rss0) / 1024.0, np.median(lat) * 1e3,
                    np.percentile(lat, 90) * 1e3, lat.mean() * 1e3, qcpu / len(rows) * 1e3, found / (10.0 * len(rows))))


if __name__ == "__main__":
    main()
