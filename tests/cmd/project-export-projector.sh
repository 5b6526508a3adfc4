#!/bin/sh
# export-projector writes vectors.tsv (one row of D values per point) and
# metadata.tsv (the words; with groups, a header and a group column) for the
# rows of the last plot or of a selection.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 50 6 2
printf 'w3\ta\nw5\tb\nw7\ta\n' > "$T/sel.txt"
embx_run --no-cache "$T/t.txt" -c "plot pca --top 12 --ascii; export-projector $T/p1; export-projector $T/p2 --file $T/sel.txt"
expect_ok
[ "$(wc -l < "$T/p1/vectors.tsv")" -eq 12 ] || fail "vectors.tsv has $(wc -l < "$T/p1/vectors.tsv") rows"
awk -F'\t' 'NF != 6 { exit 1 }' "$T/p1/vectors.tsv" || fail "vectors.tsv rows are not 6 values"
[ "$(head -1 "$T/p1/metadata.tsv")" = w0 ] || fail "metadata.tsv does not start with w0"
[ "$(wc -l < "$T/p1/metadata.tsv")" -eq 12 ] || fail "metadata.tsv is not 12 lines"
# the first vector is w0's row of the table
[ "$(head -1 "$T/p1/vectors.tsv" | tr '\t' ' ' | awk '{ printf "%.5f\n", $1 }')" = "$(awk 'NR == 1 { printf "%.5f\n", $2 }' "$T/t.txt")" ] \
    || fail "vectors.tsv row 1 is not w0's vector"
printf 'word\tgroup\nw3\ta\nw5\tb\nw7\ta\n' > "$T/meta.expected"
expect_file_eq "$T/meta.expected" "$T/p2/metadata.tsv"
embx_run --no-cache "$T/t.txt" -c "export-projector $T/p3"
expect_failed
expect_err "nothing to export"
pass
