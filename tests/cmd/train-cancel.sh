#!/bin/sh
# Ctrl-C stops training; without --save-partial nothing is written, with it
# the vectors learned so far are written as a normal table.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 300000
# interrupt ARGS...: starts a long training, sends SIGINT once it trains.
interrupt() {
    "$EMBX" train "$T/c.txt" --dim 20 --epochs 500 --threads 1 "$@" >"$T/out" 2>"$T/err" &
    pid=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q "kept with" "$T/err"; do sleep 0.1; i=$((i + 1)); done
    sleep 0.3
    kill -INT $pid
    rc=0
    wait $pid || rc=$?
}
interrupt -o "$T/a.vec"
expect_failed
expect_err "cancelled"
expect_err "--save-partial"
[ ! -e "$T/a.vec" ] || fail "cancelled without --save-partial but wrote a.vec"
interrupt -o "$T/b.vec" --save-partial
expect_failed
expect_err "cancelled"
[ -s "$T/b.vec" ] || fail "--save-partial wrote nothing"
embx_run --no-cache "$T/b.vec" -c info
expect_ok
expect_out "dimensions	20"
pass
