#!/bin/sh
# The format comes from the content, not the file name; --format overrides.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 20 4 1
embx_run --no-cache "$T/t.txt" -c "save $T/a --format word2vec; save $T/b --format word2vec-bin; save $T/c.gz --format glove"
expect_ok
mv "$T/a" "$T/a.bin"; mv "$T/b" "$T/b.txt"; mv "$T/c.gz" "$T/c.vec"
embx_run --no-cache "$T/a.bin" -c info; expect_ok; expect_out "format	word2vec"
embx_run --no-cache "$T/b.txt" -c info; expect_ok; expect_out "format	word2vec-bin"
embx_run --no-cache "$T/c.vec" -c info; expect_ok; expect_out "format	glove"; expect_err "gzip"
# a GloVe file whose first row looks like a header: --format glove reads it as a row
printf '3 5\nb 1\n' > "$T/g.txt"
embx_run --no-cache --format glove "$T/g.txt" -c 'vec 3'
expect_ok; expect_out "3	5"
pass
