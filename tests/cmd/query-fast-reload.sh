#!/bin/sh
# Issue 12: the int8 copy behind --fast outlived `load` of another table. It
# belongs to the session's table: freed on load, rebuilt for the new table,
# whose answers --fast then gives.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 3000 64 3 --clusters 30
mktable "$T/b.txt" 3000 64 4 --clusters 30
embx_run --no-cache -c "load $T/b.txt; nn w5 -k 10; nn w7 - w37 + w8 -k 5"
expect_ok
cp "$T/out" "$T/want"
embx_run --no-cache -c "load $T/a.txt; nn w5 -k 10 --fast; info; load $T/b.txt; info; nn w5 -k 10 --fast; nn w7 - w37 + w8 -k 5 --fast"
expect_ok
# the copy of a.txt is shown once, then gone after the load
[ "$(grep -c '^int8 copy' "$T/out")" -eq 1 ] || fail "the int8 copy should be listed once (before the load): $(grep '^int8' "$T/out")"
[ "$(grep -c -- '--fast: built an int8 copy' "$T/err")" -eq 2 ] || fail "expected one build per table: $(cat "$T/err")"
# the answers after the load are b.txt's
tail -n "$(wc -l <"$T/want")" "$T/out" >"$T/got"
expect_file_eq "$T/want" "$T/got"
pass
