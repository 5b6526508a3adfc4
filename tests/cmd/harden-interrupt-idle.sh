#!/bin/sh
# SIGINT while a batch session waits for its next command does not end the
# session (found by harden-interrupt-save: getline failed with EINTR and
# repl_batch took it for the end of the input, dropping the commands after).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-interrupt.inc"
session_start --no-cache "$SRCDIR/tests/data/small.txt"
wait_err "loaded 8 words" 30
sleep 0.2
kill -INT "$pid"
sleep 0.2
send "info"
session_end
expect_ok
expect_out "words	8"
pass
