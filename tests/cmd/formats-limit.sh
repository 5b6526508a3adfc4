#!/bin/sh
# --limit N reads only the first N rows (like gensim's limit), also from
# gzip and binary files, and a limited table is cached apart from the full one.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 500 8 3
embx_run "$T/t.txt" --limit 10 -c 'info'
expect_ok; expect_out "words	10"; expect_out "first, last	w0, w9"
embx_run "$T/t.txt" -c 'info'
expect_ok; expect_out "words	500"
embx_run "$T/t.txt" --limit 10 -c 'info'
expect_ok; expect_out "words	10"; expect_out "(opened from cache)"
embx_run --no-cache "$T/t.txt" -c "save $T/t.bin.gz --format word2vec-bin"
expect_ok
embx_run --no-cache "$T/t.bin.gz" --limit 3 -c 'info'
expect_ok; expect_out "words	3"; expect_out "word2vec-bin"
pass
