#!/bin/sh
# A 100 MB line with no newline, as a table file and as a command line on
# stdin: a message, in bounded time and memory.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-limits.inc"
head -c 100000000 /dev/zero | tr '\000' 'a' >"$T/line.txt"
run_measured --no-cache "$T/line.txt" -c info
expect_failed
expect_bounded 400 60
expect_err "line.txt:1"
# the same bytes as a row: a word and 100 MB of values that are not numbers
{ printf 'w '; cat "$T/line.txt"; } >"$T/row.txt"
run_measured --no-cache "$T/row.txt" -c info
expect_failed
expect_bounded 400 60
expect_err "row.txt:1"
rm -f "$T/row.txt"
# a 100 MB command without a newline, then nothing: an answer or a message
rc=0
t0=$(date +%s)
{ printf 'vec '; cat "$T/line.txt"; } | "$EMBX" --no-cache "$SRCDIR/tests/data/small.txt" >"$T/out" 2>"$T/err" || rc=$?
[ $(($(date +%s) - t0)) -le 60 ] || fail "the long command took more than 60 s"
expect_rc 1
expect_err "embx: stdin:1: vec: "
pass
