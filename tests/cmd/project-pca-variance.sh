#!/bin/sh
# plot pca reports the explained variance: points spread along one direction
# (plus small noise) give PC1 close to 100%; the layout is saved with the
# largest spread on x.
. "$SRCDIR/tests/lib.sh"
awk 'BEGIN { srand(3); for (i = 0; i < 300; i++) { t = (i - 150) / 10; printf "p%d", i;
      for (j = 0; j < 8; j++) printf " %.5f", t * (j % 2 ? 1 : -1) + (rand() - 0.5) * 0.01; print "" } }' > "$T/t.txt"
embx_run --no-cache "$T/t.txt" -c "plot pca --top 300 --ascii; save-proj $T/p.tsv"
expect_ok
expect_err "explained variance: PC1 100.00%"
expect_out "PCA of the first 300 words (variance 100.0% + 0.0%)"
awk -F'\t' '{ if ($2 > mx) mx = $2; if ($2 < mn) mn = $2; if ($3 > my) my = $3; if ($3 < ny) ny = $3 }
     END { exit !((mx - mn) > 100 * (my - ny)) }' "$T/p.tsv" || fail "PC1 does not carry the spread: $(head -3 "$T/p.tsv")"
pass
