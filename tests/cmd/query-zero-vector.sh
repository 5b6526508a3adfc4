#!/bin/sh
# Zero vectors never appear in results and never produce NaN; asking about
# one says why it cannot be answered.
. "$SRCDIR/tests/lib.sh"
printf 'a 1 0 0\nz 0 0 0\nb 0.9 0.1 0\nc 0 1 0\nd 0.5 0.5 0.1\n' >"$T/t.txt"
embx_run --no-cache "$T/t.txt" -c 'nn a -k 10; analogy a b c -k 10; analogy a b c --mul -k 10; odd a b c'
expect_ok
expect_no_out "z	"
grep -qi nan "$T/out" && fail "NaN in output: $(cat "$T/out")"
embx_run --no-cache "$T/t.txt" -c 'nn z'
expect_failed
expect_err "'z' is a zero vector"
# sim follows the same rule as nn (it once printed 0 with only a note)
embx_run --no-cache "$T/t.txt" -c 'sim a z'
expect_failed
expect_err "sim: 'z' is a zero vector: it has no direction to compare with"
expect_no_out "0.000000"
pass
