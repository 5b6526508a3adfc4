#!/bin/sh
# The demo's metadata (data/demo-kinds.tsv) is what data/demo-meta.awk makes
# from the committed questions and table, and attaches through --meta like
# any other: nn --where kind=family answers family words only.
. "$SRCDIR/tests/lib.sh"
D="$SRCDIR/data"
[ -f "$D/demo.vec" ] && [ -f "$D/demo-kinds.tsv" ] || skip "the demo table is not in this tree"
awk -f "$D/demo-meta.awk" "$D/demo-questions.txt" "$D/demo.vec" >"$T/kinds.tsv"
expect_file_eq "$D/demo-kinds.tsv" "$T/kinds.tsv"
embx_run -q --no-cache "$D/demo.vec" --meta "$D/demo-kinds.tsv" -c 'nn king -k 5 --where kind=family'
expect_ok
[ "$(wc -l <"$T/out")" -eq 5 ] || fail "expected 5 answers: $(cat "$T/out")"
awk -F'\t' '$3 != "family" { exit 1 }' "$T/out" || fail "a non-family answer: $(cat "$T/out")"
expect_out "queen	"
pass
