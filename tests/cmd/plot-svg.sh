#!/bin/sh
# `plot ... --svg FILE` and `save-plot FILE` write standalone SVG that parses
# as XML, with one mark per point and one text per placed label.
. "$SRCDIR/tests/lib.sh"
command -v xmllint >/dev/null 2>&1 || skip "xmllint absent (apt-get install libxml2-utils)"
mktable "$T/t.txt" 200 16 11 --clusters 4
embx_run --no-cache "$T/t.txt" -c "plot pca --top 80 --ascii --svg $T/a.svg; save-plot $T/b.svg --size 90x30"
expect_ok
expect_err "wrote $T/a.svg"
expect_err "wrote $T/b.svg"
for f in a b; do
    xmllint --noout "$T/$f.svg" || fail "$f.svg is not valid XML"
    pts=$(grep -c '<circle class="point' "$T/$f.svg")
    [ "$pts" -eq 80 ] || fail "$f.svg has $pts point marks, expected 80"
    labs=$(grep -c '<text class="label"' "$T/$f.svg")
    want=$(sed -n "s|.*wrote $T/$f.svg (80 points, \([0-9]*\) labelled).*|\1|p" "$T/err")
    [ "$labs" -eq "$want" ] || fail "$f.svg has $labs labels, the note says $want"
    [ "$labs" -gt 10 ] || fail "$f.svg has only $labs labels"
    grep -q '<title>' "$T/$f.svg" || fail "$f.svg has no title"
done
# save-plot without a plot says what to do first
embx_run --no-cache "$T/t.txt" -c "save-plot $T/c.svg"
expect_failed
expect_err "plot"
[ ! -e "$T/c.svg" ] || fail "an SVG was written without a projection"
pass
