#!/bin/sh
# analogy prints the formula it computed above the answers in table output
# (the terminal form), and not when piped; --keep-inputs lets inputs answer.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$tbl" -c 'set output table; analogy man king woman -k 2'
expect_ok
[ "$(head -n 1 "$T/out")" = "king - man + woman" ] || fail "first line is not the formula: $(cat "$T/out")"
embx_run --no-cache "$tbl" -c 'set output table; analogy man king woman -k 2 --mul'
expect_ok
expect_out "3CosMul: cos(x, king) * cos(x, woman) / cos(x, man)"
embx_run --no-cache "$tbl" -c 'analogy man king woman -k 1'
expect_ok
[ "$(cat "$T/out")" = "queen	0.983227" ] || fail "piped output is not word<TAB>score: $(cat "$T/out")"
embx_run --no-cache "$tbl" -c 'analogy man king woman -k 8 --keep-inputs'
expect_ok
expect_out "king	"
expect_out "woman	"
pass
