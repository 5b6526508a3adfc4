#!/bin/sh
# Headers that claim 10^12 rows (or columns, or more than 64 bits hold), in
# text, binary and gzip files: refused with a message naming the header
# before anything is allocated, at once and in little memory.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-limits.inc"
check() {   # check FILE FORMAT: refused quickly, small, with FILE:1
    if [ -n "$2" ]; then run_measured --no-cache --format "$2" "$T/$1" -c info
    else run_measured --no-cache "$T/$1" -c info; fi
    expect_failed
    expect_bounded 100 10
    expect_err "$1:1"
}
printf '1000000000000 4\nking 1 2 3 4\nqueen 4 3 2 1\n' >"$T/rows.vec";          check rows.vec ""
printf '2 1000000000000\nking 1 2 3 4\nqueen 4 3 2 1\n' >"$T/cols.vec";          check cols.vec ""
printf '18446744073709551616 4\nking 1 2 3 4\n' >"$T/overflow.vec";               check overflow.vec ""
printf '4 18446744073709551617\nking 1 2 3 4\n' >"$T/overflow-d.vec";             check overflow-d.vec ""
{ printf '1000000000000 2\nking '; printf '\000\000\200\077\000\000\200\077'; } >"$T/rows.bin"; check rows.bin word2vec-bin
{ printf '1 1000000000000\nking '; printf '\000\000\200\077\000\000\200\077'; } >"$T/cols.bin"; check cols.bin word2vec-bin
gzip -c "$T/rows.vec" >"$T/rows.vec.gz";                                          check rows.vec.gz ""
gzip -c "$T/cols.bin" >"$T/cols.bin.gz";                                          check cols.bin.gz word2vec-bin
# a header with a plausible count that disagrees with the rows: loaded or
# refused, but never a table with rows that are not in the file
printf '1000 4\nking 1 2 3 4\nqueen 4 3 2 1\n' >"$T/short.vec"
run_measured --no-cache "$T/short.vec" -c info
expect_bounded 100 10
if [ "$rc" -eq 0 ]; then expect_out "words	2"; else expect_err "short.vec"; fi
pass
