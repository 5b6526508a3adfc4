#!/bin/sh
# An empty or question-less benchmark file, or a missing one, is an error
# that says so.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
: >"$T/empty.txt"
embx_run --no-cache "$tbl" -c "eval analogy $T/empty.txt"
expect_failed
expect_err "'$T/empty.txt' is empty"
embx_run --no-cache "$tbl" -c "eval sim $T/empty.txt"
expect_failed
expect_err "'$T/empty.txt' is empty"
printf ': only-sections\n: another\n' >"$T/nosq.txt"
embx_run --no-cache "$tbl" -c "eval analogy $T/nosq.txt"
expect_failed
expect_err "has no questions"
printf 'king\tqueen\t3\n' >"$T/one.txt"
embx_run --no-cache "$tbl" -c "eval sim $T/one.txt"
expect_failed
expect_err "only 1 usable pair"
embx_run --no-cache "$tbl" -c "eval analogy $T/missing.txt"
expect_failed
expect_err "cannot open '$T/missing.txt'"
embx_run --no-cache "$tbl" -c "eval nonsense $T/one.txt"
expect_failed
expect_err "unknown benchmark 'nonsense' (analogy, sim, cat, outlier or suite)"
pass
