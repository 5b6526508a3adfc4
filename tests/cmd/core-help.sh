#!/bin/sh
# help lists every command, help CMD shows its usage and options, and the man
# page documents every command help lists.
. "$SRCDIR/tests/lib.sh"
EMBX_DEMO= embx_run -c help
expect_ok
expect_out "  load "
expect_out "  quit "
awk '/^  [a-z]/ { print $1 }' "$T/out" | sort -u > "$T/cmds"
[ "$(wc -l < "$T/cmds")" -ge 7 ] || fail "help lists too few commands"
while read -r c; do
    esc=$(printf '%s' "$c" | sed 's/-/\\\\-/g')   # roff writes - as \-
    grep -qE "^\.B ($c|$esc)( |$)" "$SRCDIR/doc/embx.1" || fail "doc/embx.1 does not document '$c'"
done < "$T/cmds"
EMBX_DEMO= embx_run -c 'help load'
expect_ok
expect_out "usage: load FILE [--format F] [--limit N] [--no-cache] [--skip-bad]"
expect_out "--limit N"
EMBX_DEMO= embx_run --help
expect_ok
expect_out "usage: embx [OPTIONS] [FILE]"
EMBX_DEMO= embx_run --version
expect_ok
expect_out "embx "
pass
