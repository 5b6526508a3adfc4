#!/usr/bin/env python3
"""Answers embx query commands with gensim 4, printed as embx prints them
when piped (TSV, 6 decimals), so the two outputs can be compared.

usage: gensim_query.py TABLE COMMANDS   (TABLE: GloVe or word2vec text)

Understands the subset of the command language the oracle tests use:
  nn W [+|- W ...] [-k N] [--restrict N]     -> most_similar
  analogy A B C [-k N] [--mul]               -> most_similar / most_similar_cosmul
  sim A B, rank A B, odd W1 W2 ...           -> similarity, rank, rank_by_centrality
  eval analogy FILE [--restrict N] [--mul] [--case-sensitive]
                                             -> evaluate_word_analogies
  eval sim FILE [--restrict N] [--case-sensitive] -> evaluate_word_pairs
"""
import itertools
import logging
import sys

from gensim.models import KeyedVectors

logging.disable(logging.CRITICAL)


def opt(words, name, default=None, flag=False):
    """Removes --name [value] from words; returns its value (or True)."""
    if name not in words:
        return default
    i = words.index(name)
    if flag:
        del words[i]
        return True
    value = words[i + 1]
    del words[i:i + 2]
    return value


def show(pairs):
    for w, s in pairs:
        print("%s\t%.6f" % (w, s))


def eval_mul(kv, path, restrict, case_insensitive):
    """gensim's evaluate_word_analogies loop with most_similar_cosmul."""
    ok_keys = kv.index_to_key[:restrict]
    fold = (lambda w: w.upper()) if case_insensitive else (lambda w: w)
    ok_vocab = {fold(k): kv.get_index(k) for k in reversed(ok_keys)}
    sections, section = [], None
    for line in open(path, encoding="utf8"):
        if line.startswith(": "):
            section = {"section": line.lstrip(": ").strip(), "correct": [], "incorrect": []}
            sections.append(section)
            continue
        parts = [fold(w) for w in line.split()]
        if len(parts) != 4 or section is None:
            continue
        a, b, c, expected = parts
        if any(w not in ok_vocab for w in parts):
            continue
        original = kv.key_to_index
        kv.key_to_index = ok_vocab
        sims = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=5)
        kv.key_to_index = original
        predicted = None
        for element in sims:
            predicted = fold(element[0])
            if predicted in ok_vocab and predicted not in {a, b, c}:
                break
        section["correct" if predicted == expected else "incorrect"].append(parts)
    return sections


def print_sections(sections):
    """As embx prints them: n/a for a section with no question asked, and the
    semantic/syntactic split only for Google's layout ('gram*' sections)."""
    sem = [0, 0]
    syn = [0, 0]
    tot = [0, 0]
    google = any(s["section"].startswith("gram") for s in sections)
    for s in sections:
        c, t = len(s["correct"]), len(s["correct"]) + len(s["incorrect"])
        print("%s\t%d\t%d\t%s" % (s["section"], c, t, "%.6f" % (c / t) if t else "n/a"))
        bucket = syn if s["section"].startswith("gram") else sem
        for acc in (bucket, tot):
            acc[0] += c
            acc[1] += t
    names = (("semantic", sem), ("syntactic", syn), ("total", tot)) if google else (("total", tot),)
    for name, (c, t) in names:
        print("%s\t%d\t%d\t%s" % (name, c, t, "%.6f" % (c / t) if t else "n/a"))


def pairs_used(kv, path, restrict, case_insensitive):
    ok_keys = kv.index_to_key[:restrict]
    fold = (lambda w: w.upper()) if case_insensitive else (lambda w: w)
    ok = {fold(k) for k in ok_keys}
    used = oov = 0
    for line in open(path, encoding="utf8"):
        if not line or line.startswith("#"):
            continue
        try:
            a, b, sim = [fold(w) for w in line.split("\t")]
            float(sim)
        except ValueError:
            continue
        if a in ok and b in ok:
            used += 1
        else:
            oov += 1
    return used, oov


def run(kv, words):
    cmd = words.pop(0)
    if cmd == "nn":
        k = int(opt(words, "-k", 10))
        restrict = opt(words, "--restrict")
        pos, neg, sign = [], [], 1
        for w in words:
            if w in ("+", "-"):
                sign = 1 if w == "+" else -1
                continue
            (pos if sign > 0 else neg).append(w)
            sign = 1
        show(kv.most_similar(positive=pos, negative=neg, topn=k,
                             restrict_vocab=int(restrict) if restrict else None))
    elif cmd == "analogy":
        k = int(opt(words, "-k", 10))
        mul = opt(words, "--mul", flag=True)
        a, b, c = words
        fn = kv.most_similar_cosmul if mul else kv.most_similar
        show(fn(positive=[b, c], negative=[a], topn=k))
    elif cmd == "sim":
        print("%.6f" % kv.similarity(words[0], words[1]))
    elif cmd == "rank":
        print(kv.rank(words[0], words[1]))
    elif cmd == "odd":
        ranked = kv.rank_by_centrality(words)
        assert ranked[-1][1] == kv.doesnt_match(words)
        show((w, s) for s, w in reversed(ranked))
    elif cmd == "eval":
        kind, path = words[0], words[1]
        restrict = int(opt(words, "--restrict", 300000))
        mul = opt(words, "--mul", flag=True)
        ci = not opt(words, "--case-sensitive", flag=True)
        if kind == "analogy":
            if mul:
                sections = eval_mul(kv, path, restrict, ci)
            else:
                _, sections = kv.evaluate_word_analogies(path, restrict_vocab=restrict,
                                                         case_insensitive=ci)
                sections = sections[:-1]   # drop gensim's "Total accuracy"
            print_sections(sections)
        else:
            pearson, spearman, oov_ratio = kv.evaluate_word_pairs(
                path, restrict_vocab=restrict, case_insensitive=ci)
            used, oov = pairs_used(kv, path, restrict, ci)
            print("spearman\t%.6f" % spearman[0])
            print("pearson\t%.6f" % pearson[0])
            print("pairs\t%d" % used)
            print("oov_pairs\t%d" % oov)
            print("oov_ratio\t%.6f" % oov_ratio)
    else:
        sys.exit("gensim_query.py: unknown command " + cmd)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf8") as f:
        first = f.readline().split()
    # word2vec / fastText text starts with "N D"; GloVe has no header
    header = len(first) == 2 and all(x.isdigit() for x in first)
    kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False, no_header=not header)
    for line in open(sys.argv[2], encoding="utf8"):
        line = line.strip()
        if line and not line.startswith("#"):
            run(kv, line.split())
            sys.stdout.flush()


if __name__ == "__main__":
    main()
