#!/bin/sh
# Wrong projection names and option values are refused with the valid choices.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 30 4 1
embx_run --no-cache "$T/t.txt" -c 'plot umap --ascii'
expect_failed
expect_err "unknown projection 'umap': use pca, tsne or axes"
embx_run --no-cache "$T/t.txt" -c 'plot tsne --metric manhattan --ascii'
expect_failed
expect_err "--metric 'manhattan': use cosine or euclidean"
embx_run --no-cache "$T/t.txt" -c 'plot tsne --init spectral --ascii'
expect_failed
expect_err "--init 'spectral': use pca or random"
embx_run --no-cache "$T/t.txt" -c 'plot tsne --near w1 lots --ascii'
expect_failed
expect_err "--near w1 lots: N must be a positive count"
pass
