#!/bin/sh
# --exact on more points than the exact gradient can handle falls back to
# Barnes-Hut with a note.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 20001 3 9
embx_run --no-cache "$T/t.txt" -c "plot tsne --top 20001 --exact --iter 2 --metric euclidean --perplexity 5 --ascii"
expect_ok
expect_err "20001 points are too many for the exact gradient"
expect_err "Barnes-Hut"
pass
