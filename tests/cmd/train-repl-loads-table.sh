#!/bin/sh
# In a session the trained table becomes the loaded table (no -o needed).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 50000
printf 'train %s --dim 16 --epochs 1 --threads 1\ninfo\n' "$T/c.txt" >"$T/script"
embx_script "$T/script" --no-cache
expect_ok
expect_err "not saved"
expect_out "dimensions	16"
expect_out "format	word2vec"
pass
