#!/bin/sh
# Malformed rows of a text file fail the load with FILE:LINE: what is wrong.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/formats-expect-load-error.sh"
expect_load_error few.txt 'a 1 2 3\nb 1 2\n' '2: too few values (2, expected 3)'
expect_load_error many.txt 'a 1 2 3\nb 1 2 3 4\n' '2: too many values (4, expected 3)'
expect_load_error word.txt 'a 1 2 3\nb 1 x 3\n' "2: value 2 'x' is not a number"
expect_load_error nan.txt 'a 1 2 3\n\nb 1 nan 3\n' "3: value 2 'nan' is not a finite number"
expect_load_error inf.txt 'a 1 2 3\nb -inf 1 3\n' "2: value 1 '-inf' is not a finite number"
expect_load_error words.txt 'hello world\nfoo bar\n' '1: no numeric values: not a vector file'
pass
