#!/bin/sh
# A load that fails leaves the previous table in place.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
printf 'king 1 2 3 4\nqueen 1 2 x 4\n' > "$T/bad.txt"
printf 'load %s\nload %s\nload %s\ninfo\nvec paris\n' "$T/missing.txt" "$T/bad.txt" "$T" > "$T/script"
embx_script "$T/script" --no-cache "$tbl"
expect_rc 1
expect_out "words	8"
expect_out "paris	-1	0.5	0.25	0.125"
expect_err "missing.txt"
expect_err "bad.txt:2:"
pass
