#!/bin/sh
# --where restricts every selection: --top takes the first N matching rows,
# --sample draws among them, --near searches only them (the centre stays),
# explicit words outside it are left out; and `load --meta` attaches it.
. "$SRCDIR/tests/lib.sh"
S="$SRCDIR/tests/data/small.txt" M="$SRCDIR/tests/data/small-meta.tsv"
cat >"$T/cmds" <<EOC
load $S --meta $M
plot pca --where freq>20 --ascii
save-proj $T/top.tsv
plot pca --top 3 --where kind!=royal --ascii
save-proj $T/top3.tsv
plot pca --near king 3 --where kind=person --ascii
save-proj $T/near.tsv
plot pca --sample 3 --where kind=place --ascii
EOC
embx_script "$T/cmds" -q --no-cache
[ "$rc" -eq 1 ] || fail "exit $rc: $(cat "$T/err")"
[ "$(cut -f1 "$T/top.tsv" | tr '\n' ' ')" = "man woman paris france " ] || fail "--where freq>20: $(cat "$T/top.tsv")"
[ "$(cut -f1 "$T/top3.tsv" | tr '\n' ' ')" = "man woman paris " ] || fail "--top 3 --where: $(cat "$T/top3.tsv")"
[ "$(cut -f1 "$T/near.tsv" | sort | tr '\n' ' ')" = "king man woman " ] || fail "--near --where: $(cat "$T/near.tsv")"
# only 2 place rows: PCA needs 3 points, and the message says the selection is filtered
expect_err "where kind=place"
pass
