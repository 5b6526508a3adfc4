#!/bin/sh
# Error messages quote at most 200 bytes of a word the user typed, so a huge
# word cannot push the explanation out of the message (found by the limits
# tests: "vec <100 KB word>" printed 1 KB of x's and never said what was wrong).
. "$SRCDIR/tests/lib.sh"
w=$(head -c 5000 /dev/zero | tr '\000' 'x')
printf 'vec %s\n%s\nvec -%s w\nset k 1 %s\nload --limit %s x\n' "$w" "$w" "$w" "$w" "$w" >"$T/script"
embx_script "$T/script" --no-cache "$SRCDIR/tests/data/small.txt"
expect_rc 1
expect_err "...' is not in the table"
expect_err "...' (type 'help' for the list)"
expect_err "...' for vec (it takes no options)"
expect_err "...' (usage: set [NAME VALUE])"
expect_err "...'"
awk 'length($0) > 600 { exit 1 }' "$T/err" || fail "a message is longer than 600 bytes"
pass
