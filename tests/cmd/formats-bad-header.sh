#!/bin/sh
# A header whose N or D disagrees with the rows, or is absurd, is refused
# with the line and the reason (and no giant allocation first).
. "$SRCDIR/tests/lib.sh"
check() { # NAME CONTENT MESSAGE
    printf "$2" > "$T/$1"
    embx_run --no-cache "$T/$1" -c info
    expect_failed
    expect_err "$T/$1:$3"
}
check only.txt '3 4\n' '1: only a header, no rows follow'
check n.txt '3 3\na 1 2 3\nb 1 2 3\n' '1: header says 3 rows, but the file has 2'
check n2.txt '1 3\na 1 2 3\nb 1 2 3\n' '1: header says 1 rows, but the file has 2'
check d.txt '2 4\na 1 2 3\nb 1 2 3\n' '2: too few values (3, expected 4)'
check bigd.txt '2 999999999999\na 1 2 3\n' '1: header says 999999999999 values per row, but only 8 bytes follow'
check bign.txt '1000000000000 3\na 1 2 3\n' '1: header says 1000000000000 rows, but only 8 bytes follow'
check over.txt '99999999999999999999999 3\na 1 2 3\n' '1: header row count is too large'
check zero.txt '2 0\na\n' '1: header says dimension 0'
pass
