#!/bin/sh
# The same --seed gives the same layout byte for byte; another seed (with a
# random start) gives another.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 12 4 --clusters 4
run() { embx_run --no-cache "$T/t.txt" -c "plot tsne --top 150 --init random --iter 300 --seed $1 --ascii; save-proj $2"; expect_ok; }
run 7 "$T/a.tsv"
run 7 "$T/b.tsv"
cmp -s "$T/a.tsv" "$T/b.tsv" || fail "seed 7 twice gave different layouts"
run 8 "$T/c.tsv"
cmp -s "$T/a.tsv" "$T/c.tsv" && fail "seeds 7 and 8 gave the same layout"
# thread count does not change the result either
embx_run --no-cache -t 1 "$T/t.txt" -c "plot tsne --top 150 --init random --iter 300 --seed 7 --ascii; save-proj $T/d.tsv"
expect_ok
cmp -s "$T/a.tsv" "$T/d.tsv" || fail "1 thread and all threads gave different layouts"
pass
