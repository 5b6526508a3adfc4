#!/bin/sh
# --test-fraction 0 and 1 are refused (nothing to evaluate on / to train on),
# before the file is read; so are other bad options (model, solver, prefixes, -o).
. "$SRCDIR/tests/lib.sh"
printf '1,10,5\n1,20,3\n2,10,4\n2,20,1\n' >"$T/r.csv"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --test-fraction 0
expect_failed
expect_err "--test-fraction 0 is out of range"
expect_err "nothing to evaluate on"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --test-fraction 1
expect_failed
expect_err "nothing to train on"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --test-fraction lots
expect_failed
expect_err "test-fraction"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --model svd
expect_failed
expect_err "unknown model 'svd'"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --user-prefix x: --item-prefix x:
expect_failed
expect_err "must differ"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --solver newton
expect_failed
expect_err "unknown solver 'newton' (sgd or als)"
embx_run train-pairs "$T/r.csv" -o "$T/x.vec" --model bpr --solver als
expect_failed
expect_err "--solver als fits mf (ratings) only"
embx_run train-pairs "$T/r.csv"
expect_failed
expect_err "missing -o OUT"
[ ! -e "$T/x.vec" ] || fail "a table was written"
pass
