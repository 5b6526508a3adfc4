#!/bin/sh
# cluster after a plot of the same words colours the plot by cluster: the
# saved projection carries one group per cluster, each a single blob.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 60 12 5 --clusters 3
embx_run --no-cache "$T/a.txt" -c "plot pca --top 60 --ascii --size 60x20; cluster 3 --top 60; save-proj $T/p.tsv"
expect_ok
expect_err "coloured by cluster"
[ -s "$T/p.tsv" ] || fail "no projection written"
[ "$(cut -f4 "$T/p.tsv" | sort -u | tr '\n' ',')" = "cluster 1,cluster 2,cluster 3," ] \
    || fail "groups: $(cut -f4 "$T/p.tsv" | sort | uniq -c)"
# mktable puts row i in blob i % 3: one blob per cluster
[ "$(awk -F'\t' '{sub(/^w/, "", $1); print $4 "/" ($1 % 3)}' "$T/p.tsv" | sort -u | wc -l)" -eq 3 ] \
    || fail "a cluster mixes blobs"
pass
