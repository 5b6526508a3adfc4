#!/bin/sh
# index build writes the table's index beside its cache entry; nn --approx
# and analogy --approx then answer like the exact scan (scores exact, at
# least 99% of the lines the same); a second session uses the stored index
# without rebuilding it; set approx on/off and --exact choose the path.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 5000 32 3 --clusters 50
words=""
for i in 0 7 100 250 999 1234 2000 2500 3333 4999; do words="$words w$i"; done
{ for w in $words; do echo "nn $w -k 10"; done; echo "nn w7 - w37 + w8 -k 10"; echo "analogy w1 w31 w2 -k 10"; } >"$T/exact.cmds"
sed 's/$/ --approx/' "$T/exact.cmds" >"$T/approx.cmds"

embx_run "$T/t.txt" -c 'index build'
expect_ok
expect_err "index: 5000 rows, M 16, ef-construction 200"
expect_err "saved to $XDG_CACHE_HOME/embx/"
idx=$(ls "$XDG_CACHE_HOME"/embx/*.hnsw 2>/dev/null) || fail "no index file in the cache"
[ -f "${idx%.hnsw}.embx" ] || fail "the index file is not beside the cache entry"
cp "$idx" "$T/idx.before"

embx_script "$T/exact.cmds" "$T/t.txt"
expect_ok
cp "$T/out" "$T/exact.out"
embx_script "$T/approx.cmds" "$T/t.txt"
expect_ok
# no rebuild: no build note, and the stored file is untouched
! grep -q "index: 5000 rows" "$T/err" || fail "the second session rebuilt the index"
cmp -s "$idx" "$T/idx.before" || fail "the second session rewrote the index file"
lines=$(wc -l <"$T/exact.out")
[ "$lines" -eq 120 ] || fail "expected 120 answer lines, got $lines"
same=$(paste "$T/exact.out" "$T/out" | awk -F'\t' '$1 == $3 && $2 == $4' | wc -l)
[ "$same" -ge 119 ] || fail "--approx agrees with the exact scan on $same of 120 lines: $(diff "$T/exact.out" "$T/out" | head -n 10)"

# set approx on answers from the index without --approx; --exact scans
embx_run "$T/t.txt" -c 'set approx on; nn w7 -k 10; nn w7 -k 10 --exact; set approx off; nn w7 -k 10; index info'
expect_ok
expect_out "file	$idx"
expect_out "used by nn	with --approx (set approx off)"
# --approx does not combine with --restrict or --fast, nor analogy --mul
for c in 'nn w5 --approx --restrict 100' 'nn w5 --approx --fast' 'nn w5 --approx --exact' 'analogy w1 w2 w3 --approx --mul'; do
    embx_run "$T/t.txt" -c "$c"
    expect_failed
done
expect_err "--approx works with 3CosAdd only"

# drop removes the file; --approx then says how to get one back
embx_run "$T/t.txt" -c 'index drop'
expect_ok
expect_err "index: removed $idx"
[ ! -e "$idx" ] || fail "index drop left $idx"
embx_run "$T/t.txt" -c 'nn w5 --approx'
expect_failed
expect_err "no index for this table (run 'index build' first)"
embx_run "$T/t.txt" -c 'index info'
expect_ok
expect_out "no index for this table"
pass
