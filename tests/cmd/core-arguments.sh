#!/bin/sh
# Arity, unknown options, ambiguous prefixes and missing tables are refused
# with a message that says what would be right.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$tbl" -c 'vec'
expect_failed
expect_err "embx: -c:1: vec: missing argument (usage: vec WORD)"
embx_run --no-cache "$tbl" -c 'vec king queen'
expect_failed
expect_err "too many arguments: 'queen' (usage: vec WORD)"
embx_run --no-cache "$tbl" -c 'load x --bogus'
expect_failed
expect_err "unknown option '--bogus' for load (valid: --format, --limit, --no-cache, --skip-bad, --tensor, --vocab)"
embx_run --no-cache "$tbl" -c 's'
expect_failed
expect_err "'s' is ambiguous: save, set"
embx_run --no-cache "$tbl" -c 'inf'
expect_ok
expect_out "words	8"
EMBX_DEMO= embx_run -c 'info'
expect_failed
expect_err "embx: -c:1: info: no table loaded (use 'load FILE' first)"
embx_run --no-cache "$tbl" -c 'set k 0'
expect_failed
expect_err "k must be a whole number of at least 1, not '0'"
embx_run --no-cache "$tbl" -c 'set output fancy'
expect_failed
expect_err "output must be auto, table or tsv"
embx_run --no-cache "$tbl" -c 'vec "open'
expect_failed
expect_err "unterminated \" quote at column 5"
pass
