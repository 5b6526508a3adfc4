#!/bin/sh
# Issue 12: nn ran on one thread by default (the session's "all cores" is 0,
# which the search took as "one"). A table big enough to share is searched
# with every core unless `set threads N` says otherwise; `info` reports the
# count the search uses.
. "$SRCDIR/tests/lib.sh"
cores=$(nproc 2>/dev/null || echo 1)
[ "$cores" -ge 2 ] || skip "one core: nothing to share"
mktable "$T/t.txt" 40000 64 5
# 40000 rows make 19 blocks of 2048: at most 19 threads
want=$cores; [ "$want" -le 19 ] || want=19
embx_run --no-cache "$T/t.txt" -c 'info; set threads 1; info; set threads 2; info'
expect_ok
[ "$(grep -c "^search threads" "$T/out")" -eq 3 ] || fail "info lacks 'search threads': $(cat "$T/out")"
got=$(grep "^search threads" "$T/out" | awk '{print $3}' | tr '\n' ' ')
[ "$got" = "$want 1 2 " ] || fail "search threads (default, 1, 2) = $got, expected $want 1 2"
pass
