#!/bin/sh
# On a file without ratings bpr beats the most-popular baseline on recall@10
# and NDCG@10.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.csv" "$T/items.csv" --users 1500 --items 300 --interactions 40000 --seed 7 --implicit --sep comma \
    || fail "generator"
embx_run train-pairs "$T/r.csv" -o "$T/b.vec" --model bpr --threads 2
expect_ok
for m in "recall@10" "NDCG@10"; do
    awk -F'\t' -v m="$m" '$1 == m { found = 1; if (!($2 > $3)) bad = 1 } END { exit !(found && !bad) }' "$T/out" \
        || fail "bpr does not beat popularity on $m: $(cat "$T/out")"
done
grep -q '^model	bpr$' "$T/b.vec.recsys.tsv" || fail "sidecar lacks 'model bpr'"
pass
