#!/bin/sh
# info reports size, dimension, format and norm statistics of the loaded table.
. "$SRCDIR/tests/lib.sh"
embx_run --no-cache "$SRCDIR/tests/data/small.txt" -c info
expect_ok
expect_out "words	8"
expect_out "dimensions	4"
expect_out "format	glove"
expect_out "zero vectors	0"
expect_out "first, last	king, -lrb-"
# norms: the smallest is -lrb-: sqrt(.3^2+.2^2+.1^2) = 0.3742
expect_out "norms	min 0.3742, mean 0.9274, max 1.3521"
pass
