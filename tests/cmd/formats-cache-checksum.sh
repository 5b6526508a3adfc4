#!/bin/sh
# Issue 15: a flipped byte in a cached copy's matrix went unnoticed and
# changed answers. The matrix carries an XXH3 checksum, verified in the
# background after the open; a mismatch discards the copy and reads the
# source again, with a note, so the answers are the source's.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 3000 64 3
embx_run --no-cache "$T/t.txt" -c "nn w5 -k 5"
expect_ok
cp "$T/out" "$T/want"
embx_run "$T/t.txt" -c info       # writes the cache
expect_ok
f=$(ls "$XDG_CACHE_HOME"/embx/*.embx) || fail "no cache file written"
# flip a bit in row 5 of the matrix (its offset is the header's field at 48)
off=$(od -An -tu8 -j48 -N8 "$f" | tr -d ' ')
pos=$((off + 4 * 64 * 5 + 9))
b=$(od -An -tu1 -j"$pos" -N1 "$f" | tr -d ' ')
printf "$(printf '\\%03o' $((b ^ 64)))" | dd of="$f" bs=1 seek="$pos" conv=notrunc 2>/dev/null
[ "$(od -An -tu1 -j"$pos" -N1 "$f" | tr -d ' ')" -ne "$b" ] || fail "the byte was not flipped"
embx_run "$T/t.txt" -c "nn w5 -k 5"
expect_ok
expect_err "the cached copy of $T/t.txt no longer matches its checksum (XXH3): discarded"
expect_file_eq "$T/want" "$T/out"
# the copy written again is sound: no note the next time
embx_run "$T/t.txt" -c "nn w5 -k 5"
expect_ok
expect_err "(cache)"
grep -q "no longer matches" "$T/err" && fail "the rebuilt copy failed its checksum: $(cat "$T/err")"
expect_file_eq "$T/want" "$T/out"
pass
