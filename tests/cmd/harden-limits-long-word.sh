#!/bin/sh
# A 100 KB word, in a table file and typed as a command argument: the table
# loads (the word is a word like any) or is refused with a message naming the
# line; commands given the word answer or fail with a bounded message; the
# session survives.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-limits.inc"
w=$(head -c 102400 /dev/zero | tr '\000' 'x')
printf '%s 1 2 3\nking 4 5 6\nqueen 6 5 4\n' "$w" >"$T/long.txt"
run_measured --no-cache "$T/long.txt" -c info
expect_bounded 200 30
if [ "$rc" -eq 0 ]; then
    expect_out "words	3"
    printf 'vec %s\nvec %sy\nsim %s king\nnn %s\nnn %sy\ninfo\n' "$w" "$w" "$w" "$w" "$w" >"$T/script"
    rc=0
    "$EMBX" --no-cache "$T/long.txt" <"$T/script" >"$T/out" 2>"$T/err" || rc=$?
    [ "$rc" -le 1 ] || fail "exit status $rc"
    grep -q "^x*	1	2	3$" "$T/out" || fail "vec of the long word did not print its vector"
    expect_err "is not in the table"
else
    expect_err "long.txt:1"
fi
# typed at the prompt against an ordinary table
printf 'vec %s\nvec "%s"\nload %s\n%s\ninfo\n' "$w" "$w" "$w" "$w" >"$T/script"
rc=0
"$EMBX" --no-cache "$SRCDIR/tests/data/small.txt" <"$T/script" >"$T/out" 2>"$T/err" || rc=$?
expect_rc 1
expect_out "words	8"
[ "$(grep -c '^embx: ' "$T/err")" -ge 4 ] || fail "expected 4 error messages: $(head -c 300 "$T/err")"
# each message stays short: the word is not echoed in full
awk 'length($0) > 2000 { exit 1 }' "$T/err" || fail "an error message is longer than 2000 bytes"
pass
