#!/bin/sh
# Malformed interaction lines are refused with FILE:LINE and what is wrong;
# no table is written.
. "$SRCDIR/tests/lib.sh"
printf '1,10,5\n1,20,3\n2\n' >"$T/missing-item.csv"
embx_run train-pairs "$T/missing-item.csv" -o "$T/x.vec"
expect_failed
expect_err "missing-item.csv:3: missing item field"
printf '1\t10\t5\n1\t20\n' >"$T/missing-rating.tsv"
embx_run train-pairs "$T/missing-rating.tsv" -o "$T/x.vec"
expect_failed
expect_err "missing-rating.tsv:2: missing rating field"
printf 'user::item::rating\n1::10::5\n2::20::five\n' >"$T/word.dat"
embx_run train-pairs "$T/word.dat" -o "$T/x.vec"
expect_failed
expect_err "word.dat:3: rating 'five' is not a number"
printf '1|10|4\n2|20|inf\n' >"$T/inf.txt"
embx_run train-pairs "$T/inf.txt" -o "$T/x.vec"
expect_failed
expect_err "inf.txt:2: rating 'inf' is not a number"
embx_run train-pairs "$T/does-not-exist.csv" -o "$T/x.vec"
expect_failed
expect_err "cannot open"
[ ! -e "$T/x.vec" ] || fail "a table was written despite the errors"
pass
