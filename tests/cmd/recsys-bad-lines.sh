#!/bin/sh
# Malformed interaction lines are refused with FILE:LINE and what is wrong;
# no table is written.
. "$SRCDIR/tests/lib.sh"
# refused NAME CONTENT MESSAGE: train-pairs on a file NAME holding CONTENT fails with MESSAGE
refused() {
    printf "$2" >"$T/$1"
    embx_run train-pairs "$T/$1" -o "$T/x.vec"
    expect_failed
    expect_err "$3"
}
refused missing-item.csv '1,10,5\n1,20,3\n2\n' "missing-item.csv:3: missing item field"
refused missing-rating.tsv '1\t10\t5\n1\t20\n' "missing-rating.tsv:2: missing rating field"
refused word.dat 'user::item::rating\n1::10::5\n2::20::five\n' "word.dat:3: rating 'five' is not a number"
refused inf.txt '1|10|4\n2|20|inf\n' "inf.txt:2: rating 'inf' is not a number"
refused empty-user.csv '1,10,5\n,20,3\n' "empty-user.csv:2: missing user field"
embx_run train-pairs "$T/does-not-exist.csv" -o "$T/x.vec"
expect_failed
expect_err "cannot open"
[ ! -e "$T/x.vec" ] || fail "a table was written despite the errors"
pass
