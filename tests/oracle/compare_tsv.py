#!/usr/bin/env python3
"""Compares two TSV outputs line by line: the same number of lines and
fields, text fields equal, numbers equal within a tolerance.

usage: compare_tsv.py EXPECTED ACTUAL [TOLERANCE]   (default 1e-5)
Prints the first differences and exits 1 when they differ."""
import sys


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


def main():
    exp = open(sys.argv[1], encoding="utf8").read().splitlines()
    act = open(sys.argv[2], encoding="utf8").read().splitlines()
    tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-5
    bad = []
    if len(exp) != len(act):
        bad.append("%d lines expected, %d found" % (len(exp), len(act)))
    for i, (e, a) in enumerate(zip(exp, act), 1):
        ef, af = e.split("\t"), a.split("\t")
        ok = len(ef) == len(af)
        for x, y in zip(ef, af):
            nx, ny = num(x), num(y)
            if nx is not None and ny is not None:
                ok &= abs(nx - ny) <= tol
            else:
                ok &= x == y
        if not ok:
            bad.append("line %d: expected '%s', got '%s'" % (i, e, a))
    for b in bad[:10]:
        print(b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
