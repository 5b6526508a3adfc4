#!/usr/bin/python3
"""Helper for bench/maps: the Python peers on the first N rows of a GloVe
table, and one common scorer for every layout.

usage: maps_peers.py sklearn-tsne|umap-learn TABLE N OUT.tsv THREADS
       maps_peers.py score TABLE N LAYOUT.tsv...
Peers print "time WALL cpu CPU [kl KL]"; score prints per layout
"PATH trust T knn K points P" (k = 10, a seeded sample of at most 5,000
points, Euclidean input distance, the same sample for every layout)."""
import os
import sys
import time

import numpy as np


def read_table(path, n):
    words, rows = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if len(words) >= n:
                break
            parts = line.rstrip("\n").split(" ")
            if len(parts) < 3:
                continue
            words.append(parts[0])
            rows.append([float(v) for v in parts[1:]])
    return words, np.asarray(rows, dtype=np.float32)


def write_layout(path, words, Y):
    with open(path, "w") as f:
        for w, (x, y) in zip(words, Y):
            f.write("%s\t%.6f\t%.6f\n" % (w, x, y))


def timed(fn):
    t, c = time.time(), time.process_time()
    r = fn()
    return r, time.time() - t, time.process_time() - c


def sklearn_tsne(table, n, out, threads):
    from sklearn.manifold import TSNE
    words, X = read_table(table, n)
    m = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=1,
             method="barnes_hut", angle=0.5, n_jobs=threads)
    Y, wall, cpu = timed(lambda: m.fit_transform(X))
    write_layout(out, words, Y)
    print("time %.3f cpu %.3f kl %.6f" % (wall, cpu, m.kl_divergence_))


def umap_learn(table, n, out, threads):
    import umap
    words, X = read_table(table, n)
    m = umap.UMAP(n_neighbors=15, min_dist=0.1, n_components=2, n_jobs=threads)
    Y, wall, cpu = timed(lambda: m.fit_transform(X))
    write_layout(out, words, Y)
    print("time %.3f cpu %.3f" % (wall, cpu))


def score(table, n, layouts):
    from sklearn.manifold import trustworthiness
    from sklearn.neighbors import NearestNeighbors
    words, X = read_table(table, n)
    rng = np.random.default_rng(1)
    idx = np.sort(rng.choice(len(words), size=min(5000, len(words)), replace=False))
    Xs = X[idx]
    hi = NearestNeighbors(n_neighbors=11).fit(Xs).kneighbors(Xs, return_distance=False)[:, 1:]
    pos = {w: i for i, w in enumerate(words)}
    for path in layouts:
        Y = np.zeros((len(words), 2))
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if p[0] in pos:
                    Y[pos[p[0]]] = (float(p[1]), float(p[2]))
        Ys = Y[idx]
        t = trustworthiness(Xs, Ys, n_neighbors=10)
        lo = NearestNeighbors(n_neighbors=11).fit(Ys).kneighbors(Ys, return_distance=False)[:, 1:]
        kept = np.mean([len(set(a) & set(b)) / 10.0 for a, b in zip(hi, lo)])
        print("%s trust %.4f knn %.4f points %d" % (path, t, kept, len(idx)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "sklearn-tsne":
        sklearn_tsne(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    elif cmd == "umap-learn":
        umap_learn(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    elif cmd == "score":
        score(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    else:
        sys.exit("unknown command " + cmd)
