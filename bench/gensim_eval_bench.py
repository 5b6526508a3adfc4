#!/usr/bin/env python3
"""The gensim side of bench/eval, and the report.

usage: gensim_eval_bench.py TABLE SETS_DIR RESTRICT EMBX_SUITE_TSV EMBX_TIMES

Runs evaluate_word_pairs on each set embx's suite calls similarity and
evaluate_word_analogies on each it calls analogy (the sets gensim supports),
times each after fill_norms, and prints them next to embx's time for the
whole suite, the ratio, and whether the scores agree."""
import logging
import os
import sys
import time

from gensim.models import KeyedVectors

logging.disable(logging.CRITICAL)


def load(path):
    if path.endswith(".bin"):
        return KeyedVectors.load_word2vec_format(path, binary=True)
    with open(path, encoding="utf8") as f:
        first = f.readline().split()
    header = len(first) == 2 and all(x.isdigit() for x in first)
    return KeyedVectors.load_word2vec_format(path, binary=False, no_header=not header)


def main():
    table, folder, restrict, tsv, times = sys.argv[1:6]
    restrict = int(restrict)
    embx_secs = float(open(times).read().split("\t")[0])
    rows, kinds = {}, {}
    with open(tsv, encoding="utf8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            rows[(c[0], c[2])] = c
            kinds.setdefault(c[0], c[1])
    kv = load(table)
    kv.fill_norms()
    total, lines, disagree = 0.0, [], 0
    for name in sorted(os.listdir(folder)):
        st = os.path.splitext(name)[0]
        kind = kinds.get(st)
        path = os.path.join(folder, name)
        if kind == "similarity" and (st, "spearman") in rows:
            t0 = time.perf_counter()
            pearson, spearman, _ = kv.evaluate_word_pairs(path, restrict_vocab=restrict)
            dt = time.perf_counter() - t0
            ok = abs(float(rows[(st, "spearman")][5]) - spearman[0]) < 1e-4
            lines.append("  %-22s similarity  %8.3f s  spearman %.4f (embx %s)%s"
                         % (st, dt, spearman[0], rows[(st, "spearman")][5][:6], "" if ok else "  DIFFERS"))
        elif kind == "analogy" and (st, "3cosadd") in rows:
            t0 = time.perf_counter()
            _, sections = kv.evaluate_word_analogies(path, restrict_vocab=restrict)
            dt = time.perf_counter() - t0
            tot = sections[-1]
            right, n = len(tot["correct"]), len(tot["correct"]) + len(tot["incorrect"])
            r = rows[(st, "3cosadd")]
            got = round(float(r[5]) * int(r[3])) if int(r[3]) else 0
            ok = got == right and int(r[3]) == n
            lines.append("  %-22s analogy     %8.3f s  3CosAdd %d of %d (embx %d of %s)%s"
                         % (st, dt, right, n, got, r[3], "" if ok else "  DIFFERS"))
        else:
            continue
        total += dt
        disagree += not ok
    print("eval suite over %s, --restrict %d, table %s" % (folder, restrict, table))
    print("gensim, the sets it supports (3CosAdd only):")
    print("\n".join(lines))
    print("| workload | embx | gensim | ratio |")
    print("|---|---|---|---|")
    print("| `eval suite` (%d sets, 3CosAdd + 3CosMul, categorization, outliers, hubness) vs gensim's "
          "evaluate_word_pairs + evaluate_word_analogies summed | %.2f s | %.2f s | %.1fx |"
          % (len(kinds) - 1, embx_secs, total, total / embx_secs if embx_secs > 0 else float("nan")))
    print("scores agree with gensim: %s" % ("yes" if disagree == 0 else "NO (%d sets differ)" % disagree))


if __name__ == "__main__":
    main()
