#!/bin/sh
# A row of subnormal values (norm ~1e-44) counts as a zero vector: its inverse
# norm overflows float32 (found by fuzz_text: "nn king" ranked such a row
# first with score inf, and the table could not be saved as .embx and
# opened again because the stored norm was infinite).
. "$SRCDIR/tests/lib.sh"
printf 'king 1 2 3\nqueen 1 2 2.5\ntiny 1e-44 0 1e-45\nman 3 1 0\n' >"$T/tiny.txt"
embx_run --no-cache "$T/tiny.txt" -c "info; vec tiny; save $T/tiny.embx"
expect_ok
expect_err "1 zero vector kept"
expect_out "zero vectors	1"
embx_run --no-cache "$T/tiny.embx" -c "info"
expect_ok
expect_out "words	4"
if "$EMBX" --no-cache -c 'help nn' "$T/tiny.txt" >/dev/null 2>&1; then
    embx_run --no-cache "$T/tiny.txt" -c "nn king"
    expect_ok
    expect_no_out "tiny"
    expect_no_out "inf"
    expect_out "queen	0.99"
fi
pass
