#!/bin/sh
# save in every format (plain and gzip) and load again: the same words and
# bit-identical vectors.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 200 16 5
embx_run --no-cache "$T/t.txt" -c 'vec w0; vec w77; vec w199'
expect_ok; cp "$T/out" "$T/want"
for f in glove word2vec fasttext word2vec-bin; do
    for gz in "" .gz; do
        embx_run --no-cache "$T/t.txt" -c "save $T/x.$f$gz --format $f"
        expect_ok
        embx_run --no-cache "$T/x.$f$gz" -c "save $T/y.txt$gz --format glove"
        expect_ok
        embx_run --no-cache "$T/y.txt$gz" -c 'vec w0; vec w77; vec w199; info'
        expect_ok
        grep '^w[0-9][0-9]*	' "$T/out" > "$T/got"
        expect_file_eq "$T/want" "$T/got"
        expect_out "words	200"
    done
done
embx_run --no-cache "$T/t.txt" -c "save $T/x.embx"
expect_ok
embx_run "$T/x.embx" -c 'vec w0; vec w77; vec w199; info'
expect_ok; expect_out "format	embx"
grep '^w[0-9][0-9]*	' "$T/out" > "$T/got"
expect_file_eq "$T/want" "$T/got"
pass
