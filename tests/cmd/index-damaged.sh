#!/bin/sh
# A damaged or truncated index file is refused with a message naming it and
# removed; the session goes on (exact nn still answers), and 'index build'
# makes a good one again. An index of a changed table is not used.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 2000 16 4 --clusters 20
embx_run "$T/t.txt" -c 'index build'
expect_ok
idx=$(ls "$XDG_CACHE_HOME"/embx/*.hnsw 2>/dev/null) || fail "no index file"
cp "$idx" "$T/good"
size=$(wc -c <"$idx")

# one flipped byte in the middle of the links
cp "$T/good" "$idx"
printf '\377' | dd of="$idx" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
printf 'nn w5 --approx\nnn w5 -k 3\n' >"$T/cmds"
embx_script "$T/cmds" "$T/t.txt"
expect_rc 1
expect_err "index file refused and removed (run 'index build'): $idx: damaged index"
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "the session did not go on after the refused index: $(cat "$T/out")"
[ ! -e "$idx" ] || fail "the damaged index file was kept"

# truncated
head -c $((size - 100)) "$T/good" >"$idx"
embx_run "$T/t.txt" -c 'index info'
expect_failed
expect_err "damaged index"

# garbage
echo "not an index" >"$idx"
embx_run "$T/t.txt" -c 'nn w5 --approx'
expect_failed
expect_err "not an embx index file"

# a rebuilt index works again
embx_run "$T/t.txt" -c 'index build; nn w5 --approx -k 3'
expect_ok
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "no answers from the rebuilt index"

# the source changed (same shape, other values): the old index is not used
cp "$idx" "$T/old"
mktable "$T/t.txt" 2000 16 5 --clusters 20
cp "$T/old" "$idx"
embx_run "$T/t.txt" -c 'nn w5 --approx'
expect_failed
expect_err "the index was built for another table"
pass
