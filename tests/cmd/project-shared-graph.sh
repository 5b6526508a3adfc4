#!/bin/sh
# One neighbour graph per table and metric, kept for the session: a second
# UMAP of the same rows reuses it, other rows or another metric build anew,
# and above 30,000 points the graph is approximate (NN-descent) with its
# recall against exact search measured and printed.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 20 2 --clusters 5
embx_run --no-cache "$T/t.txt" -c "plot umap --top 200 --epochs 10 --ascii; plot umap --top 200 --epochs 10 --min-dist 0.3 --ascii; plot umap --top 150 --epochs 10 --ascii; plot umap --top 150 --epochs 10 --metric euclidean --ascii"
expect_ok
[ "$(grep -c 'neighbour graph: 14 per point, exact' "$T/err")" -eq 3 ] || fail "expected 3 graph builds: $(cat "$T/err")"
[ "$(grep -c 'neighbour graph: kept from the last map of these 200 points' "$T/err")" -eq 1 ] || fail "the second map did not reuse the graph: $(cat "$T/err")"
mktable "$T/big.txt" 30500 8 3
embx_run --no-cache "$T/big.txt" -c "plot umap --top 30500 --epochs 2 --init random --ascii"
expect_ok
grep -q 'neighbour graph: 14 per point, approximate (NN-descent, [0-9]* rounds), recall [01]\.[0-9]* against exact search on 200 sampled points' "$T/err" \
    || fail "no recall note: $(cat "$T/err")"
recall=$(sed -n 's/.*recall \([0-9.]*\) against.*/\1/p' "$T/err")
awk "BEGIN { exit !($recall > 0.9) }" || fail "NN-descent recall $recall <= 0.9"
pass
