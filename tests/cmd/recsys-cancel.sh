#!/bin/sh
# Ctrl-C (SIGINT) during train-pairs stops training promptly: the command
# reports "cancelled", fails, and writes neither the table nor the sidecar.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 3000 --items 500 --interactions 100000 --seed 5 || fail "generator"
"$EMBX" train-pairs "$T/r.tsv" -o "$T/m.vec" --epochs 100000 --threads 2 >"$T/out" 2>"$T/err" </dev/null &
pid=$!
sleep 2
kill -INT "$pid" 2>/dev/null || fail "train-pairs ended before the signal: $(cat "$T/err")"
# it must stop within a few seconds (a stuck run would go on for hours)
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fail "train-pairs still running 10 s after SIGINT"; fi
rc=0
wait "$pid" || rc=$?
expect_failed
expect_err "cancelled"
[ ! -e "$T/m.vec" ] && [ ! -e "$T/m.vec.recsys.tsv" ] || fail "a cancelled run wrote files"
pass
