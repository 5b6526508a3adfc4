#!/bin/sh
# set approx auto (the default) answers nn from the index on a table of
# 100000 rows or more once one is built, and scans below that; a damaged
# index under auto is noted, removed, and nn answers by the exact scan.
. "$SRCDIR/tests/lib.sh"
mktable "$T/big.txt" 100000 4 6
embx_run "$T/big.txt" -c 'index info'
expect_ok
expect_out "no index for this table"
embx_run "$T/big.txt" -c 'index build --m 4 --ef-construction 16; index info'
expect_ok
expect_out "used by nn	by default (set approx auto, a big table)"
embx_run "$T/big.txt" -c 'set approx off; index info'
expect_out "used by nn	with --approx (set approx off)"
idx=$(ls "$XDG_CACHE_HOME"/embx/*.hnsw 2>/dev/null) || fail "no index file"
embx_run "$T/big.txt" -c 'nn w5 -k 3 --exact'
expect_ok
cp "$T/out" "$T/exact"
grep -q "approximate index" "$T/err" && fail "nn --exact said it used the index"
# auto: nn uses the stored index, says so once a session
embx_run "$T/big.txt" -c 'nn w5 -k 3; nn w6 -k 3'
expect_ok
[ "$(grep -c "answers come from the approximate index" "$T/err")" -eq 1 ] || fail "no single note that the index answers: $(cat "$T/err")"
[ "$(wc -l <"$T/out")" -eq 6 ] || fail "auto: $(cat "$T/out")"
# a damaged file: auto looks for it (a note), refuses it, and scans
printf 'EMBXHNSW garbage' >"$idx"
embx_run "$T/big.txt" -c 'nn w5 -k 3'
expect_ok
expect_err "index file refused and removed (run 'index build'): $idx"
expect_file_eq "$T/exact" "$T/out"
[ ! -e "$idx" ] || fail "the damaged index was kept"
# below 100000 rows auto scans even with an index
mktable "$T/small.txt" 1000 4 6
embx_run "$T/small.txt" -c 'index build; index info'
expect_ok
expect_out "used by nn	with --approx (set approx auto: exact below 100000 rows)"
pass
