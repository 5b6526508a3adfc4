#!/usr/bin/env python3
"""The gensim side of bench/query, on the same table file embx reads.

usage: gensim_query_bench.py latency TABLE WORDS TRIPLES OUT
         times most_similar(word, topn=10) per word and
         most_similar(positive=[B, C], negative=[A], topn=10) per triple;
         writes 'nn SECONDS' and 'analogy SECONDS' lines
       gensim_query_bench.py eval TABLE QUESTIONS RESTRICT OUT
         times evaluate_word_analogies(restrict_vocab=RESTRICT); writes
         'eval SECONDS' and 'eval_acc semantic|syntactic|total CORRECT TOTAL'
TABLE: word2vec binary (.bin) or text (word2vec header or GloVe)."""
import logging
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


def latency(kv, words, triples, out):
    kv.most_similar(kv.index_to_key[0], topn=10)   # norms once, as embx at load
    with open(out, "w") as f:
        for w in open(words).read().split():
            t0 = time.perf_counter()
            kv.most_similar(w, topn=10)
            f.write("nn %.6f\n" % (time.perf_counter() - t0))
        for line in open(triples):
            a, b, c = line.split()
            t0 = time.perf_counter()
            kv.most_similar(positive=[b, c], negative=[a], topn=10)
            f.write("analogy %.6f\n" % (time.perf_counter() - t0))


def evaluate(kv, questions, restrict, out):
    kv.fill_norms()
    t0 = time.perf_counter()
    _, sections = kv.evaluate_word_analogies(questions, restrict_vocab=restrict)
    dt = time.perf_counter() - t0
    sem = [0, 0]
    syn = [0, 0]
    for s in sections[:-1]:
        acc = syn if s["section"].startswith("gram") else sem
        acc[0] += len(s["correct"])
        acc[1] += len(s["correct"]) + len(s["incorrect"])
    tot = sections[-1]
    with open(out, "w") as f:
        f.write("eval %.6f\n" % dt)
        f.write("eval_acc semantic %d %d\n" % tuple(sem))
        f.write("eval_acc syntactic %d %d\n" % tuple(syn))
        f.write("eval_acc total %d %d\n" % (len(tot["correct"]), len(tot["correct"]) + len(tot["incorrect"])))


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("latency", "eval"):
        sys.exit(__doc__)
    kv = load(sys.argv[2])
    if sys.argv[1] == "latency":
        latency(kv, sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        evaluate(kv, sys.argv[3], int(sys.argv[4]), sys.argv[5])


if __name__ == "__main__":
    main()
