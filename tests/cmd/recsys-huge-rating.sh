#!/bin/sh
# A rating beyond float range (found by fuzz_interactions) is refused with
# FILE:LINE instead of turning into an infinite rating.
. "$SRCDIR/tests/lib.sh"
printf '1,10,4\n1,11,3\n2,10,1888888888888888888888888888888888888888888888888\n2,11,5\n' > "$T/r.csv"
embx_run train-pairs "$T/r.csv" -o "$T/out.vec" --epochs 1 --dim 2
expect_failed
expect_err "r.csv:3:"
[ -e "$T/out.vec" ] && fail "a table was written"
pass
