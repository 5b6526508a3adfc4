#!/bin/sh
# Words planted to move in the second table are exactly the top movers, by
# aligned cosine and by neighbour overlap.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 1000 30 4 --clusters 40
"$BUILDDIR/tests/gen/mkrotated" "$T/a.txt" "$T/b.txt" 5 --noise 0.01 --move w7,w123,w500,w998 || fail mkrotated
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt --top 4"
expect_ok
got=$(awk -F'\t' '$1 == "most-moved-cosine" {print $2}' "$T/out" | sort | tr '\n' ' ')
[ "$got" = "w123 w500 w7 w998 " ] || fail "top movers by cosine: '$got'"
got=$(awk -F'\t' '$1 == "most-moved-overlap" {print $2}' "$T/out" | sort | tr '\n' ' ')
[ "$got" = "w123 w500 w7 w998 " ] || fail "top movers by overlap: '$got'"
# the least moved are ordinary words
awk -F'\t' '$1 == "least-moved-cosine" && $3 < 0.99 {bad = 1} END {exit bad}' "$T/out" \
    || fail "a least-moved word has cosine < 0.99"
pass
