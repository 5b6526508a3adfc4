#!/bin/sh
# plot axes "X1" "X2": each word's coordinates are its projections on the two
# directions, so words on the positive side of a direction land to the right
# (x) or the top (y).
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$tbl" -c 'plot axes "woman - man" "queen - king" king queen man woman --ascii --size 60x16; save-proj '"$T/p.tsv"
expect_ok
expect_out "x = woman - man, y = queen - king"
x() { awk -F'\t' -v w="$1" '$1 == w { print $2 }' "$T/p.tsv"; }
y() { awk -F'\t' -v w="$1" '$1 == w { print $3 }' "$T/p.tsv"; }
awk "BEGIN { exit !($(x woman) > $(x man)) }" || fail "woman is not right of man: $(cat "$T/p.tsv")"
awk "BEGIN { exit !($(y queen) > $(y king)) }" || fail "queen is not above king: $(cat "$T/p.tsv")"
embx_run --no-cache "$tbl" -c 'plot axes "woman - man" --ascii'
expect_failed
expect_err "plot axes needs two directions"
embx_run --no-cache "$tbl" -c 'plot axes "man - man" "queen - king" king queen man --ascii'
expect_failed
pass
