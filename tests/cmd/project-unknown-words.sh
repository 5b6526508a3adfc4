#!/bin/sh
# Unknown words in a selection are listed; the rest are used. When none is
# known, the error suggests close spellings.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 50 6 2
embx_run --no-cache "$T/t.txt" -c 'plot pca w1 w2 nosuch w3 w4 other --ascii'
expect_ok
expect_err "not in the table: nosuch, other (the rest used)"
expect_err "selection: 4 words"
expect_out "4 points"
embx_run --no-cache "$T/t.txt" -c 'plot pca nosuch w01 --ascii'
expect_failed
expect_err "none of the 2 words is in the table (not in the table: nosuch, w01)"
embx_run --no-cache "$T/t.txt" -c 'plot pca --near w01 5 --ascii'
expect_failed
expect_err "did you mean"
pass
