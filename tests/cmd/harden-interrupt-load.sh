#!/bin/sh
# SIGINT during a long load (batch mode): the load stops with "cancelled",
# the previous table stays, later commands run, no cache file is half-written,
# and the process exits normally.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-interrupt.inc"
# 200,000 rows load in under 0.1 s: five times as many take about half a second
big_table "$T/big.txt.gz" 1000000
for cache in --no-cache ""; do
    # shellcheck disable=SC2086
    session_start $cache "$SRCDIR/tests/data/small.txt"
    wait_err "loaded 8 words" 30
    send "load $T/big.txt.gz"
    sleep 0.1
    kill -INT "$pid"
    send "info"
    session_end
    if grep -q "loaded 1000000 words" "$T/err"; then
        skip "the load finished within 0.1 s, before the signal: nothing to interrupt"
    fi
    expect_rc 1
    expect_err "embx: stdin:1: load: cancelled"
    expect_out "words	8"
    if [ -d "$XDG_CACHE_HOME" ]; then
        leftovers=$(find "$XDG_CACHE_HOME" -name '*.tmp.*' | head -n 3)
        [ -z "$leftovers" ] || fail "temp files left in the cache: $leftovers"
    fi
done
pass
