#!/bin/sh
# Every fuzz harness replays its generated seed corpus and then fuzzes for a
# few seconds (FUZZ_SMOKE_SECONDS, default 3) without a crash, leak, sanitizer
# report or timeout. Skips when clang/libFuzzer was not found by configure.
. "$SRCDIR/tests/lib.sh"
dir="$BUILDDIR/tests/fuzz"
ls "$dir"/fuzz_* >/dev/null 2>&1 || skip "no fuzz harnesses built (needs clang with libFuzzer: apt-get install clang libclang-rt-dev)"
secs=${FUZZ_SMOKE_SECONDS:-3}
sh "$SRCDIR/tests/fuzz/make-seeds.sh" "$T/seeds" || fail "make-seeds.sh failed"
crashdir="$BUILDDIR/tests/fuzz/crashes"
# scratch files of the harnesses: tmpfs when there is one, removed with $T
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    EMBX_FUZZ_TMP=$(mktemp -d /dev/shm/embx-fuzz-smoke.XXXXXX)
    trap 'rm -rf "$T" "$EMBX_FUZZ_TMP"' EXIT
else
    EMBX_FUZZ_TMP=$T
fi
export EMBX_FUZZ_TMP
failed=
for bin in "$dir"/fuzz_*; do
    [ -x "$bin" ] || continue
    name=${bin##*/fuzz_}
    mkdir -p "$T/corpus/$name" "$T/art/$name"
    if ! "$bin" -seed=1 -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
            -max_len=65536 -artifact_prefix="$T/art/$name/" \
            "$T/corpus/$name" "$T/seeds/$name" >"$T/log.$name" 2>&1; then
        mkdir -p "$crashdir"
        cp "$T/art/$name"/* "$crashdir/" 2>/dev/null
        cp "$T/log.$name" "$crashdir/fuzz_$name.log"
        echo "fuzz_$name failed; reproducer and log in $crashdir:" >&2
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$T/log.$name" | head -n 8 >&2
        failed="$failed $name"
    else
        printf 'fuzz_%s: %s\n' "$name" "$(grep -E '^(Done|#[0-9]+.*DONE)' "$T/log.$name" | tail -n 1)"
    fi
done
[ -z "$failed" ] || fail "harnesses failed:$failed"
pass
