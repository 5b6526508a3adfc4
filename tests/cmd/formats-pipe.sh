#!/bin/sh
# A table can come from a pipe (plain or gzip), e.g. zcat x.gz | embx
# /dev/stdin; it is read as a stream and not cached.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 6 8
embx_run --no-cache "$T/t.txt" -c 'vec w299'; expect_ok; cp "$T/out" "$T/want"
rc=0; cat "$T/t.txt" | "$EMBX" /dev/stdin -c 'vec w299' >"$T/out" 2>"$T/err" || rc=$?
expect_ok; expect_file_eq "$T/want" "$T/out"
rc=0; gzip -c "$T/t.txt" | "$EMBX" /dev/stdin -c 'info; vec w299' >"$T/out" 2>"$T/err" || rc=$?
expect_ok; expect_out "words	300"; expect_err "gzip"
grep '^w299	' "$T/out" > "$T/got"; expect_file_eq "$T/want" "$T/got"
[ ! -d "$XDG_CACHE_HOME/embx" ] || [ -z "$(ls "$XDG_CACHE_HOME/embx")" ] || fail "a pipe was cached"
pass
