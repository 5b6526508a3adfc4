#!/bin/sh
# both WORD lists the neighbours in the two tables side by side and says of
# each whether it is in the other list too ("shared") or not ("only").
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 200 16 1
"$BUILDDIR/tests/gen/mkrotated" "$T/a.txt" "$T/b.txt" 2 --noise 0.0 --move w3 || fail mkrotated
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt; both w5 -k 4; both w3 -k 4; both nosuchword"
expect_failed
# w5 did not move: its 4 neighbours are the same in both (all "shared")
awk -F'\t' 'NF == 7 && $2 != "" && $1 <= 4 {n++} END {exit n < 8}' "$T/out" || fail "expected 8 rows: $(cat "$T/out")"
[ "$(awk -F'\t' 'NF == 7 && $1 <= 4' "$T/out" | head -4 | cut -f4,7 | tr '\t' '\n' | sort -u)" = "shared" ] \
    || fail "w5's unchanged neighbours were marked: $(head -4 "$T/out")"
# w3 moved: its lists differ and the differences are marked
[ "$(awk -F'\t' 'NF == 7' "$T/out" | sed -n 5,8p | cut -f4 | grep -c '^only$')" -ge 3 ] \
    || fail "w3's new neighbours not marked: $(cat "$T/out")"
expect_err "nosuchword"
pass
