#!/bin/sh
# A perplexity too large for the number of points is lowered to (N-1)/3 with a
# note that gives the largest valid value, and the plot is still drawn.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 50 6 2
embx_run --no-cache "$T/t.txt" -c 'plot tsne --top 10 --perplexity 50 --ascii'
expect_ok
expect_err "perplexity 50 is too large for 10 points: the largest valid is 3"
expect_out "(perplexity 3)"
embx_run --no-cache "$T/t.txt" -c 'plot tsne --top 10 --perplexity 0 --ascii'
expect_failed
expect_err "perplexity"
pass
