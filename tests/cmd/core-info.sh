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
# norms: min is |man| = sqrt(.25^2+.125^2+.5^2+.5^2) = 0.7603
expect_out "norms	min 0.7603"
pass
