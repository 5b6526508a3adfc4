#!/bin/sh
# Two tables without a common word: an error that says so.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 100 8 1
"$BUILDDIR/tests/gen/mkrotated" "$T/a.txt" "$T/b.txt" 3 --prefix x_ || fail mkrotated
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt"
expect_failed
expect_err "share no words"
pass
