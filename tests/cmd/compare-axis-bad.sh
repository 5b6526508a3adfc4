#!/bin/sh
# axis refuses a zero direction, missing direction words (all listed) and
# a single word that is not an expression.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 50 8 1
embx_run --no-cache "$T/a.txt" -c "axis w1 w1 w2"
expect_failed
expect_err "zero vector"
embx_run --no-cache "$T/a.txt" -c 'axis "w1 + foo - bar" w2'
expect_failed
expect_err "not in the table: foo, bar"
embx_run --no-cache "$T/a.txt" -c "axis w1"
expect_failed
expect_err "two words A B"
embx_run --no-cache "$T/a.txt" -c "axis w1 w2 --words nope"
expect_failed
expect_err "nope"
pass
