#!/bin/sh
# recommend reports a damaged sidecar with FILE:LINE, and without a sidecar
# falls back to plain dot products over the item: rows, saying so.
. "$SRCDIR/tests/lib.sh"
cp "$SRCDIR/data/movies.vec" "$T/m.vec" || fail "no demo table"
sed 's/^\(item	item:1	\)[^	]*/\1abc/' "$SRCDIR/data/movies.vec.recsys.tsv" >"$T/m.vec.recsys.tsv"
embx_run --no-cache "$T/m.vec" -c 'recommend 1'
expect_failed
expect_err "m.vec.recsys.tsv:"
expect_err "bias 'abc' is not a number"
grep -v '^version' "$SRCDIR/data/movies.vec.recsys.tsv" >"$T/m.vec.recsys.tsv"
embx_run --no-cache "$T/m.vec" -c 'recommend 1'
expect_failed
expect_err "is not an embx recommender sidecar"
rm "$T/m.vec.recsys.tsv"
embx_run --no-cache "$T/m.vec" -c 'recommend 1 -k 5'
expect_ok
expect_err "scores are plain dot products and the user's items are not excluded"
[ "$(grep -c '^item:' "$T/out")" -eq 5 ] || fail "expected 5 item rows: $(cat "$T/out")"
pass
