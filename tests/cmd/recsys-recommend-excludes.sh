#!/bin/sh
# recommend, on a table reloaded from disk, never returns one of the user's
# items (listed in the sidecar) and shows titles and genres.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
[ -x "$MKI" ] || skip "no generator $MKI"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 300 --items 120 --interactions 9000 --seed 11 || fail "generator"
embx_run train-pairs "$T/r.tsv" -o "$T/m.vec" --items "$T/items.csv" --threads 2 --epochs 10
expect_ok
: >"$T/cmds"
for u in 1 2 3 5 8 13 21 34 55 89 144 233; do echo "recommend user:$u -k 50" >>"$T/cmds"; done
embx_script "$T/cmds" --no-cache "$T/m.vec"
expect_ok
[ "$(wc -l <"$T/out")" -eq 600 ] || fail "expected 12 x 50 recommendations, got $(wc -l <"$T/out") lines"
# pairs user:U<TAB>item:I the user trained on
awk -F'\t' '$1 == "user" { n = split($4, a, " "); for (i = 1; i <= n; i++) print $2 "\t" a[i] }' \
    "$T/m.vec.recsys.tsv" | sort >"$T/seen"
[ -s "$T/seen" ] || fail "no training items in the sidecar"
i=0
: >"$T/got"
while IFS= read -r line; do
    u=$(sed -n "$((i / 50 + 1))p" "$T/cmds" | awk '{print $2}')
    printf '%s\t%s\n' "$u" "$(printf '%s' "$line" | cut -f1)" >>"$T/got"
    i=$((i + 1))
done <"$T/out"
sort "$T/got" >"$T/got.sorted"
common=$(comm -12 "$T/seen" "$T/got.sorted" | head -n 3)
[ -z "$common" ] || fail "recommend returned training items: $common"
# titles and genres come from the sidecar
awk -F'\t' 'NF != 4 || $3 == "" || $4 == "" { bad = 1 } END { exit bad }' "$T/out" \
    || fail "recommendations lack titles or genres: $(head -n 3 "$T/out")"
expect_err "items user:1 interacted with excluded"
pass
