#!/bin/sh
# Repeated (user, item) pairs keep the last rating and are counted; users and
# items with a single interaction are kept and noted; training still works.
. "$SRCDIR/tests/lib.sh"
{
    for u in 1 2 3 4 5 6 7 8; do for i in 1 2 3 4 5 6; do echo "$u,$i,$(( (u * i) % 5 + 1 ))"; done; done
    echo "1,1,5"; echo "2,3,1"; echo "9,1,4"; echo "3,99,2"
} >"$T/r.csv"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --dim 4 --epochs 5 --threads 1
expect_ok
expect_err "2 repeated (user, item) pairs, the last rating kept (first at $T/r.csv:49)"
expect_err "1 user and 1 item with a single interaction (kept"
grep -q '^user:9 ' "$T/x.vec" && grep -q '^item:99 ' "$T/x.vec" || fail "single-interaction user or item dropped"
pass
