#!/bin/sh
# Rows with identical vectors (distance 0) give a finite layout and a note.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 60 8 3 --clusters 3
sed 's/^w/dup/' "$T/a.txt" > "$T/b.txt"
cat "$T/a.txt" "$T/b.txt" > "$T/t.txt"
for m in cosine euclidean; do
    embx_run --no-cache "$T/t.txt" -c "plot tsne --top 120 --metric $m --ascii; save-proj $T/p.tsv"
    expect_ok
    expect_err "120 points have an identical twin"
    [ "$(wc -l < "$T/p.tsv")" -eq 120 ] || fail "$m: not 120 points saved"
    grep -qiE 'nan|inf' "$T/p.tsv" && fail "$m: non-finite coordinates: $(grep -iE 'nan|inf' "$T/p.tsv" | head -3)"
done
pass
