#!/bin/sh
# Runs a transcript test: tests/transcripts/NAME.t holds
#   # comments
#   table: FILE           (relative to tests/data; optional)
#   args: EXTRA ARGS      (optional; @DATA@ stands for tests/data here and in input)
#   --- input
#   commands, one a line
#   --- output
#   expected stdout (exactly)
#   --- stderr            (optional)
#   lines that must each appear in stderr (notes and errors; load timings vary)
# embx runs with the commands on stdin (piped, so output is tab-separated).
set -u
t=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/embx-t.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" HOME="$tmp" LC_ALL=C.UTF-8 NO_COLOR=1
table=$(sed -n 's/^table: //p' "$t" | head -n 1)
extra=$(sed -n 's/^args: //p' "$t" | head -n 1 | sed "s|@DATA@|$SRCDIR/tests/data|g")
sed -n '/^--- input$/,/^--- output$/p' "$t" | sed '1d;$d' | sed "s|@DATA@|$SRCDIR/tests/data|g" >"$tmp/in"
sed -n '/^--- output$/,$p' "$t" | sed '1d' | sed '/^--- stderr$/,$d' >"$tmp/expected"
sed -n '/^--- stderr$/,$p' "$t" | sed '1d' >"$tmp/expected-err"
set --
[ -n "$table" ] && set -- "$SRCDIR/tests/data/$table"
# shellcheck disable=SC2086
"$EMBX" --no-cache $extra "$@" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
rc=$?
if ! diff -u "$tmp/expected" "$tmp/out" >"$tmp/diff"; then
    echo "FAIL $t: output differs"; cat "$tmp/diff"; echo "stderr:"; cat "$tmp/err"; exit 1
fi
while IFS= read -r want; do
    grep -qF -- "$want" "$tmp/err" || { echo "FAIL $t: stderr lacks '$want'; stderr was:"; cat "$tmp/err"; exit 1; }
done <"$tmp/expected-err"
exit 0
