#!/bin/sh
# A file with a single user or a single item is refused with a reason.
. "$SRCDIR/tests/lib.sh"
printf '7,10,5\n7,20,3\n7,30,4\n' >"$T/one-user.csv"
embx_run train-pairs "$T/one-user.csv" -o "$T/x.vec"
expect_failed
expect_err "has a single user ('7')"
printf '1\tA\n2\tA\n3\tA\n' >"$T/one-item.tsv"
embx_run train-pairs "$T/one-item.tsv" -o "$T/x.vec"
expect_failed
expect_err "has a single item ('A')"
printf 'user,item\n' >"$T/header-only.csv"
embx_run train-pairs "$T/header-only.csv" -o "$T/x.vec"
expect_failed
expect_err "holds no interactions"
pass
