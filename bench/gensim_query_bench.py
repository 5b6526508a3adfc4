#!/usr/bin/env python3
"""The gensim side of bench/query: times most_similar for each word, the
3CosAdd analogy for each triple, and evaluate_word_analogies, on the same
word2vec binary table embx reads.

usage: gensim_query_bench.py TABLE WORDS TRIPLES QUESTIONS RESTRICT OUT
Writes to OUT lines 'nn SECONDS', 'analogy SECONDS', 'eval SECONDS' and
'eval_acc SECTION CORRECT TOTAL' (semantic, syntactic, total)."""
import logging
import sys
import time

from gensim.models import KeyedVectors

logging.disable(logging.CRITICAL)


def main():
    table, words, triples, questions, restrict, out = sys.argv[1:7]
    kv = KeyedVectors.load_word2vec_format(table, binary=True)
    kv.fill_norms()   # once, as embx computes norms at load
    kv.most_similar(kv.index_to_key[0], topn=10)
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
        if questions != "-":
            t0 = time.perf_counter()
            _, sections = kv.evaluate_word_analogies(questions, restrict_vocab=int(restrict))
            f.write("eval %.6f\n" % (time.perf_counter() - t0))
            sem = [0, 0]
            syn = [0, 0]
            for s in sections[:-1]:
                acc = syn if s["section"].startswith("gram") else sem
                acc[0] += len(s["correct"])
                acc[1] += len(s["correct"]) + len(s["incorrect"])
            tot = sections[-1]
            f.write("eval_acc semantic %d %d\n" % tuple(sem))
            f.write("eval_acc syntactic %d %d\n" % tuple(syn))
            f.write("eval_acc total %d %d\n" % (len(tot["correct"]), len(tot["correct"]) + len(tot["incorrect"])))


if __name__ == "__main__":
    main()
