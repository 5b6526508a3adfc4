#!/bin/sh
# With a fixed seed and one thread two runs write the same bytes (skip-gram
# and CBOW); another seed gives other vectors.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 60000
for m in skipgram cbow; do
    for run in 1 2; do
        embx_run train "$T/c.txt" -o "$T/$m$run.vec" --model $m --dim 20 --epochs 2 --threads 1 --seed 42
        expect_ok
    done
    cmp -s "$T/${m}1.vec" "$T/${m}2.vec" || fail "$m: two runs with --seed 42 --threads 1 differ"
    embx_run train "$T/c.txt" -o "$T/${m}3.vec" --model $m --dim 20 --epochs 2 --threads 1 --seed 43
    expect_ok
    ! cmp -s "$T/${m}1.vec" "$T/${m}3.vec" || fail "$m: --seed 43 gave the same vectors as --seed 42"
done
pass
