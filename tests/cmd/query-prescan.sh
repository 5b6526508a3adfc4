#!/bin/sh
# On a table of 2^24 values or more, exact nn, expressions and analogies read
# the int8 copy first (from the session's second exact query on: a one-off
# query builds no copy) and score only the rows that can be among the best: the
# answers (rows, scores, order) are the ones `set prescan off` gives by
# reading every float, including with --restrict, a large -k and the tight
# near-ties of a clustered table; 3CosMul and smaller tables keep the scan.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 60000 300 5 --clusters 400
cmds='nn w5 -k 20; nn w7 - w37 + w8 -k 10; analogy w1 w31 w2 -k 10; nn w9 -k 5 --restrict 20000; nn w11 -k 300; analogy w3 w403 w4 --mul -k 5; analogy w13 w14 w15 -k 50 --keep-inputs'
embx_run --no-cache "$T/t.txt" -c "set prescan off; $cmds"
expect_ok
cp "$T/out" "$T/exact"
embx_run --no-cache "$T/t.txt" -c "$cmds"
expect_ok
expect_err "built an int8 copy of the table"
expect_file_eq "$T/exact" "$T/out"
embx_run --no-cache "$T/t.txt" -c 'nn w5 -k 20'
expect_ok
if grep -q "int8 copy" "$T/err"; then fail "a one-off query built the int8 copy"; fi
# a table below 2^24 values scans its floats: no copy is built
mktable "$T/small.txt" 2000 64 3
embx_run --no-cache "$T/small.txt" -c 'nn w5'
expect_ok
if grep -q "int8 copy" "$T/err"; then fail "an int8 copy was built for a small table"; fi
embx_run --no-cache "$T/small.txt" -c 'set prescan maybe'
expect_failed
expect_err "prescan must be auto or off, not 'maybe'"
pass
