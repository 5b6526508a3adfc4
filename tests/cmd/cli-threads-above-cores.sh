#!/bin/sh
# More threads than cores is allowed, with a one-line note (not an error),
# wherever a thread count is taken: -t, set threads, train-pairs --threads.
. "$SRCDIR/tests/lib.sh"
cores=$(getconf _NPROCESSORS_ONLN)
mktable "$T/t.txt" 50 4 1
embx_run --no-cache -t 1024 "$T/t.txt" -c 'sim w1 w2'
expect_ok; expect_err "embx: 1024 threads on $cores core"
[ "$(grep -c 'threads on' "$T/err")" -eq 1 ] || fail "expected one note: $(cat "$T/err")"
embx_run --no-cache "$T/t.txt" -c 'set threads 1024; set threads 1; set threads 0; sim w1 w2'
expect_ok; expect_err "1024 threads on $cores core"
[ "$(grep -c 'threads on' "$T/err")" -eq 1 ] || fail "set threads 1 or 0 gave a note: $(cat "$T/err")"
embx_run --no-cache -t 1 "$T/t.txt" -c 'sim w1 w2'
expect_ok; ! grep -q 'threads on' "$T/err" || fail "-t 1 gave a note"
printf '1,1,4\n1,2,3\n2,1,5\n2,3,2\n3,2,4\n3,3,1\n' > "$T/r.csv"
embx_run train-pairs "$T/r.csv" -o "$T/r.vec" --dim 4 --epochs 1 --threads 1024
expect_ok; expect_err "1024 threads on $cores core"
pass
