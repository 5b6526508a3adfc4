#!/bin/sh
# Skip-gram with a fixed seed and one thread recovers >= 90% of the
# analogies planted in the generated corpus.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 300000
embx_run train "$T/c.txt" -o "$T/v.vec" --model skipgram --dim 50 --epochs 8 --alpha 0.05 --sample 1e-3 --threads 1 --seed 1
expect_ok
expect_err "trained"
acc=$(analogy_accuracy "$T/v.vec" "$T/q.txt") || exit $?
at_least "$acc" 0.90 || fail "skip-gram analogy accuracy $acc < 0.90"
pass
