#!/bin/sh
# SIGINT during 'index build' stops it with a message; no index file (nor a
# temp file) is written, the session keeps its table and answers the next
# command.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-interrupt.inc"
mktable "$T/t.txt" 60000 64 5 --clusters 100
session_start "$T/t.txt"
wait_err "loaded 60000 words" 120
send "index build --ef-construction 2000"
sleep 1
kill -INT "$pid"
send "info"
session_end
grep -qi "cancel" "$T/err" || skip "index build finished within 1 s, before the signal"
grep -qE "^words	60000\$" "$T/out" || fail "info after the interruption: $(head -c 300 "$T/out")"
ls "$XDG_CACHE_HOME"/embx/ | grep -q "hnsw" && fail "an interrupted build left $(ls "$XDG_CACHE_HOME"/embx/)"
pass
