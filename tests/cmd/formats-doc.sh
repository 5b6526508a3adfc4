#!/bin/sh
# The man page's FORMATS section is the format registry as `formats` lists
# it (doc/man-formats.sh renders it): a format added to the registry and not
# to the man page fails here. UPDATE=1 rewrites the section in doc/embx.1.
. "$SRCDIR/tests/lib.sh"
man="$SRCDIR/doc/embx.1"
sh "$SRCDIR/doc/man-formats.sh" "$EMBX" >"$T/want" || fail "doc/man-formats.sh failed"
grep -q '^\.B glove$' "$T/want" || fail "the formats listing lacks glove: $(cat "$T/want")"
awk '/^\.SH FORMATS$/ { on = 1 } /^\.SH / && !/FORMATS/ { on = 0 } on' "$man" >"$T/have"
if [ "${UPDATE:-0}" = 1 ]; then
    awk -v sec="$T/want" '/^\.SH FORMATS$/ { skip = 1; while ((getline l < sec) > 0) print l; next }
        /^\.SH / { skip = 0 } !skip' "$man" >"$T/new" && cp "$T/new" "$man"
    pass
fi
expect_file_eq "$T/want" "$T/have"
# completion and --format's help come from the same registry
embx_run -c 'help load'
expect_ok
for f in $("$EMBX" --no-cache -q -c formats </dev/null | cut -f1); do
    grep -q "F: .*\b$f\b" "$T/out" || fail "help load does not name the format $f: $(cat "$T/out")"
done
pass
