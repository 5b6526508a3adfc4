#!/bin/sh
# A run that does not beat its baseline says so (verdict column and a note):
# a learning rate too small to move off the global mean.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 500 --items 100 --interactions 10000 --seed 3 || fail "generator"
embx_run train-pairs "$T/r.tsv" -o "$T/m.vec" --model mf --epochs 1 --lr 0.00001 --threads 1
expect_ok
expect_out "does NOT beat the baseline"
expect_err "mf does not beat its baseline on the held-out"
pass
