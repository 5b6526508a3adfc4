#!/bin/sh
# `embx -` reads the table from stdin; the commands then come from -c, and
# without -c and a terminal it says so instead of exiting silently.
. "$SRCDIR/tests/lib.sh"
rc=0
"$EMBX" - -c 'nn king -k 1' <"$SRCDIR/tests/data/small.txt" >"$T/out" 2>"$T/err" || rc=$?
expect_ok
expect_out "queen	"
expect_err "loaded 8 words x 4 dimensions"
rc=0
command -v setsid >/dev/null || skip "no setsid to run without a terminal"
setsid "$EMBX" - <"$SRCDIR/tests/data/small.txt" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "exit status $rc without -c and a terminal"
expect_err "give them with -c"
pass
