#!/bin/sh
# cluster K recovers well-separated blobs: K clusters of equal size whose
# central words all come from one blob, and the same result for the same seed.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 400 20 3 --clusters 4
embx_run --no-cache "$T/a.txt" -c "cluster 4 --top 400 --show 200 --seed 9"
expect_ok
[ "$(cut -f2 "$T/out" | tr '\n' ' ')" = "100 100 100 100 " ] || fail "sizes: $(cut -f1,2 "$T/out")"
# row i of mktable belongs to blob i % 4: every cluster holds one residue
cut -f3 "$T/out" | while read -r words; do
    n=$(printf '%s\n' $words | sed 's/^w//' | awk '{print $1 % 4}' | sort -u | wc -l)
    [ "$n" -eq 1 ] || { echo "mixed cluster: $words" >&2; exit 1; }
done || fail "a cluster mixes blobs"
# the same rows in another order (a sample of all of them) give the same blobs
embx_run --no-cache "$T/a.txt" -c "cluster 4 --sample 400 --show 1"
expect_ok
[ "$(cut -f2 "$T/out" | tr '\n' ' ')" = "100 100 100 100 " ] || fail "sizes (sample): $(cut -f1,2 "$T/out")"
embx_run --no-cache "$T/a.txt" -c "cluster 4 --top 400 --show 200 --seed 9"
cp "$T/out" "$T/first"
embx_run --no-cache "$T/a.txt" -c "cluster 4 --top 400 --show 200 --seed 9"
expect_file_eq "$T/first" "$T/out"
pass
