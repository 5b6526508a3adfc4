#!/bin/sh
# save carries the metadata along: OUT.meta.tsv beside the copy (written
# atomically), which opens with it by itself; TABLE.meta.tsv is attached
# without --meta; a broken one is a note, not a failed load.
. "$SRCDIR/tests/lib.sh"
S="$SRCDIR/tests/data/small.txt" M="$SRCDIR/tests/data/small-meta.tsv"
embx_run --no-cache "$S" --meta "$M" -c "save $T/copy.vec"
expect_ok
expect_err "saved the row metadata (2 columns) to $T/copy.vec.meta.tsv"
[ "$(head -n 1 "$T/copy.vec.meta.tsv")" = "word	kind	freq" ] || fail "header: $(head -n 1 "$T/copy.vec.meta.tsv")"
[ "$(wc -l <"$T/copy.vec.meta.tsv")" -eq 9 ] || fail "expected a header and 8 rows"
ls "$T" | grep -q 'tmp' && fail "a temporary file was left: $(ls "$T")"
embx_run -q --no-cache "$T/copy.vec" -c 'nn king -k 1' -c 'nn king -k 1 --where kind=person'
expect_ok
[ "$(cat "$T/out")" = "queen	0.932568	royal	8
man	0.677600	person	100" ] || fail "the copy lost its metadata: $(cat "$T/out")"
printf 'word\tkind\nking\n' >"$T/copy.vec.meta.tsv"
embx_run --no-cache "$T/copy.vec" -c 'nn king -k 1'
expect_ok
expect_err "copy.vec.meta.tsv:2: 1 field, the header has 2 (fields are separated by TABs) (ignored)"
[ "$(cat "$T/out")" = "queen	0.932568" ] || fail "output: $(cat "$T/out")"
pass
