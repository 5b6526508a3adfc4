#!/usr/bin/env python3
"""Writes benchmark files made from a table's words, for the oracle tests.

usage: mkbench.py TABLE SEED ANALOGY_OUT PAIRS_OUT

The analogy file has semantic and 'gram' sections, questions whose four
words are in the table (A and B, and C and D, mostly from the same cluster
of a mktable --clusters table, so some are answered right), questions with an
unknown word, words in another case than the table's, and a malformed line.
The pairs file has tab-separated pairs with scores, comments, an unknown word
and a malformed line."""
import random
import sys


def main():
    table, seed, aout, pout = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    words = [line.split(" ", 1)[0] for line in open(table, encoding="utf8")]
    rnd = random.Random(seed)
    n = len(words)
    with open(aout, "w", encoding="utf8") as f:
        for sec in ("capital-common", "family", "gram1-adjective", "gram2-opposite"):
            f.write(": %s\n" % sec)
            for _ in range(40):
                a, c = rnd.randrange(n), rnd.randrange(n)
                b = (a + 20 * rnd.randrange(1, 5)) % n      # same cluster as a (20 clusters)
                d = (c + 20 * rnd.randrange(1, 5)) % n
                q = [words[a], words[b], words[c], words[d]]
                r = rnd.random()
                if r < 0.1:
                    q[rnd.randrange(4)] = "unknownword%d" % rnd.randrange(1000)
                elif r < 0.3:
                    i = rnd.randrange(4)
                    q[i] = q[i].upper() if rnd.random() < 0.5 else q[i].capitalize()
                f.write(" ".join(q) + "\n")
            f.write("only three words\n")
    with open(pout, "w", encoding="utf8") as f:
        f.write("# generated word pairs\n# Word 1\tWord 2\tHuman (mean)\n")
        for i in range(60):
            a, b = rnd.randrange(n), rnd.randrange(n)
            wa = words[a].upper() if i % 7 == 0 else words[a]
            f.write("%s\t%s\t%.2f\n" % (wa, words[b], rnd.uniform(0, 10)))
        f.write("unknownword\t%s\t5.0\n" % words[0])
        f.write("%s\t%s\n" % (words[1], words[2]))


if __name__ == "__main__":
    main()
