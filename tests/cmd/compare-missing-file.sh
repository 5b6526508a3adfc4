#!/bin/sh
# compare with a missing or unreadable second table fails, names the file,
# and leaves the loaded table in place.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 50 8 1
printf 'w1 1 2 3\nw2 1 x 3\n' > "$T/bad.txt"
printf 'compare %s\ncompare --no-cache %s\ninfo\nboth w1\n' "$T/missing.txt" "$T/bad.txt" > "$T/script"
embx_script "$T/script" --no-cache "$T/a.txt"
expect_failed
expect_err "missing.txt"
expect_err "bad.txt:2"
expect_out "words	50"
expect_err "no second table"
pass
