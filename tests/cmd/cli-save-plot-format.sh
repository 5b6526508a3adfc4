#!/bin/sh
# save-plot picks the format from the extension: .svg is written, any other
# extension is refused with the supported list (it once wrote SVG into
# river.png and said "wrote river.png").
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$tbl" -c "plot pca --ascii; save-plot $T/river.png; save-plot $T/river.SVG"
expect_failed
expect_err "river.png: cannot write .png files; supported: .svg, .html"
[ ! -e "$T/river.png" ] || fail "river.png was written"
grep -q "<svg" "$T/river.SVG" || fail "river.SVG is not an SVG"
pass
