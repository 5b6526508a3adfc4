#!/bin/sh
# cluster K, then a plot of the same selection: the plot is coloured by the
# clusters (its legend lists them; save-proj writes them as the group
# column). A plot of other words is not; a new table forgets the clustering.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 60 12 5 --clusters 3
embx_run --no-cache "$T/a.txt" -c "cluster 3 --top 60; plot pca --top 60 --ascii --size 60x20; save-proj $T/p.tsv; plot pca --top 30 --ascii --size 60x20; save-proj $T/q.tsv"
expect_ok
expect_err "coloured by the 3 clusters of the last \`cluster\` (same 60 words)"
expect_out "groups: cluster 1 ("
[ "$(cut -f4 "$T/p.tsv" | sort -u | tr '\n' ',')" = "cluster 1,cluster 2,cluster 3," ] \
    || fail "groups of the later plot: $(cut -f4 "$T/p.tsv" | sort | uniq -c)"
# mktable puts row i in blob i % 3: one blob per cluster
[ "$(awk -F'\t' '{sub(/^w/, "", $1); print $4 "/" ($1 % 3)}' "$T/p.tsv" | sort -u | wc -l)" -eq 3 ] \
    || fail "a cluster mixes blobs"
# 30 of the 60 words: another selection, no groups
[ "$(awk -F'\t' 'NF > 3' "$T/q.tsv" | wc -l)" -eq 0 ] || fail "a plot of other words got the clusters"
[ "$(grep -c 'coloured by the' "$T/err")" -eq 1 ] || fail "the note came twice: $(cat "$T/err")"
# another table forgets it
cp "$T/a.txt" "$T/b.txt"
embx_run --no-cache "$T/a.txt" -c "cluster 3 --top 60; load --no-cache $T/b.txt; plot pca --top 60 --ascii --size 60x20"
expect_ok
grep -q 'coloured by the' "$T/err" && fail "the clustering survived a new table"
pass
