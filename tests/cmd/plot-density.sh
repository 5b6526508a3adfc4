#!/bin/sh
# A text plot of 100,000 points stays readable: the ASCII shades scale to the
# fullest cell (geometric steps, stated in the legend) instead of turning
# every occupied cell into '#', and the densest area is the one drawn '#'.
. "$SRCDIR/tests/lib.sh"
# four rings, the first (i % 4 == 0) packed into a small disc
awk 'BEGIN { srand(3); for (i = 0; i < 100000; i++) { a = rand() * 6.283; r = (i % 4 == 0) ? 0.3 * rand() : (i % 4) + rand();
    printf "p%d\t%.4f\t%.4f\n", i, r * cos(a), r * sin(a) } }' > "$T/big.tsv"
embx_run -c "load-proj $T/big.tsv --ascii --size 80x24"
expect_ok
grep -q '100000 points, [0-9]* labelled  (\. 1-[0-9]*  : [0-9]*-[0-9]*  o [0-9]*-[0-9]*  \* [0-9]*-[0-9]*  # [0-9]*+)' "$T/out" \
    || fail "no scaled shade legend: $(tail -2 "$T/out")"
for ch in '.' ':' 'o' '*' '#'; do
    sed -n '2,23p' "$T/out" | sed 's/p[0-9][0-9]*//g' | grep -qF -- "$ch" || fail "shade '$ch' unused: every cell looks alike"
done
# the '#' cells are in the middle (the packed disc), not on the rings
hashrows=$(sed -n '2,23p' "$T/out" | grep -n '#' | cut -d: -f1 | tr '\n' ' ')
for r in $hashrows; do
    [ "$r" -ge 8 ] && [ "$r" -le 16 ] || fail "'#' on row $r, outside the dense centre (rows $hashrows)"
done
# a sparse plot keeps the fixed steps
printf 'a\t0\t0\nb\t1\t1\nc\t2\t0\n' > "$T/small.tsv"
embx_run -c "load-proj $T/small.tsv --ascii"
expect_out "(. 1 point  : 2  o 3-4  * 5-8  # 9+)"
pass
