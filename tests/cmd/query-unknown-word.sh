#!/bin/sh
# An unknown word is named, with close vocabulary entries suggested, by every
# query command.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
for cmd in 'nn kingg' 'nn queen - kingg' 'analogy man kingg woman' 'sim kingg queen' \
           'odd king queen kingg' 'rank king kingg'; do
    embx_run --no-cache "$tbl" -c "$cmd"
    expect_failed
    expect_err "'kingg' is not in the table (did you mean: king"
done
embx_run --no-cache "$tbl" -c 'nn Queen -k 1'
expect_failed
expect_err "'Queen' is not in the table (did you mean: queen"
pass
