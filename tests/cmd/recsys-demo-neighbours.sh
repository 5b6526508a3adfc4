#!/bin/sh
# On the committed demo recommender (data/movies.vec), an item's 10 nearest
# items (`nn --restrict` over the item rows, which come first) share a genre
# with it more than 80% of the time.
. "$SRCDIR/tests/lib.sh"
V="$SRCDIR/data/movies.vec"
S="$V.recsys.tsv"
[ -s "$V" ] && [ -s "$S" ] || fail "demo table $V or its sidecar is missing (make demo-movies)"
nitems=$(grep -c '^item	' "$S")
[ "$nitems" -ge 100 ] || fail "demo has only $nitems items"
grep '^item	' "$S" | cut -f2 | sed "s/^/nn -k 10 --restrict $nitems /" >"$T/cmds"
embx_script "$T/cmds" --no-cache "$V"
expect_ok
[ "$(wc -l <"$T/out")" -eq $((nitems * 10)) ] || fail "expected $nitems x 10 neighbours, got $(wc -l <"$T/out")"
# agreement: item i's neighbours are lines 10i+1 .. 10i+10 of the output
awk -F'\t' -v n="$nitems" '
    FNR == NR { if ($1 == "item") { genres[$2] = "|" $5 "|"; order[k++] = $2 } next }
    {
        q = order[int((FNR - 1) / 10)]
        if (!($1 in genres)) { bad = $1; exit 1 }
        m = split(substr(genres[q], 2, length(genres[q]) - 2), g, "|")
        share = 0
        for (j = 1; j <= m; j++) if (index(genres[$1], "|" g[j] "|")) share = 1
        hits += share; total++
    }
    END { if (bad != "") { print "neighbour " bad " is not an item"; exit 1 }
          printf "%.4f\n", hits / total; exit !(hits / total > 0.8) }' "$S" "$T/out" >"$T/agree" \
    || fail "item 10-NN genre agreement too low: $(cat "$T/agree")"
pass
