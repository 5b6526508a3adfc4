#!/bin/sh
# `embx --foo` answers in one line in the usual "embx:" style (not getopt's
# message with the binary's path followed by the whole usage), with a hint.
. "$SRCDIR/tests/lib.sh"
embx_run --foo
expect_failed
expect_err "embx: unknown option '--foo' (embx --help lists the options)"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "more than one line on stderr: $(cat "$T/err")"
embx_run --bial
expect_err "embx: unknown option '--bial' (did you mean --bail?)"
embx_run -x
expect_err "embx: unknown option '-x' (embx --help lists the options)"
embx_run -c
expect_err "embx: option '-c' needs a value"
pass
