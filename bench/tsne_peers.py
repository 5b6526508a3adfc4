#!/usr/bin/python3
"""Helpers for bench/tsne: run scikit-learn's TSNE or PCA on a GloVe-format
table in a separate process (so the caller can time it out), and score any
2-D layout the same way whatever tool made it.

usage: tsne_peers.py sklearn TABLE N OUT.tsv THREADS
       tsne_peers.py pca TABLE.npy OUT.tsv
       tsne_peers.py score TABLE N LAYOUT.tsv [LAYOUT.tsv ...]
"""
import sys
import time

import numpy as np


def read_table(path, n):
    words, rows = [], []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        first = f.readline().split()
        if len(first) != 2:          # GloVe: no header line
            words.append(first[0])
            rows.append(np.array(first[1:], dtype=np.float32))
        for line in f:
            if len(words) >= n:
                break
            parts = line.rstrip("\n").split(" ")
            words.append(parts[0])
            rows.append(np.array(parts[1:], dtype=np.float32))
    return words, np.vstack(rows)


def read_layout(path, words):
    pos = {w: i for i, w in enumerate(words)}
    Y = np.full((len(words), 2), np.nan)
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            Y[pos[p[0]]] = (float(p[1]), float(p[2]))
    return Y


def run_sklearn(table, n, out, threads):
    from sklearn.manifold import TSNE
    words, X = read_table(table, n)
    t, c = time.time(), time.process_time()
    m = TSNE(n_components=2, perplexity=30.0, init="pca", learning_rate="auto",
             n_iter=1000, n_jobs=threads, random_state=1, method="barnes_hut", angle=0.5)
    Y = m.fit_transform(X)
    secs, cpu = time.time() - t, time.process_time() - c
    with open(out, "w", encoding="utf-8", errors="surrogateescape") as f:
        for w, (x, y) in zip(words, Y):
            f.write("%s\t%.6f\t%.6f\n" % (w, x, y))
    print("time %.3f cpu %.3f kl %.6f" % (secs, cpu, m.kl_divergence_))


def run_pca(npy, out):
    from sklearn.decomposition import PCA
    X = np.load(npy, mmap_mode="r")
    X = np.ascontiguousarray(X)
    t = time.time()
    Y = PCA(n_components=2).fit_transform(X)
    secs = time.time() - t
    np.savetxt(out, Y[:, :2], fmt="%.6f", delimiter="\t")
    print("time %.3f" % secs)


def score(table, n, layouts):
    """Prints, per layout: KL(P || Q) with one P for all (scikit-learn's
    perplexity-30 affinities on the 91 nearest neighbours) and the exact Q
    (all pairs), the fraction of the 10 nearest input neighbours kept among
    the 10 nearest in 2-D, and for digits (words d<i>_<label>) the 10-NN
    label agreement."""
    from sklearn.neighbors import NearestNeighbors
    from sklearn.manifold._t_sne import _joint_probabilities_nn
    words, X = read_table(table, n)
    X = X.astype(np.float64)
    n = len(words)
    k = min(n - 1, 91)
    nn = NearestNeighbors(n_neighbors=k, algorithm="brute", n_jobs=2).fit(X)
    D = nn.kneighbors_graph(mode="distance")
    D.data **= 2
    P = _joint_probabilities_nn(D, 30.0, 0).tocoo()
    _, ix = nn.kneighbors(n_neighbors=10)
    labels = None
    if all(w.startswith("d") and "_" in w for w in words):
        labels = np.array([int(w.split("_")[1]) for w in words])
    for path in layouts:
        Y = read_layout(path, words)
        if np.isnan(Y).any():
            print("%s bad layout" % path)
            continue
        # exact normalization Z = sum_{i != j} 1 / (1 + |y_i - y_j|^2)
        Z = 0.0
        sq = (Y ** 2).sum(1)
        for a in range(0, n, 2000):
            d2 = sq[a:a + 2000, None] + sq[None, :] - 2.0 * Y[a:a + 2000] @ Y.T
            np.maximum(d2, 0.0, out=d2)
            Z += (1.0 / (1.0 + d2)).sum() - min(2000, n - a)
        d2 = ((Y[P.row] - Y[P.col]) ** 2).sum(1)
        q = 1.0 / (1.0 + d2) / Z
        kl = float(np.sum(P.data * np.log(np.maximum(P.data, 1e-300) / np.maximum(q, 1e-300))))
        _, iy = NearestNeighbors(n_neighbors=11).fit(Y).kneighbors(Y)
        iy = iy[:, 1:]
        keep = np.mean([len(set(a) & set(b)) / 10.0 for a, b in zip(ix, iy)])
        lab = float(np.mean(labels[iy] == labels[:, None])) if labels is not None else float("nan")
        print("%s kl %.6f knn %.4f labels %.4f" % (path, kl, keep, lab))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "sklearn":
        run_sklearn(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    elif cmd == "pca":
        run_pca(sys.argv[2], sys.argv[3])
    elif cmd == "score":
        score(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    else:
        sys.exit("unknown command " + cmd)
