#!/bin/sh
# A damaged or truncated cache file is never trusted: it is ignored,
# removed and rebuilt from the source.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 50 4 9
embx_run "$T/t.txt" -c 'vec w7'; expect_ok; cp "$T/out" "$T/want"
f=$(ls "$XDG_CACHE_HOME"/embx/*.embx)
printf 'XXXX' | dd of="$f" bs=1 seek=16 conv=notrunc 2>/dev/null
embx_run "$T/t.txt" -c 'info; vec w7'
expect_ok; expect_no_out "opened from cache"; grep -q "^w7	" "$T/out" || fail "no vector"
embx_run "$T/t.txt" -c 'info'; expect_ok; expect_out "opened from cache"
f=$(ls "$XDG_CACHE_HOME"/embx/*.embx)
head -c 3000 "$f" > "$T/cut"; cat "$T/cut" > "$f"
embx_run "$T/t.txt" -c 'info; vec w7'
expect_ok; expect_no_out "opened from cache"
grep '^w7	' "$T/out" > "$T/got"; expect_file_eq "$T/want" "$T/got"
embx_run "$T/t.txt" -c 'info'; expect_ok; expect_out "opened from cache"
pass
