#!/bin/sh
# A table compared with a rotated, slightly noisy copy of itself aligns back:
# mean aligned cosine above 0.99 and neighbour overlap near 1.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 1500 40 1 --clusters 30
"$BUILDDIR/tests/gen/mkrotated" "$T/a.txt" "$T/b.txt" 2 --noise 0.01 || fail mkrotated
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt -k 10"
expect_ok
expect_out "shared words	1500"
expect_out "only in the second table	0"
mean=$(awk -F'\t' '$1 == "mean aligned cosine" {print $2}' "$T/out")
ovl=$(awk -F'\t' '$1 ~ /^mean neighbour overlap/ {print $2}' "$T/out")
[ -n "$mean" ] && [ -n "$ovl" ] || fail "no summary lines: $(head -c 600 "$T/out")"
awk -v m="$mean" 'BEGIN { exit !(m > 0.99) }' || fail "mean aligned cosine $mean <= 0.99"
awk -v m="$ovl" 'BEGIN { exit !(m > 0.9) }' || fail "mean neighbour overlap $ovl <= 0.9"
pass
