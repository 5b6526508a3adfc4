#!/bin/sh
# A text corpus opened as a table: the error says how to train vectors on it.
. "$SRCDIR/tests/lib.sh"
printf 'the cat sat on the mat\nthe dog ate my homework\n' > "$T/corpus.txt"
embx_run --no-cache "$T/corpus.txt" -c info
expect_failed
expect_err "$T/corpus.txt:1: no numeric values: not a vector file (text to train vectors from? embx train $T/corpus.txt)"
pass
