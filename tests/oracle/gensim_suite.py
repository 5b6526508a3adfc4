#!/usr/bin/env python3
"""Checks `eval suite` rows against gensim 4 on the same table and files.

usage: gensim_suite.py TABLE DIR SUITE_TSV RESTRICT CASE_INSENSITIVE(0|1)

For every similarity set: Spearman and Pearson within 1e-4 of
evaluate_word_pairs, and the pairs used and skipped equal. For every analogy
set: questions answered and answered right equal to evaluate_word_analogies
(3CosAdd) and to the same loop with most_similar_cosmul (3CosMul). Prints the
differences and exits 1 when there are any."""
import logging
import os
import sys

from gensim.models import KeyedVectors

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gensim_query import eval_mul, pairs_used  # noqa: E402

logging.disable(logging.CRITICAL)


def main():
    table, folder, tsv, restrict, ci = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"
    with open(table, encoding="utf8") as f:
        first = f.readline().split()
    header = len(first) == 2 and all(x.isdigit() for x in first)
    kv = KeyedVectors.load_word2vec_format(table, binary=False, no_header=not header)
    rows = {}
    with open(tsv, encoding="utf8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            rows[(c[0], c[2])] = (c[1], int(c[3]), c[4], c[5])
    errors, checked = [], 0
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        st = os.path.splitext(name)[0]
        kinds = {k for (s, _), (k, *_r) in rows.items() if s == st}
        if kinds == {"similarity"}:
            pearson, spearman, _ = kv.evaluate_word_pairs(path, restrict_vocab=restrict, case_insensitive=ci)
            used, oov = pairs_used(kv, path, restrict, ci)
            for measure, want in (("spearman", spearman[0]), ("pearson", pearson[0])):
                _, n, o, score = rows[(st, measure)]
                checked += 1
                if abs(float(score) - want) > 1e-4 or n != used or int(o) != oov:
                    errors.append("%s %s: embx %s (%d pairs, %s skipped), gensim %.6f (%d, %d)"
                                  % (st, measure, score, n, o, want, used, oov))
        elif kinds == {"analogy"}:
            _, sections = kv.evaluate_word_analogies(path, restrict_vocab=restrict, case_insensitive=ci)
            total = sections[-1]
            want_add = (len(total["correct"]), len(total["correct"]) + len(total["incorrect"]))
            mul = eval_mul(kv, path, restrict, ci)
            want_mul = (sum(len(s["correct"]) for s in mul), sum(len(s["correct"]) + len(s["incorrect"]) for s in mul))
            for measure, (right, answered) in (("3cosadd", want_add), ("3cosmul", want_mul)):
                _, n, _, score = rows[(st, measure)]
                got = round(float(score) * n) if n else 0
                checked += 1
                if n != answered or got != right:
                    errors.append("%s %s: embx %d of %d, gensim %d of %d" % (st, measure, got, n, right, answered))
    if checked == 0:
        errors.append("no similarity or analogy row to check")
    for e in errors:
        print(e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
