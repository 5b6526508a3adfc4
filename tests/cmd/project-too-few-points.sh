#!/bin/sh
# A projection of fewer than 3 points is refused with a message that says so.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 20 4 1
embx_run --no-cache "$T/t.txt" -c 'plot tsne w1 w2 --ascii'
expect_failed
expect_err "t-SNE needs at least 3 points; the selection has 2"
embx_run --no-cache "$T/t.txt" -c 'plot pca --top 2 --ascii'
expect_failed
expect_err "PCA needs at least 3 points"
embx_run --no-cache "$T/t.txt" -c 'plot tsne w1 w2 w3 --ascii'
expect_ok
expect_err "the largest valid is 0.6667"
pass
