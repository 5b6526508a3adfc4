#!/bin/sh
# Ctrl-C (SIGINT) during train-rows stops training promptly: the command
# reports "cancelled", fails and writes no table.
. "$SRCDIR/tests/lib.sh"
awk 'BEGIN { print "city,job,band"; for (r = 1; r <= 20000; r++) printf "c%d,j%d,b%d\n", r % 50, r % 30, r % 7 }' >"$T/t.csv"
"$EMBX" train-rows "$T/t.csv" -o "$T/v.vec" --epochs 100000 --threads 2 >"$T/out" 2>"$T/err" </dev/null &
pid=$!
sleep 2
kill -INT "$pid" 2>/dev/null || fail "train-rows ended before the signal: $(cat "$T/err")"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fail "train-rows still running 10 s after SIGINT"; fi
rc=0
wait "$pid" || rc=$?
expect_failed
expect_err "cancelled"
[ ! -e "$T/v.vec" ] || fail "a cancelled run wrote a table"
pass
