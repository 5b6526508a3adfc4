#!/bin/sh
# Tables of different dimension: alignment skipped with a note, neighbour
# overlap still reported; few shared words: says how many were used.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 300 20 1
mktable "$T/b.txt" 40 12 2
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt -k 5"
expect_ok
expect_err "dimensions differ (20 and 12)"
expect_out "shared words	40"
expect_out "only in the current table	260"
expect_out "words compared	40"
expect_out "mean neighbour overlap (k=5)"
expect_no_out "mean aligned cosine"
# 40 shared words for 20 dimensions, restricted to the first 30 rows: 30 used
mktable "$T/c.txt" 40 20 3
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/c.txt --restrict 30"
expect_ok
expect_out "words compared	30"
expect_err "compared the 30 shared words among the first 30 rows (of 40 shared"
pass
