#!/bin/sh
# t-SNE of a clustered table keeps clusters apart: for nearly every point, its
# 10 nearest neighbours in the saved 2-D layout come from its own cluster
# (mktable puts row i in cluster i % 5). Both metrics, both gradients.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 20 2 --clusters 5
for opts in "--metric euclidean" "--metric cosine" "--exact" "--theta 0.5"; do
    embx_run --no-cache "$T/t.txt" -c "plot tsne --top 200 $opts --ascii; save-proj $T/p.tsv"
    expect_ok
    [ "$(wc -l < "$T/p.tsv")" -eq 200 ] || fail "$opts: save-proj wrote $(wc -l < "$T/p.tsv") lines, expected 200"
    agree=$(map_cluster_agreement "$T/p.tsv" 5)
    awk "BEGIN { exit !($agree > 0.95) }" || fail "$opts: 10-NN cluster agreement $agree <= 0.95"
done
pass
