#!/bin/sh
# A missing, empty or directory corpus, and one where --min-count keeps too
# few words, fail with a message that names the file and the reason.
. "$SRCDIR/tests/lib.sh"
embx_run train "$T/nope.txt" -o "$T/v.vec"
expect_failed
expect_err "nope.txt"
expect_err "No such file"
: >"$T/empty.txt"
printf '  \n\t\n' >"$T/blank.txt"
for f in empty blank; do
    embx_run train "$T/$f.txt" -o "$T/v.vec"
    expect_failed
    expect_err "is empty"
done
embx_run train "$T" -o "$T/v.vec"
expect_failed
expect_err "directory"
printf 'alpha beta gamma\nalpha beta\n' >"$T/tiny.txt"
embx_run train "$T/tiny.txt" -o "$T/v.vec" --min-count 5
expect_failed
expect_err "occurs 5 times"
expect_err "lower --min-count"
printf 'alpha alpha alpha beta\n' >"$T/one.txt"
embx_run train "$T/one.txt" -o "$T/v.vec" --min-count 2
expect_failed
expect_err "only 1 of the 2 distinct words"
[ ! -e "$T/v.vec" ] || fail "a failed run wrote the output"
pass
