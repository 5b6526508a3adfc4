#!/bin/sh
# The default model is ials, for a file with ratings as for one without: on
# held-out interactions it beats most popular, where mf (the old default for
# ratings) falls behind it, and the neighbours of popular items are items
# with evidence. Options of other models say which model they set.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 800 --items 400 --interactions 30000 --genres 8 --seed 5 || fail "generator"
embx_run train-pairs "$T/r.tsv" -o "$T/d.vec" --split last --threads 2
expect_ok
grep -q '^model	ials$' "$T/d.vec.recsys.tsv" || fail "the default did not train ials: $(grep '^model' "$T/d.vec.recsys.tsv")"
expect_err "trained ials on"
awk -F'\t' '$1 == "recall@10" { found = 1; if (!($2 > $3)) bad = 1 } END { exit !(found && !bad) }' "$T/out" \
    || fail "default ials does not beat most popular: $(cat "$T/out")"
ials=$(awk -F'\t' '$1 == "recall@10" { print $2 }' "$T/out")
embx_run train-pairs "$T/r.tsv" -o "$T/m.vec" --split last --threads 2 --model mf
expect_ok
mf=$(awk -F'\t' '$1 == "recall@10" { print $2 }' "$T/out")
awk -v a="$ials" -v b="$mf" 'BEGIN { exit !(a > b) }' || fail "ials recall@10 $ials not above mf's $mf"
# what a user exploring it sees: the neighbours of the most interacted items
# are items with evidence, not the rare items mf's cosine neighbours favour
nbr_count() {   # mean interaction count of the 10 item neighbours of the top 5 items
    for row in 2 3 4 5 6; do
        item=$(sed -n "${row}p" "$1" | cut -d' ' -f1)
        "$EMBX" -q --no-cache "$1" -c "nn $item -k 10 --where kind=item" || return 1
    done | awk -F'\t' '{ s += $(NF - 1); n++ } END { if (n != 50) exit 1; printf "%.1f\n", s / n }'
}
ci=$(nbr_count "$T/d.vec") || fail "nn on the ials table"
cm=$(nbr_count "$T/m.vec") || fail "nn on the mf table"
awk -v a="$ci" -v b="$cm" 'BEGIN { exit !(a > 1.5 * b) }' \
    || fail "ials neighbours of popular items have $ci interactions on average, mf's $cm: expected well above"
# --solver is mf's option: it picks mf; --lr has no meaning for ials
embx_run train-pairs "$T/r.tsv" -o "$T/s.vec" --solver als --epochs 2 --threads 1
expect_ok
grep -q '^model	mf$' "$T/s.vec.recsys.tsv" || fail "--solver als did not train mf"
embx_run train-pairs "$T/r.tsv" -o "$T/l.vec" --lr 0.1
expect_failed
expect_err "--lr is the learning rate of mf, bpr and item2vec"
pass
