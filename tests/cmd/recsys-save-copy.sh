#!/bin/sh
# save of a recommender table carries its sidecar and metadata along:
# recommend on the copy excludes the user's items and prints the titles,
# exactly as on the original.
. "$SRCDIR/tests/lib.sh"
V="$SRCDIR/data/movies.vec"
[ -f "$V" ] || skip "data/movies.vec is not there"
embx_run --no-cache "$V" -c "save $T/copy.vec" -c 'recommend 1 -k 5'
expect_ok
expect_err "saved the recommender sidecar to $T/copy.vec.recsys.tsv"
cp "$T/out" "$T/orig"
awk -F'\t' '$3 == "" { bad = 1 } END { exit bad }' "$T/orig" || fail "the original shows no titles"
embx_run --no-cache "$T/copy.vec" -c 'recommend 1 -k 5'
expect_ok
grep -q "no sidecar" "$T/err" && fail "the copy has no sidecar: $(cat "$T/err")"
expect_file_eq "$T/orig" "$T/out"
pass
