#!/bin/sh
# --braille draws 2x4 dots per cell in a UTF-8 locale; elsewhere it says why
# and draws ASCII.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 200 8 5 --clusters 3
embx_run --no-cache "$T/t.txt" -c 'plot pca --top 150 --braille --size 60x16'
expect_ok
# braille cells are U+2801..U+28FF: bytes E2 A0..A3 xx
LC_ALL=C grep -q "$(printf '\342[\240-\243]')" "$T/out" || fail "no braille cells:
$(cat "$T/out")"
grep -q '┌' "$T/out" || fail "no box frame"
LC_ALL=C embx_run --no-cache "$T/t.txt" -c 'plot pca --top 150 --braille --size 60x16'
expect_ok
expect_err "UTF-8"
LC_ALL=C grep -q '[^ -~]' "$T/out" && fail "non-ASCII output in the C locale:
$(cat "$T/out")"
expect_out "150 points"
pass
