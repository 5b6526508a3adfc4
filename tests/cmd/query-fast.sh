#!/bin/sh
# nn --fast and analogy --fast (int8 pre-scan, exact re-score) give the exact
# answers on a table where the candidates cover the true neighbours, with
# exact scores; --fast --mul is refused.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 3000 64 3 --clusters 30
embx_run --no-cache "$T/t.txt" -c 'nn w5 -k 20; nn w7 - w37 + w8 -k 10; analogy w1 w31 w2 -k 10; nn w9 -k 5 --restrict 500'
expect_ok
cp "$T/out" "$T/exact"
embx_run --no-cache "$T/t.txt" -c 'nn w5 -k 20 --fast; nn w7 - w37 + w8 -k 10 --fast; analogy w1 w31 w2 -k 10 --fast; nn w9 -k 5 --restrict 500 --fast'
expect_ok
expect_err "--fast: built an int8 copy of the table"
expect_file_eq "$T/exact" "$T/out"
embx_run --no-cache "$T/t.txt" -c 'analogy w1 w31 w2 --fast --mul'
expect_failed
expect_err "--fast works with 3CosAdd only"
pass
