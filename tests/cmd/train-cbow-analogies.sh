#!/bin/sh
# CBOW with a fixed seed and one thread recovers >= 90% of the planted analogies.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 300000
embx_run train "$T/c.txt" -o "$T/v.vec" --model cbow --dim 50 --epochs 10 --alpha 0.1 --threads 1 --seed 1
expect_ok
expect_err "cbow"
acc=$(analogy_accuracy "$T/v.vec" "$T/q.txt") || exit $?
at_least "$acc" 0.90 || fail "cbow analogy accuracy $acc < 0.90"
pass
