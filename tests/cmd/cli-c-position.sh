#!/bin/sh
# Errors in -c commands name their position (-c:N: counts the commands of
# every -c, split at ';'), so a failure in a long script can be found.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$tbl" -c 'vec king; vec kingg' -c 'sim king tokyo'
expect_failed
expect_err "embx: -c:2: vec: 'kingg' is not in the table (did you mean: king?)"
expect_err "embx: -c:3: sim: 'tokyo' is not in the table"
pass
