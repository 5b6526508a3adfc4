#!/bin/sh
# plot tsne --near WORD N lays out WORD and its N neighbours, titles the plot
# with the selection and the perplexity used (lowered to (N-1)/3 for 41
# points, with a note), and states the selection.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 400 16 5 --clusters 8
embx_run --no-cache "$T/t.txt" -c 'plot tsne --near w0 40 --ascii --size 72x20'
expect_ok
expect_out "t-SNE of 41 words near w0 (perplexity 13.3)"
expect_out "41 points"
expect_err "perplexity 30 is too large for 41 points: the largest valid is 13.33"
expect_err "selection: 41 words near w0"
expect_err "KL divergence"
pass
