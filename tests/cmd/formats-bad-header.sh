#!/bin/sh
# A header whose N or D disagrees with the rows, or is absurd, is refused
# with the line and the reason (and no giant allocation first).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/formats-expect-load-error.sh"
expect_load_error only.txt '3 4\n' '1: only a header, no rows follow'
expect_load_error n.txt '3 3\na 1 2 3\nb 1 2 3\n' '1: header says 3 rows, but the file has 2'
expect_load_error n2.txt '1 3\na 1 2 3\nb 1 2 3\n' '1: header says 1 rows, but the file has 2'
expect_load_error d.txt '2 4\na 1 2 3\nb 1 2 3\n' '2: too few values (3, expected 4)'
expect_load_error bigd.txt '2 999999999999\na 1 2 3\n' '1: header says 999999999999 values per row, but only 8 bytes follow'
expect_load_error bign.txt '1000000000000 3\na 1 2 3\n' '1: header says 1000000000000 rows, but only 8 bytes follow'
expect_load_error over.txt '99999999999999999999999 3\na 1 2 3\n' '1: header row count is too large'
expect_load_error zero.txt '2 0\na\n' '1: header says dimension 0'
pass
