#!/bin/sh
# The first load writes a native copy under $XDG_CACHE_HOME/embx; the next
# load of the unchanged file opens it; --no-cache neither reads nor writes it.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 100 8 2
embx_run --no-cache "$T/t.txt" -c info
expect_ok; expect_no_out "from cache"
[ ! -d "$XDG_CACHE_HOME/embx" ] || [ -z "$(ls "$XDG_CACHE_HOME/embx")" ] || fail "--no-cache wrote the cache"
embx_run "$T/t.txt" -c 'info; vec w42'
expect_ok; expect_no_out "from cache"; cp "$T/out" "$T/first"
ls "$XDG_CACHE_HOME"/embx/*.embx >/dev/null 2>&1 || fail "no cache file written"
embx_run "$T/t.txt" -c 'info; vec w42'
expect_ok; expect_out "format	glove (opened from cache)"; expect_err "(cache)"
grep 'w42 ' "$T/first" > "$T/a"; grep 'w42 ' "$T/out" > "$T/b"
expect_file_eq "$T/a" "$T/b"
# default location without XDG_CACHE_HOME
unset XDG_CACHE_HOME
embx_run "$T/t.txt" -c info
ls "$HOME"/.cache/embx/*.embx >/dev/null 2>&1 || fail "no cache under ~/.cache/embx"
pass
