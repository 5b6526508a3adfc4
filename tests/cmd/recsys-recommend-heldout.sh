#!/bin/sh
# recommend never returns an item the user interacted with anywhere in the
# input file, held-out split included (a large --test-fraction makes many
# such pairs), for mf and bpr; mf's predicted ratings stay on the input's
# rating scale.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 200 --items 80 --interactions 6000 --seed 5 || fail "generator"
# every (user, item) pair of the input
awk -F'\t' 'NR > 1 { print "user:" $1 "\titem:" $2 }' "$T/r.tsv" | sort -u >"$T/input-pairs"
: >"$T/cmds"
for u in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "recommend user:$u -k 60" >>"$T/cmds"; done
for model in mf bpr; do
    embx_run train-pairs "$T/r.tsv" -o "$T/$model.vec" --model $model --test-fraction 0.5 --threads 1 --epochs 5
    expect_ok
    embx_script "$T/cmds" --no-cache "$T/$model.vec"
    expect_ok
    [ -s "$T/out" ] || fail "$model: no recommendations"
    awk -F'\t' 'NR == FNR { u[FNR] = $2; next } { print u[int((FNR - 1) / 60) + 1] "\t" $1 }' "$T/cmds" "$T/out" \
        | sort >"$T/got"
    common=$(comm -12 "$T/input-pairs" "$T/got" | head -n 3)
    [ -z "$common" ] || fail "$model: recommend returned items the user has in the input: $common"
    if [ $model = mf ]; then
        awk -F'\t' '$2 + 0 > 5 || $2 + 0 < 1 { bad = $0 } END { if (bad != "") { print bad; exit 1 } }' "$T/out" \
            >"$T/bad" || fail "mf predicted rating off the 1..5 scale: $(cat "$T/bad")"
    fi
done
pass
