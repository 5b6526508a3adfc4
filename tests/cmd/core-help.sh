#!/bin/sh
# help lists every command, help CMD shows its usage and options, and the man
# page documents every command help lists.
. "$SRCDIR/tests/lib.sh"
EMBX_DEMO= embx_run -c help
expect_ok
expect_out "load FILE [--format F] [--limit N] [--no-cache] [--skip-bad]"
expect_out "quit"
cut -d' ' -f1 "$T/out" | grep -E '^[a-z][a-z-]*$' | sort -u > "$T/cmds"
[ "$(wc -l < "$T/cmds")" -ge 7 ] || fail "help lists too few commands"
while read -r c; do
    grep -q "^\\.B $c\\b\\|^\\.TP\\n\\.B $c\\|\\fB$c\\fR\\|^\\.B \"$c" "$SRCDIR/doc/embx.1" \
        || grep -q "B $c" "$SRCDIR/doc/embx.1" || fail "doc/embx.1 does not document '$c'"
done < "$T/cmds"
EMBX_DEMO= embx_run -c 'help load'
expect_ok
expect_out "usage: load FILE"
expect_out "--limit N"
EMBX_DEMO= embx_run --help
expect_ok
expect_out "usage: embx [OPTIONS] [FILE]"
EMBX_DEMO= embx_run --version
expect_ok
expect_out "embx "
pass
