#!/bin/sh
# An output path that cannot be written is found before training starts.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 20000
embx_run train "$T/c.txt" -o "$T/no/such/dir/v.vec" --threads 1
expect_failed
expect_err "cannot write there"
expect_err "nothing was trained"
! grep -q "kept with" "$T/err" || fail "it read the corpus before checking the output path"
mkdir "$T/adir"
embx_run train "$T/c.txt" -o "$T/adir" --threads 1
expect_failed
expect_err "is a directory"
pass
