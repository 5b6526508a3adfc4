#!/bin/sh
# The cache is visible: the first write says where and how much; `cache`
# lists the copies (source, size, age); `cache clear --orphans` removes those
# whose source is gone, `cache clear` all; `set cache-max` (and
# EMBX_CACHE_MAX) evicts the oldest copies beyond the cap.
. "$SRCDIR/tests/lib.sh"
export EMBX_CACHE_SYNC=1
C="$XDG_CACHE_HOME/embx"
mktable "$T/a.txt" 200 16 1
mktable "$T/b.txt" 200 16 2
embx_run "$T/a.txt" -c info
expect_ok; expect_err "embx: cached a native copy ("; expect_err " KB) in $C/"; expect_err "('cache' lists them)"
# a hit writes nothing and says nothing about it
embx_run "$T/a.txt" -c info
expect_ok; ! grep -q "cached a native copy" "$T/err" || fail "a cache hit announced a write"
embx_run "$T/b.txt" -c 'cache'
expect_ok
expect_out "source	size	age"
expect_out "$T/a.txt	"; expect_out "$T/b.txt	"
expect_err "2 cached copies"; expect_err "in $C (cache-max off)"
# the source of b is gone
rm "$T/b.txt"
embx_run -c 'cache'
expect_ok; expect_out "$T/b.txt (gone)	"
embx_run -c 'cache clear --orphans; cache'
expect_ok; expect_err "removed 1 cached copy whose source is gone"
expect_out "$T/a.txt	"; expect_no_out "b.txt"
embx_run -c 'cache clear; cache'
expect_ok; expect_err "removed "
[ -z "$(ls "$C")" ] || fail "cache clear left files: $(ls "$C")"
# a cap: the oldest copies go when a new one exceeds it
mktable "$T/b.txt" 200 16 2
mktable "$T/c.txt" 200 16 3
embx_run "$T/a.txt" -c "load $T/b.txt"
expect_ok; [ "$(ls "$C"/*.embx | wc -l)" -eq 2 ] || fail "expected 2 copies: $(ls "$C")"
touch -d '2 hours ago' "$C"/*.embx
embx_run "$T/a.txt" -c "set cache-max 30K; load $T/c.txt; cache"
expect_ok
expect_err "to stay under cache-max"
expect_out "$T/c.txt	"; expect_no_out "$T/a.txt	"
[ "$(ls "$C"/*.embx | wc -l)" -le 2 ] || fail "more than the cap left: $(ls -l "$C")"
EMBX_CACHE_MAX=1K embx_run -c 'set'
expect_ok; expect_out "cache-max	1.0 KB"
embx_run -c 'set cache-max lots'
expect_failed; expect_err "cache-max must be a size such as 2G or 500M (off: no cap), not 'lots'"
embx_run -c 'cache clear --orphans extra'
expect_failed
embx_run -c 'cache list --orphans'
expect_failed; expect_err "--orphans goes with 'cache clear'"
pass
