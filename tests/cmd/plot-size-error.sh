#!/bin/sh
# A bad --size names the option and says what would be right.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 50 4 1
for bad in 10x3 80 80x24x2 axb; do
    embx_run --no-cache "$T/t.txt" -c "plot pca --top 20 --size $bad"
    expect_failed
    expect_err "--size '$bad'"
    expect_err "WIDTHxHEIGHT"
done
pass
