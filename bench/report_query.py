#!/usr/bin/env python3
"""Prints bench/query's comparison from the timing files.

usage: report_query.py latency EMBX_TIMES GENSIM_TIMES FLOOR1_MS FLOORN_MS THREADS ROWS DIM
                          [EMBX_BLAS_TIMES [FAST_TIMES EXACT_OUT FAST_OUT [FLOOR8_MS [SCAN_TIMES SCAN_OUT]]]]
       report_query.py eval LABEL EMBX_TIMES EMBX_OUT GENSIM_TIMES"""
import statistics
import sys


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def embx_times(path, skip_first):
    """Milliseconds per command kind; `set` lines are not queries, and the
    first query is a warm-up when skip_first."""
    res = {}
    first = skip_first
    for line in open(path):
        t, rc, cmd = line.rstrip("\n").split("\t", 2)
        if cmd.startswith("set "):
            continue
        if first:
            first = False
            continue
        if rc != "0":
            sys.exit("embx command failed: " + cmd)
        res.setdefault(cmd.split()[0], []).append(float(t) * 1e3)
    return res


def gensim_times(path):
    res, acc = {}, {}
    for line in open(path):
        p = line.split()
        if p[0] == "eval_acc":
            acc[p[1]] = (int(p[2]), int(p[3]))
        else:
            res.setdefault(p[0], []).append(float(p[1]) * 1e3)
    return res, acc


def blocks(path, n):
    """The answers of each command: n lines each, in command order."""
    lines = [l.split("\t")[0] for l in open(path).read().splitlines()]
    return [lines[i:i + n] for i in range(0, len(lines), n)]


def latency(etimes, gtimes, floor1, floorn, threads, rows, dim, btimes=None,
            ftimes=None, exact_out=None, fast_out=None, floor8=None, stimes=None, scan_out=None):
    emb = embx_times(etimes, True)
    blas = embx_times(btimes, True) if btimes else None
    gen, _ = gensim_times(gtimes)
    floor = min(float(floor1), float(floorn))
    print("table %s x %s float32 (%.0f MB), %s threads" % (rows, dim, int(rows) * int(dim) * 4 / 1e6, threads))
    print("floor (read the matrix once): %.2f ms  [1 thread %s ms, %s threads %s ms]" % (floor, floor1, threads, floorn))
    if floor8:
        print("--fast floor (read its int8 copy once, %s threads): %s ms" % (threads, floor8))
    print("%-8s %10s %10s %11s %11s %12s %11s" % ("query", "embx med", "embx p90", "gensim med", "gensim p90",
                                                  "gensim/embx", "embx/floor"))
    for k in ("nn", "analogy"):
        e, g = emb[k], gen[k]
        em, gm = statistics.median(e), statistics.median(g)
        print("%-8s %7.2f ms %7.2f ms %8.2f ms %8.2f ms %11.2fx %10.2fx   (%d queries)" %
              (k, em, pct(e, 0.9), gm, pct(g, 0.9), gm / em, em / floor, len(e)))
    if stimes:
        scan = embx_times(stimes, True)
        same = open(exact_out).read() == open(scan_out).read()
        print("embx reading every float (set prescan off; the default reads the int8 copy first): answers %s" %
              ("identical" if same else "DIFFERENT"))
        for k in ("nn", "analogy"):
            e, g = scan[k], gen[k]
            em, gm = statistics.median(e), statistics.median(g)
            print("%-8s %7.2f ms %7.2f ms %8.2f ms %8.2f ms %11.2fx %10.2fx" %
                  (k, em, pct(e, 0.9), gm, pct(g, 0.9), gm / em, em / floor))
    if blas:
        print("embx with CBLAS sgemv instead of its own dot loop (EMBX_KNN_BLAS=1):")
        for k in ("nn", "analogy"):
            e, g = blas[k], gen[k]
            em, gm = statistics.median(e), statistics.median(g)
            print("%-8s %7.2f ms %7.2f ms %8.2f ms %8.2f ms %11.2fx %10.2fx" %
                  (k, em, pct(e, 0.9), gm, pct(g, 0.9), gm / em, em / floor))
    if ftimes:
        fast = embx_times(ftimes, True)
        ex, fa = blocks(exact_out, 10), blocks(fast_out, 10)
        recall = [len(set(a) & set(b)) / 10.0 for a, b in zip(ex[1:], fa[1:])]
        print("embx --fast (int8 pre-scan, exact re-score of the best 1000): recall@10 %.4f over %d queries" %
              (sum(recall) / len(recall), len(recall)))
        f8 = float(floor8) if floor8 else None
        if f8:
            print("%-8s %10s %10s %11s %11s %12s %11s %12s" % ("", "", "", "", "", "", "", "embx/floor8"))
        for k in ("nn", "analogy"):
            e, g = fast[k], gen[k]
            em, gm = statistics.median(e), statistics.median(g)
            print("%-8s %7.2f ms %7.2f ms %8.2f ms %8.2f ms %11.2fx %10.2fx %11s" %
                  (k, em, pct(e, 0.9), gm, pct(g, 0.9), gm / em, em / floor,
                   "%.2fx" % (em / f8) if f8 else ""))


def evaluation(label, etimes, eout, gtimes):
    emb = embx_times(etimes, False)
    gen, acc = gensim_times(gtimes)
    et, gt = emb["eval"][0] / 1e3, gen["eval"][0] / 1e3
    print("eval analogy, %s: embx %.2f s, gensim %.2f s, gensim/embx %.1fx" % (label, et, gt, gt / et))
    mine = {}
    for line in open(eout):
        p = line.rstrip("\n").split("\t")
        if len(p) == 4 and p[0] in ("semantic", "syntactic", "total"):
            mine[p[0]] = (int(p[1]), int(p[2]))
    for s in ("semantic", "syntactic", "total"):
        a, b = mine.get(s, (0, 0)), acc.get(s, (0, 0))
        fa = a[0] / a[1] if a[1] else 0.0
        fb = b[0] / b[1] if b[1] else 0.0
        print("  %-9s embx %6d/%-6d %.4f   gensim %6d/%-6d %.4f   %s" %
              (s, a[0], a[1], fa, b[0], b[1], fb, "equal" if a == b else "DIFFERENT"))


def main():
    if sys.argv[1] == "latency":
        latency(*sys.argv[2:16])
    else:
        evaluation(*sys.argv[2:6])


if __name__ == "__main__":
    main()
