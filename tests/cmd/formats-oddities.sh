#!/bin/sh
# BOM, CRLF, trailing blanks, a duplicate word (first row kept, as gensim),
# a zero vector, invalid UTF-8: the table loads, with one note each.
. "$SRCDIR/tests/lib.sh"
printf '\357\273\277a 1 2 3\r\nb 4 5 6  \r\n\377\376 0 0 0\r\na 7 8 9\r\n\r\n' > "$T/o.txt"
embx_run --no-cache "$T/o.txt" -c 'info; vec a'
expect_ok
expect_out "words	3"
expect_out "a	1	2	3"
expect_err "1 duplicate word ignored, the first row of each kept (first: 'a')"
expect_err "1 zero vector kept"
expect_err "1 word with invalid UTF-8 kept as bytes"
expect_err "byte order mark"
expect_err "CRLF"
pass
