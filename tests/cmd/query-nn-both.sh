#!/bin/sh
# nn WORD --both shows the neighbours in the loaded table and in the one
# opened by compare side by side (the same listing as `both`); without a
# second table, or with an expression, it says what is missing.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 200 16 1
"$BUILDDIR/tests/gen/mkrotated" "$T/a.txt" "$T/b.txt" 2 --noise 0.0 --move w3 || fail mkrotated
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt; both w3 -k 4"
expect_ok
cp "$T/out" "$T/expected"
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt; nn w3 --both -k 4"
expect_ok
expect_file_eq "$T/expected" "$T/out"
embx_run --no-cache "$T/a.txt" -c "nn w3 --both"
expect_failed
expect_err "no second table: run \`compare FILE\` first"
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt; nn w3 - w4 --both"
expect_failed
expect_err "--both takes one word, not an expression"
pass
