#!/bin/sh
# -k 0, negative or not a number is refused naming the value; more than the
# rows that can be answers is clamped with a note, in every command.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
for k in 0 -3 ten; do
    embx_run --no-cache "$tbl" -c "nn king -k $k"
    expect_failed
    expect_err "-k must be a whole number of at least 1, not '$k'"
done
embx_run --no-cache "$tbl" -c 'analogy man king woman -k 0'
expect_failed
expect_err "-k must be a whole number of at least 1"
embx_run --no-cache "$tbl" -c 'nn king -k 1000'
expect_ok
expect_err "-k 1000 is more than the 7 rows that can be answers: using 7"
[ "$(wc -l <"$T/out")" -eq 7 ] || fail "expected all 7 other rows: $(cat "$T/out")"
embx_run --no-cache "$tbl" -c 'analogy man king woman -k 50'
expect_ok
[ "$(wc -l <"$T/out")" -eq 5 ] || fail "expected the 5 rows that are not inputs: $(cat "$T/out")"
embx_run --no-cache "$tbl" -c 'nn king -k 3 --restrict 0'
expect_failed
expect_err "restrict"
# every command reads -k the same way: compare and recommend clamp with a
# note too, and refuse 0 in the same words
embx_run --no-cache "$tbl" -c "compare $tbl -k 5000 --top 1"
expect_ok
expect_err "-k 5000 is more than the 1000 neighbours the overlap keeps per word: using 1000"
embx_run --no-cache "$tbl" -c "compare $tbl -k 0"
expect_failed
expect_err "-k must be a whole number of at least 1, not '0'"
pass
