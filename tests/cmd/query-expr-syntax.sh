#!/bin/sh
# A malformed expression says which word is wrong and why; quoted operators
# and option-like words are words.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$tbl" -c 'nn king - - man'
expect_failed
expect_err "syntax error at word 3 of 'king - - man': expected a word after '-', got '-'"
embx_run --no-cache "$tbl" -c 'nn king man'
expect_failed
expect_err "syntax error at word 2 of 'king man': expected + or - between 'king' and 'man'"
embx_run --no-cache "$tbl" -c 'nn king + woman -'
expect_failed
expect_err "syntax error at word 4 of 'king + woman -': the expression ends with '-', a word must follow"
embx_run --no-cache "$tbl" -c 'nn king - king'
expect_failed
expect_err "is the zero vector (the words cancel out)"
# "-lrb-" quoted is a word, and so is a quoted "+" operand position
embx_run --no-cache "$tbl" -c 'nn "-lrb-" -k 2'
expect_ok
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "expected 2 neighbours of -lrb-: $(cat "$T/out")"
embx_run --no-cache "$tbl" -c 'nn king - "-lrb-" -k 3'
expect_ok
expect_no_out "-lrb-"
expect_no_out "king"
pass
