#!/bin/sh
# Piped, `plot` prints the canvas at --size WxH (frame, ranges, labels next to
# points) followed by the "N points, M labelled" legend.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 16 3 --clusters 5
embx_run --no-cache "$T/t.txt" -c 'plot pca --top 60 --size 72x20'
expect_ok
# 20 grid lines, then the legend
sed -n '21p' "$T/out" | grep -qE '^60 points, [0-9]+ labelled' || fail "no legend on line 21:
$(cat "$T/out")"
[ "$(head -n 20 "$T/out" | wc -L)" -le 72 ] || fail "a line is wider than 72"
head -n 1 "$T/out" | grep -q '^ *+-' || fail "no top frame"
sed -n '19p' "$T/out" | grep -q '^ *+---*+$' || fail "no bottom frame on line 19"
n=$(head -n 20 "$T/out" | grep -oE 'w[0-9]+' | wc -l)
m=$(sed -n '21s/^60 points, \([0-9]*\) labelled.*/\1/p' "$T/out")
[ "$n" -eq "$m" ] || fail "$n labels drawn but the legend says $m"
[ "$n" -ge 15 ] || fail "only $n labels on a 72x20 plot of 60 points"
# the default size follows COLUMNS
COLUMNS=64 embx_run --no-cache "$T/t.txt" -c 'plot pca --top 20'
expect_ok
[ "$(head -n 24 "$T/out" | wc -L)" -eq 64 ] \
    || fail "the default width is not COLUMNS=64"
sed -n '25p' "$T/out" | grep -q '^20 points' || fail "the default height is not 24"
pass
