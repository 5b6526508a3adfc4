#!/bin/sh
# train-pairs --model mf on generated ratings beats the biases-only baseline's
# test RMSE and writes a word2vec table plus its sidecar.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 1500 --items 300 --interactions 40000 --seed 7 || fail "generator"
embx_run train-pairs "$T/r.tsv" -o "$T/m.vec" --model mf --items "$T/items.csv" --threads 2 --seed 3
expect_ok
expect_out "test RMSE"
expect_err "header line skipped"
awk -F'\t' '$1 == "test RMSE" { found = 1; if (!($2 < $3)) bad = 1 } END { exit !(found && !bad) }' "$T/out" \
    || fail "mf does not beat the biases-only RMSE: $(cat "$T/out")"
expect_out "beats the baseline"
[ "$(head -n 1 "$T/m.vec")" = "1800 32" ] || fail "header of m.vec is '$(head -n 1 "$T/m.vec")', expected '1800 32'"
grep -q '^item:[0-9]* ' "$T/m.vec" && grep -q '^user:[0-9]* ' "$T/m.vec" || fail "rows are not item:ID and user:ID"
[ -s "$T/m.vec.recsys.tsv" ] || fail "no sidecar m.vec.recsys.tsv"
grep -q '^model	mf$' "$T/m.vec.recsys.tsv" || fail "sidecar lacks the model line"
pass
