#!/bin/sh
# plot --color-by COL: a text column gives one group (colour) per value, a
# numeric one ordered bins drawn as a blue-to-red ramp, in the text plot's
# legend, the SVG and the HTML map; an unknown column lists the columns.
. "$SRCDIR/tests/lib.sh"
S="$SRCDIR/tests/data/small.txt" M="$SRCDIR/tests/data/small-meta.tsv"
cat >"$T/cmds" <<EOC
plot pca --top 8 --color-by kind --ascii
save-plot $T/kind.svg
plot pca --top 8 --color-by freq --ascii
save-plot $T/freq.svg
save-plot $T/freq.html
plot pca --color-by colour
EOC
embx_script "$T/cmds" -q --no-cache "$S" --meta "$M"
[ "$rc" -eq 1 ] || fail "exit $rc: $(cat "$T/err")"
expect_out "groups: person (2), place (2), royal (2), year (1)"
expect_err "--color-by colour: no such column (the columns: kind, freq)"
n=$(grep -o 'class="point[^"]*" [^>]*fill="#[0-9a-f]*"' "$T/kind.svg" | grep -o 'fill="#[0-9a-f]*"' | sort -u | wc -l)
[ "$n" -eq 5 ] || fail "kind: expected 4 group colours and the no-value one, got $n"
grep -q 'fill="#2c7bb6"' "$T/freq.svg" && grep -q 'fill="#d7191c"' "$T/freq.svg" \
    || fail "freq: the ramp's ends are not in the SVG"
grep -q '"ramp":\["#2c7bb6"' "$T/freq.html" || fail "the HTML map has no ramp colours"
pass
