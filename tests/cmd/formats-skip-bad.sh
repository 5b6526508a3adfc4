#!/bin/sh
# --skip-bad loads the good rows and says how many were skipped and why.
. "$SRCDIR/tests/lib.sh"
printf 'a 1 2 3\nb 1 2\nc 1 2 3\nd 1 nan 3\ne 4 5 6\n' > "$T/s.txt"
embx_run --no-cache --skip-bad "$T/s.txt" -c 'info; vec e'
expect_ok
expect_out "words	3"
expect_out "e	4	5	6"
expect_err "skipped 2 malformed rows (first: $T/s.txt:2: too few values (2, expected 3))"
# the same with load inside a session
printf 'load %s --skip-bad --no-cache\ninfo\n' "$T/s.txt" > "$T/script"
embx_script "$T/script"
expect_ok
expect_out "words	3"
pass
