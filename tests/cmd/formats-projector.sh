#!/bin/sh
# The Embedding Projector's vectors.tsv opens by content with the labels of
# metadata.tsv beside it (one column, or a header row naming several):
# export-projector then opening vectors.tsv gives the same nn and sim as the
# original table; a label count that differs is an error giving both counts.
. "$SRCDIR/tests/lib.sh"
small="$SRCDIR/tests/data/small.txt"
embx_run --no-cache "$small" -c "export-projector $T/pj --top 8"
expect_ok
q() { "$EMBX" --no-cache "$@" -c 'nn -k 3 king' -c 'sim king queen' -c 'vec man' 2>"$T/err" </dev/null; }
q "$small" >"$T/want" || fail "small.txt"
q "$T/pj/vectors.tsv" >"$T/got" || fail "vectors.tsv: $(cat "$T/err")"
expect_file_eq "$T/want" "$T/got"
grep -q "(projector)" "$T/err" || fail "not read as projector: $(cat "$T/err")"
# a header row with several columns: the first holds the labels
{ printf 'word\tkind\n'; cut -f1 "$T/pj/metadata.tsv" | sed 's/$/\tx/'; } >"$T/m.tsv"
cp "$T/m.tsv" "$T/pj/metadata.tsv"
q "$T/pj/vectors.tsv" >"$T/got" || fail "header metadata: $(cat "$T/err")"
expect_file_eq "$T/want" "$T/got"
# no metadata.tsv: rows by index
rm "$T/pj/metadata.tsv"
embx_run --no-cache "$T/pj/vectors.tsv" -c 'vec #2'
expect_ok
awk -F'\t' 'NF == 5 && $1 == "man"' "$T/want" | sed 's/^man	/#2	/' >"$T/w2"
expect_file_eq "$T/w2" "$T/out"
# a label count that differs from the rows
head -n 3 "$T/m.tsv" >"$T/pj/metadata.tsv"
embx_run --no-cache "$T/pj/vectors.tsv"
expect_failed
expect_err "metadata.tsv: 2 labels (after the header row) for a table of 8 rows"
# a row of the wrong length names file and line
printf '1\t2\t3\n4\t5\n' >"$T/bad-vectors.tsv"
embx_run --no-cache "$T/bad-vectors.tsv"
expect_failed
expect_err "bad-vectors.tsv:2: 2 values, the first row has 3"
pass
