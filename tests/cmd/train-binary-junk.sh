#!/bin/sh
# Binary junk in a corpus is read as bytes: no crash, a loadable table.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 20000
head -c 200000 /dev/urandom >>"$T/c.txt"
cat "$T/c.txt" "$T/c.txt" >"$T/c2.txt"
embx_run train "$T/c2.txt" -o "$T/v.vec" --dim 8 --epochs 1 --threads 2 --min-count 2
expect_ok
embx_run --no-cache "$T/v.vec" -c info
expect_ok
expect_out "dimensions	8"
pass
