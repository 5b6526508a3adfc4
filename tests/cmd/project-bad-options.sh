#!/bin/sh
# Wrong projection names and option values are refused with the valid choices.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 30 4 1
embx_run --no-cache "$T/t.txt" -c 'plot mds --ascii'
expect_failed
expect_err "unknown projection 'mds': use pca, tsne, umap or axes"
embx_run --no-cache "$T/t.txt" -c 'plot umap --min-dist 2 --ascii'
expect_failed
expect_err "--min-dist 2 is larger than --spread 1"
embx_run --no-cache "$T/t.txt" -c 'plot umap --init bogus --ascii'
expect_failed
expect_err "--init 'bogus': use spectral, pca or random"
embx_run --no-cache "$T/t.txt" -c 'plot umap --neighbors 1 --ascii'
expect_failed
expect_err "neighbors"
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
