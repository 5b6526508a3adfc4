#!/bin/sh
# A big table's cache copy is written by a detached background process: the
# load returns at once, the copy appears shortly after and the next load
# opens it; output piped from embx is not held open by the writer.
. "$SRCDIR/tests/lib.sh"
mktable "$T/big.txt" 15000 300 3          # an 18 MB matrix
words=$("$EMBX" "$T/big.txt" -c info 2>"$T/err" | grep '^words')
[ "$words" = "words	15000" ] || fail "first load: '$words'; $(cat "$T/err")"
i=0
until ls "$XDG_CACHE_HOME"/embx/*.embx >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -le 600 ] || fail "no cache copy after 60 s"
    sleep 0.1
done
embx_run "$T/big.txt" -c 'info; vec w14999'
expect_ok
expect_out "format	glove (opened from cache)"
grep '^w14999	' "$T/out" > "$T/cached"
embx_run --no-cache "$T/big.txt" -c 'vec w14999'
expect_ok
expect_file_eq "$T/out" "$T/cached"
pass
