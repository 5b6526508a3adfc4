#!/bin/sh
# --min-interactions drops rare items (with a note) and the sidecar records
# each item's interaction count; nn --min-count and recommend --min-count
# answer only with items counted at least that often; nn --dot ranks by the
# model's score (dot product + item bias) and so answers differently from
# cosine.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 600 --items 200 --interactions 15000 --seed 9 --implicit || fail "generator"
embx_run train-pairs "$T/r.tsv" -o "$T/all.vec" --model bpr --threads 1 --epochs 10
expect_ok
embx_run train-pairs "$T/r.tsv" -o "$T/m.vec" --model bpr --threads 1 --epochs 10 --min-interactions 40
expect_ok
expect_err "--min-interactions 40: dropped"
all=$(grep -c '^item	' "$T/all.vec.recsys.tsv")
kept=$(grep -c '^item	' "$T/m.vec.recsys.tsv")
[ "$kept" -lt "$all" ] && [ "$kept" -gt 10 ] || fail "--min-interactions 40 kept $kept of $all items"
awk -F'\t' '$1 == "item" && !($6 >= 40) { bad = $0 } END { if (bad != "") { print bad; exit 1 } }' \
    "$T/m.vec.recsys.tsv" >"$T/bad" || fail "an item below 40 interactions was kept: $(cat "$T/bad")"
# what nn says about a popular item changes: the rare items among its
# neighbours are gone, and every answer has 40+ interactions
pop=$(awk -F'\t' '$1 == "item" { print $6 "\t" $2 }' "$T/all.vec.recsys.tsv" | sort -n -r | sed -n 1p | cut -f2)
embx_run -c "nn $pop -k 10 --restrict $all" --no-cache "$T/all.vec"
expect_ok
cut -f1 "$T/out" >"$T/nn-all"
awk -F'\t' 'NR == FNR { if ($1 == "item") c[$2] = $6; next } c[$1] < 40 { n++ } END { exit !n }' \
    "$T/all.vec.recsys.tsv" "$T/nn-all" || fail "premise: no rare item among the neighbours of $pop"
embx_run -c "nn $pop -k 10 --restrict $kept" --no-cache "$T/m.vec"
expect_ok
cut -f1 "$T/out" >"$T/nn-min"
[ "$(wc -l <"$T/nn-min")" -eq 10 ] || fail "nn on the --min-interactions table gave $(wc -l <"$T/nn-min") lines"
! cmp -s "$T/nn-all" "$T/nn-min" || fail "--min-interactions 40 did not change the neighbours of $pop"
awk -F'\t' 'NR == FNR { if ($1 == "item") c[$2] = $6; next } !(c[$1] >= 40) { bad = $1 } END { if (bad != "") { print bad; exit 1 } }' \
    "$T/m.vec.recsys.tsv" "$T/nn-min" >"$T/bad" || fail "nn answered a dropped item: $(cat "$T/bad")"
# the counts in the sidecar are the input's
awk -F'\t' 'NR > 1 { c["item:" $2]++ } END { for (i in c) print i "\t" c[i] }' "$T/r.tsv" | sort >"$T/want"
awk -F'\t' '$1 == "item" { print $2 "\t" $6 }' "$T/all.vec.recsys.tsv" | sort >"$T/have"
expect_file_eq "$T/want" "$T/have"
# pick a minimum that leaves a handful of items
min=$(awk -F'\t' '$1 == "item" { print $6 }' "$T/all.vec.recsys.tsv" | sort -n -r | sed -n 15p)
cat >"$T/cmds" <<EOC
nn item:3 -k 10 --restrict $all --min-count $min
recommend user:7 -k 10 --min-count $min
EOC
embx_script "$T/cmds" --no-cache "$T/all.vec"
expect_ok
[ "$(wc -l <"$T/out")" -eq 20 ] || fail "expected 20 lines, got $(wc -l <"$T/out")"
awk -F'\t' -v min="$min" 'NR == FNR { if ($1 == "item") c[$2] = $6; next }
    !($1 in c) || c[$1] < min { bad = $1 } END { if (bad != "") { print bad; exit 1 } }' \
    "$T/all.vec.recsys.tsv" "$T/out" >"$T/bad" || fail "an answer has fewer than $min interactions: $(cat "$T/bad")"
# --dot against cosine: both rank items only, and they disagree somewhere
: >"$T/cmds"
for i in 1 2 3 4 5 6 7 8; do
    echo "nn item:$i -k 10 --restrict $all" >>"$T/cmds"
    echo "nn item:$i -k 10 --restrict $all --dot" >>"$T/cmds"
done
embx_script "$T/cmds" --no-cache "$T/all.vec"
expect_ok
awk 'NR % 20 >= 1 && NR % 20 <= 10' "$T/out" | cut -f1 >"$T/cos"
awk 'NR % 20 > 10 || NR % 20 == 0' "$T/out" | cut -f1 >"$T/dot"
[ "$(wc -l <"$T/dot")" -eq 80 ] || fail "--dot gave $(wc -l <"$T/dot") lines"
! cmp -s "$T/cos" "$T/dot" || fail "--dot ranks exactly as cosine"
# the --dot score is the dot product plus the item's bias
embx_run -c "nn item:1 -k 1 --restrict $all --dot" -c "vec item:1" --no-cache "$T/all.vec"
expect_ok
top=$(sed -n 1p "$T/out" | cut -f1)
score=$(sed -n 1p "$T/out" | cut -f2)
embx_run -c "vec item:1" -c "vec $top" --no-cache "$T/all.vec"
expect_ok
bias=$(awk -F'\t' -v w="$top" '$2 == w { print $3 }' "$T/all.vec.recsys.tsv")
awk -v s="$score" -v b="$bias" 'NR == 1 { n = split($0, a, /[ \t]+/) } NR == 2 { split($0, c, /[ \t]+/);
    for (i = 1; i <= n; i++) d += a[i] * c[i]; exit !((d + b - s) ^ 2 < 1e-6) }' "$T/out" \
    || fail "--dot score $score is not the dot product plus the bias $bias"
pass
