#!/bin/sh
# SIGINT during a long save (batch mode), in each output format: the old file
# is intact (or, when the write had already finished, the new one is whole),
# no temp file is left beside it, the session goes on and exits normally.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-interrupt.inc"
big_table "$T/big.txt.gz"
interrupted=0
for out in out.txt out.vec.gz out.bin out.embx; do
    printf 'old contents\n' >"$T/$out"
    session_start --no-cache "$T/big.txt.gz"
    wait_err "loaded 200000 words" 60
    send "save $T/$out"
    sleep 0.5
    kill -INT "$pid"
    send "info"
    session_end
    expect_out "words	200000"
    leftovers=$(ls "$T" | grep "^$out\.tmp\." | head -n 3)
    [ -z "$leftovers" ] || fail "$out: temp files left: $leftovers"
    if grep -q "embx: stdin:1: save: cancelled" "$T/err"; then
        interrupted=$((interrupted + 1))
        expect_rc 1
        [ "$(cat "$T/$out")" = "old contents" ] || fail "$out: the old file was changed by a cancelled save"
    else
        # the save completed before the signal: the new file must be whole
        expect_ok
        "$EMBX" --no-cache -q "$T/$out" -c info >"$T/out2" 2>"$T/err2" || fail "$out: saved file does not load: $(cat "$T/err2")"
        grep -q "^words	200000" "$T/out2" || fail "$out: saved file is not the whole table"
    fi
done
[ "$interrupted" -gt 0 ] || skip "every save finished within 0.5 s, before the signal"
pass
