#!/bin/sh
# A table bigger than the memory the process may use (ulimit -v): the text and
# word2vec readers refuse it with a message naming the file and the size
# before reading a row; the native .embx file of the same table opens in place
# (mapped, not copied) within the same limit; nothing hangs.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-limits.inc"
asan_build && skip "AddressSanitizer builds reserve terabytes of address space: ulimit -v does not apply"
# 15000 rows of 1000 floats: 60 MB of matrix
awk 'BEGIN { n = 15000; d = 1000; s = ""; for (i = 0; i < 4 * d; i++) s = s "?"
             printf "%d %d\n", n, d; for (i = 0; i < n; i++) printf "w%d %s\n", i, s }' >"$T/big.bin"
"$EMBX" --no-cache -q --format word2vec-bin "$T/big.bin" -c "save $T/big.embx" >/dev/null 2>"$T/err" \
    || fail "could not make big.embx: $(cat "$T/err")"
# the smallest address-space limit (in 20 MB steps) where a tiny table loads
# (each run is bounded: OpenBLAS worker threads used to spin forever when
# their buffer could not be mapped, so embx never exited under such a limit)
base=0
for mb in 20 40 60 80 100 120 140 160 180 200 250 300 400; do
    rc=0
    (ulimit -v $((mb * 1024)) && exec timeout 30 "$EMBX" --no-cache -q -c info "$SRCDIR/tests/data/small.txt") >/dev/null 2>&1 || rc=$?
    [ "$rc" -ne 124 ] || fail "embx hangs under ulimit -v $((mb * 1024)) (a tiny table, 'info')"
    if [ "$rc" -eq 0 ]; then
        base=$mb
        break
    fi
done
[ "$base" -gt 0 ] || skip "embx needs more than 400 MB of address space even for a tiny table here"
# room for the file's mapping (60 MB) but not for a copy of the matrix too
lim=$(((base + 70) * 1024))
rc=0
(ulimit -v $lim && exec timeout 60 "$EMBX" --no-cache --format word2vec-bin "$T/big.bin" -c info) >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -eq 1 ] || fail "exit status $rc under ulimit -v $lim (expected a refusal); stderr: $(head -c 400 "$T/err")"
expect_err "big.bin"
grep -qiE 'memory|cannot map' "$T/err" || fail "the refusal does not say memory is short: $(head -c 400 "$T/err")"
grep -qE 'AddressSanitizer|Segmentation|Aborted' "$T/err" && fail "crashed: $(head -c 400 "$T/err")"
rc=0
(ulimit -v $lim && exec timeout 60 "$EMBX" --no-cache "$T/big.embx" -c "info; vec w14999") >"$T/out" 2>"$T/err" || rc=$?
expect_ok
expect_out "words	15000"
grep -q '^w14999	' "$T/out" || fail "vec of the last row missing"
pass
