#!/bin/sh
# Batch mode: a failed command makes the exit status non-zero, the following
# commands still run unless --bail, and the error names the command.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$tbl" -c 'vec kingg; vec king'
expect_rc 1
expect_err "embx: -c:1: vec: 'kingg' is not in the table (did you mean: king?)"
expect_out "king	0.5	0.25	-0.125	1"
embx_run --no-cache --bail "$tbl" -c 'bogus; vec king'
expect_rc 1
expect_err "embx: -c:1: unknown command 'bogus' (type 'help' for the list)"
[ -s "$T/out" ] && fail "--bail ran the command after the failure"
printf 'vec king\nvec nope\nvec man\n' > "$T/script"
embx_script "$T/script" --no-cache "$tbl"
expect_rc 1
expect_out "man	0.25	0.125	0.5	0.5"
printf 'vec king\n# a comment\n\nset k 4\n' > "$T/script"
embx_script "$T/script" --no-cache "$tbl"
expect_ok
pass
