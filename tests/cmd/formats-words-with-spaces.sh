#!/bin/sh
# The last D fields are the vector and everything before is the word, so
# tokens with spaces and non-breaking spaces (Common Crawl GloVe) load.
. "$SRCDIR/tests/lib.sh"
printf 'a 1 2\n. . . 3 4\nnew\302\240york 5 6\nat the 7 8\n1990 9 10\n' > "$T/s.txt"
embx_run --no-cache "$T/s.txt" -c 'info; vec ". . ."; vec "at the"; vec 1990'
expect_ok
expect_out "words	5"
expect_out ". . .	3	4"
expect_out "at the	7	8"
expect_out "1990	9	10"
pass
