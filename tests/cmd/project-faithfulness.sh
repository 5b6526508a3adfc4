#!/bin/sh
# Every map says how far to trust it: PCA, t-SNE, UMAP and axes print their
# trustworthiness and 10-NN preservation; t-SNE of clustered data is more
# trustworthy than 0.9; maps of more than 5,000 points say they were scored
# on a sample.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 20 2 --clusters 5
for m in pca "tsne --iter 300" "umap --epochs 50"; do
    embx_run --no-cache "$T/t.txt" -c "plot $m --top 200 --ascii"
    expect_ok
    expect_err "faithfulness: trustworthiness "
    expect_err "10-NN preservation"
done
embx_run --no-cache "$T/t.txt" -c "plot tsne --top 200 --ascii"
trust=$(sed -n 's/.*trustworthiness \([0-9.]*\),.*/\1/p' "$T/err")
awk "BEGIN { exit !($trust > 0.9) }" || fail "t-SNE trustworthiness $trust <= 0.9"
embx_run --no-cache "$T/t.txt" -c 'plot axes "w1 - w2" "w3 - w4" --top 100 --ascii'
expect_ok
expect_err "faithfulness: trustworthiness "
mktable "$T/big.txt" 6000 8 3
embx_run --no-cache "$T/big.txt" -c "plot pca --top 6000 --ascii"
expect_ok
expect_err "on a sample of 5000 of the 6000 points"
pass
