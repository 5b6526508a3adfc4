#!/bin/sh
# Absurd settings are refused before reading the corpus, naming the option.
. "$SRCDIR/tests/lib.sh"
printf 'a b c\n' >"$T/c.txt"
for bad in "--dim 0:--dim" "--window 0:--window" "--negative -1:--negative" "--threads 0:--threads" \
    "--epochs 0:--epochs" "--min-count 0:--min-count" "--sample -1:--sample" "--alpha 0:--alpha" \
    "--model glove:--model" "--dim abc:--dim" "--format nope:--format"; do
    opt=${bad%%:*}
    embx_run train "$T/c.txt" -o "$T/v.vec" $opt
    expect_failed
    expect_err "${bad#*:}"
done
pass
