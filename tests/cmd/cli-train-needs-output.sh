#!/bin/sh
# `embx train CORPUS` from the shell without -o would train to the end and
# then lose the table: it is refused before reading the corpus. In the REPL
# or -c the trained table becomes the loaded one, so -o stays optional there.
. "$SRCDIR/tests/lib.sh"
i=0
while [ $i -lt 200 ]; do echo "the cat sat on the mat and the dog sat on the log"; i=$((i + 1)); done >"$T/c.txt"
embx_run train "$T/c.txt" --dim 8 --epochs 1 --min-count 1
expect_failed
expect_err "embx: train: give -o OUT"
expect_no_out "trained"
grep -q "words, " "$T/err" && fail "the corpus was read before refusing"
EMBX_DEMO= embx_run -c "train $T/c.txt --dim 8 --epochs 1 --min-count 1 --threads 1; nn cat -k 1"
expect_ok
expect_err "not saved: use -o OUT or save FILE"
pass
