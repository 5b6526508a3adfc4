#!/bin/sh
# plot umap keeps the clusters of a clustered table apart (nearly every
# point's 10 nearest map neighbours share its cluster; mktable puts row i in
# cluster i % 5), is reproducible for a seed, and its layout goes through
# save-proj, load-proj and --svg like the others.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 20 2 --clusters 5
for opts in "" "--metric euclidean --init pca" "--init random --min-dist 0.5 --spread 2"; do
    embx_run --no-cache "$T/t.txt" -c "plot umap --top 200 --epochs 200 $opts --ascii --svg $T/u.svg; save-proj $T/p.tsv"
    expect_ok
    expect_out "UMAP of the first 200 words"
    expect_err "UMAP: 200 epochs"
    [ "$(wc -l < "$T/p.tsv")" -eq 200 ] || fail "$opts: save-proj wrote $(wc -l < "$T/p.tsv") lines, expected 200"
    grep -q "<svg" "$T/u.svg" || fail "$opts: no SVG written"
    agree=$(map_cluster_agreement "$T/p.tsv" 5)
    awk "BEGIN { exit !($agree > 0.95) }" || fail "$opts: 10-NN cluster agreement $agree <= 0.95"
done
# disconnected clusters: the spectral start is impossible, said so
embx_run --no-cache "$T/t.txt" -c "plot umap --top 200 --epochs 20 --ascii"
expect_err "disconnected parts: starting from PCA instead of the spectral layout"
# the same seed gives the same layout; the map reloads
embx_run --no-cache "$T/t.txt" -c "plot umap --top 100 --seed 4 --epochs 50 --ascii; save-proj $T/a.tsv; plot umap --top 100 --seed 4 --epochs 50 --ascii; save-proj $T/b.tsv; load-proj $T/a.tsv --ascii"
expect_ok
cmp -s "$T/a.tsv" "$T/b.tsv" || fail "same seed, different layouts"
expect_out "layout from $T/a.tsv (100 points)"
pass
