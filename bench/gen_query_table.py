#!/usr/bin/env python3
"""Writes a word2vec binary table for bench/query: N rows x D float32
gaussians in 1000 clusters. The first rows are the lower-cased words of an
analogy file (when given) so its questions are in the vocabulary, the rest
are w0, w1, ...

usage: gen_query_table.py OUT N D [QUESTIONS]"""
import sys

import numpy as np


def main():
    out, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    words, seen = [], set()
    if len(sys.argv) > 4:
        for line in open(sys.argv[4], encoding="utf8"):
            if line.startswith(":"):
                continue
            for w in line.lower().split():
                if w not in seen:
                    seen.add(w)
                    words.append(w)
    i = 0
    while len(words) < n:
        w = "w%d" % i
        i += 1
        if w not in seen:
            words.append(w)
    words = words[:n]
    rng = np.random.default_rng(12345)
    centres = rng.standard_normal((1000, d), dtype=np.float32)
    with open(out, "wb") as f:
        f.write(b"%d %d\n" % (n, d))
        step = 20000
        for s in range(0, n, step):
            m = min(step, n - s)
            block = centres[rng.integers(0, 1000, m)] + 0.8 * rng.standard_normal((m, d), dtype=np.float32)
            block = block.astype("<f4")
            for j in range(m):
                f.write(words[s + j].encode("utf8") + b" ")
                f.write(block[j].tobytes())
                f.write(b"\n")


if __name__ == "__main__":
    main()
