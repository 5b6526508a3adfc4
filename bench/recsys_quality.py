#!/usr/bin/python3
"""bench/recsys_quality.py: what a user exploring a recommender table sees.

For each embx table given (NAME=TABLE.vec NAME=... after the options) and for
gensim Word2Vec trained here as item2vec on the same users' histories (time
order, the same last-interactions split as `train-pairs --split last`, the
same dimension and window), over every item with at least --min-ratings
ratings: the mean Jaccard overlap of its genre set with those of its 10
nearest item rows (cosine), the share of those neighbours sharing any genre
against the chance of that, and the neighbours' mean number of ratings.
For gensim it also scores recall@10 / NDCG@10 on the held-out interactions
as embx does (a user is the mean of their items' unit vectors; the user's
training items are never ranked). Prints one line a model, tab-separated:
name jaccard share chance popularity [recall ndcg seconds]."""
import argparse, csv, math, sys, time

import numpy as np


def read_ratings(path):
    """(user, item, timestamp, position) tuples; header and separator sniffed."""
    rows = []
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        first = f.readline()
        sep = "::" if "::" in first else "\t" if "\t" in first else "|" if "|" in first else ","
        f.seek(0)
        pos = 0
        seen = {}
        for line in f:
            p = [x.strip() for x in line.rstrip("\r\n").split(sep)]
            if len(p) < 2 or not p[0]:
                continue
            try:
                t = float(p[3]) if len(p) > 3 else 0.0
                if len(p) > 2:
                    float(p[2])
            except ValueError:
                continue            # the header
            key = (p[0], p[1])
            if key in seen:         # embx keeps the first position of a repeated pair
                continue
            seen[key] = True
            rows.append((p[0], p[1], t, pos))
            pos += 1
    return rows


def read_genres(path):
    g = {}
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        r = csv.reader(f)
        for rec in r:
            if len(rec) < 3 or rec[0] in ("movieId", "item", "id"):
                continue
            g[rec[0]] = set(x for x in rec[2].split("|") if x and x != "(no genres listed)")
    return g


def split_last(rows, f):
    """Histories in time order and the held-out tail of each, as embx's --split last."""
    by = {}
    for u, i, t, pos in rows:
        by.setdefault(u, []).append((t, pos, i))
    train, test = {}, {}
    for u, h in by.items():
        h.sort()
        items = [i for _, _, i in h]
        n = len(items)
        k = 0
        if n >= 2:
            k = min(max(int(math.floor(f * n + 0.5)), 1), n - 1)
        train[u] = items[: n - k]
        test[u] = items[n - k:]
    return train, test


def load_vec(path, prefix="item:"):
    words, vecs = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        n, d = map(int, f.readline().split())
        for line in f:
            p = line.rstrip("\n").split(" ")
            if p[0].startswith(prefix):
                words.append(p[0][len(prefix):])
                vecs.append([float(x) for x in p[1:d + 1]])
    return words, np.array(vecs, dtype=np.float32)


def neighbour_stats(words, vecs, genres, counts, min_ratings, k=10):
    norms = np.linalg.norm(vecs, axis=1)
    norms[norms == 0] = 1
    unit = vecs / norms[:, None]
    idx = [j for j, w in enumerate(words) if counts.get(w, 0) >= min_ratings and genres.get(w)]
    if not idx:
        return float("nan"), float("nan"), float("nan"), float("nan")
    has = np.array([1 if genres.get(w) else 0 for w in words], dtype=bool)
    jac, share, chance, pop = [], [], [], []
    gl = [genres.get(w, set()) for w in words]
    for j in idx:
        s = unit @ unit[j]
        s[j] = -np.inf
        s[~has] = -np.inf
        top = np.argpartition(-s, k)[:k]
        g = gl[j]
        jac.append(np.mean([len(g & gl[t]) / len(g | gl[t]) for t in top]))
        share.append(np.mean([1.0 if g & gl[t] else 0.0 for t in top]))
        others = [t for t in range(len(words)) if t != j and has[t]]
        chance.append(np.mean([1.0 if g & gl[t] else 0.0 for t in others]))
        pop.append(np.mean([counts.get(words[t], 0) for t in top]))
    return float(np.mean(jac)), float(np.mean(share)), float(np.mean(chance)), float(np.mean(pop))


def rank_metrics(words, vecs, train, test, k=10):
    """recall@10 and NDCG@10 as embx computes them (users with a held-out item)."""
    pos = {w: j for j, w in enumerate(words)}
    norms = np.linalg.norm(vecs, axis=1)
    norms[norms == 0] = 1
    unit = vecs / norms[:, None]
    rec = nd = 0.0
    n = 0
    for u, held in test.items():
        if not held:
            continue
        tr = [pos[i] for i in train[u] if i in pos]
        q = unit[tr].mean(axis=0) if tr else np.zeros(unit.shape[1], dtype=np.float32)
        s = unit @ q
        s[tr] = -np.inf
        top = list(np.argsort(-s, kind="stable")[:k])
        want = set(pos[i] for i in held if i in pos)
        hits = [r for r, t in enumerate(top) if t in want]
        dcg = sum(1 / math.log2(r + 2) for r in hits)
        idcg = sum(1 / math.log2(r + 2) for r in range(min(len(held), k)))
        rec += len(hits) / len(held)
        nd += dcg / idcg if idcg else 0
        n += 1
    return rec / max(n, 1), nd / max(n, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ratings")
    ap.add_argument("movies")
    ap.add_argument("tables", nargs="*", help="NAME=TABLE.vec")
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--window", type=int, default=50)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--test-fraction", type=float, default=0.1)
    ap.add_argument("--min-ratings", type=int, default=50)
    ap.add_argument("--gensim", action="store_true")
    a = ap.parse_args()
    rows = read_ratings(a.ratings)
    genres = read_genres(a.movies)
    counts = {}
    for _, i, _, _ in rows:
        counts[i] = counts.get(i, 0) + 1
    for spec in a.tables:
        name, path = spec.split("=", 1)
        words, vecs = load_vec(path)
        j, s, c, p = neighbour_stats(words, vecs, genres, counts, a.min_ratings)
        print("%s\t%.3f\t%.3f\t%.3f\t%.1f" % (name, j, s, c, p))
    if a.gensim:
        try:
            from gensim.models import Word2Vec
        except ImportError:
            print("gensim\tn/a (python3-gensim not installed)", file=sys.stderr)
            return
        train, test = split_last(rows, a.test_fraction)
        sentences = [train[u] for u in train if train[u]]
        t0 = time.perf_counter()
        m = Word2Vec(sentences, vector_size=a.dim, window=a.window, min_count=1, sg=1, negative=5,
                     epochs=a.epochs, sample=1e-3, workers=2, seed=1)
        secs = time.perf_counter() - t0
        words = list(m.wv.index_to_key)
        vecs = np.array([m.wv[w] for w in words], dtype=np.float32)
        j, s, c, p = neighbour_stats(words, vecs, genres, counts, a.min_ratings)
        r, n = rank_metrics(words, vecs, train, test)
        print("gensim-item2vec\t%.3f\t%.3f\t%.3f\t%.1f\t%.4f\t%.4f\t%.2f" % (j, s, c, p, r, n, secs))


if __name__ == "__main__":
    main()
