#!/bin/sh
# A 10,000-dimension table loads, prints, saves and reloads in every format
# with identical vectors, in bounded time and memory.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-limits.inc"
mktable "$T/wide.txt" 200 10000 3
run_measured --no-cache "$T/wide.txt" -c "info; vec w17; save $T/wide.bin; save $T/wide.embx; save $T/wide.vec.gz"
expect_ok
expect_bounded 300 60
expect_out "dimensions	10000"
expect_out "words	200"
grep '^w17	' "$T/out" >"$T/vec.txt"
[ "$(wc -w <"$T/vec.txt")" -eq 10001 ] || fail "vec printed $(wc -w <"$T/vec.txt") fields, expected 10001"
for f in wide.bin wide.embx wide.vec.gz; do
    run_measured --no-cache "$T/$f" -c "info; vec w17"
    expect_ok
    expect_bounded 300 60
    expect_out "dimensions	10000"
    grep '^w17	' "$T/out" | cmp -s - "$T/vec.txt" || fail "$f: vector of w17 differs after the round trip"
done
# neighbour search over the wide rows, when the query commands are built in
if "$EMBX" --no-cache -c 'help nn' "$T/wide.txt" >/dev/null 2>&1; then
    run_measured --no-cache "$T/wide.embx" -c "nn -k 3 w17"
    expect_ok
    [ "$(grep -c . "$T/out")" -eq 3 ] || fail "nn -k 3 printed $(grep -c . "$T/out") lines"
    expect_no_out "w17	"
fi
pass
