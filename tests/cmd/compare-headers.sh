#!/bin/sh
# On a terminal (set output table), compare's movers and both name their
# columns, and both spells out shared / only; piped, no header line, so
# every line is data.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 200 16 1
"$BUILDDIR/tests/gen/mkrotated" "$T/a.txt" "$T/b.txt" 2 --noise 0.0 --move w3 || fail mkrotated
embx_run --no-cache "$T/a.txt" -c "set output table; compare --no-cache $T/b.txt --top 2; both w3 -k 4"
expect_ok
[ "$(grep -cE '^rank +word +cosine +overlap$' "$T/out")" -eq 4 ] || fail "movers lack headers: $(cat "$T/out")"
grep -qE '^rank +current +cosine +in both +second +cosine +in both$' "$T/out" || fail "both lacks a header: $(cat "$T/out")"
grep -qE '^ +1 +.* (shared|only) ' "$T/out" || fail "both does not spell out shared/only: $(cat "$T/out")"
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt --top 2; both w3 -k 4"
expect_ok
grep -q 'rank' "$T/out" && fail "a header line when piped: $(cat "$T/out")"
[ "$(awk -F'\t' 'NF == 7' "$T/out" | cut -f4 | grep -cE '^(shared|only)$')" -eq 4 ] || fail "piped both: $(cat "$T/out")"
pass
