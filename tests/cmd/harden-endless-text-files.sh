#!/bin/sh
# Commands that read small text files (benchmarks, word lists, projections)
# stop at a line longer than 1 MB with FILE:LINE, so /dev/zero or a binary
# file given by mistake ends in a message (found by probing: each of these
# read /dev/zero until memory ran out).
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
head -c 3000000 /dev/zero | tr '\000' 'a' >"$T/noline.txt"
for f in /dev/zero "$T/noline.txt"; do
    [ -r "$f" ] || continue
    for c in "eval analogy $f" "eval sim $f" "plot pca --file $f" "load-proj $f" "axis paris france --file $f"; do
        rc=0
        timeout 60 "$EMBX" --no-cache -q "$tbl" -c "$c" >"$T/out" 2>"$T/err" </dev/null || rc=$?
        [ "$rc" -ne 124 ] || fail "'$c' did not finish in 60 s"
        [ "$rc" -eq 1 ] || fail "'$c': exit status $rc; stderr: $(head -c 300 "$T/err")"
        expect_err "$f:1: a line longer than 1 MB"
    done
done
pass
