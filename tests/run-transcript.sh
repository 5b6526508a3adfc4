#!/bin/sh
# Runs a transcript test: tests/transcripts/NAME.t holds
#   # comments
#   table: FILE           the table embx opens: a file written below, else
#                         tests/data/FILE (optional)
#   args: EXTRA ARGS      more arguments, split like a shell line: quotes work
#                         (a subcommand goes first: args: train-pairs r.csv)
#   status: N             the exit status embx must give (default 0)
#   gen: TOOL ARGS        runs the generator tests/gen/TOOL (mktable,
#                         mkrotated, ...) in the test's directory (repeatable)
#   --- file NAME         (repeatable) the lines up to the next '---' line are
#                         written to NAME in the test's directory
#   --- input
#   commands, one a line
#   --- output
#   expected stdout (exactly)
#   --- stderr            (optional)
#   lines that must each appear in stderr (notes and errors; load timings
#   vary); a line '! TEXT' says TEXT must not appear
# embx runs in a fresh directory with the commands on stdin (piped, so output
# is tab-separated), with a home and cache of its own, no demo table, and the
# table above opened with --no-cache. Relative names in commands and messages
# are the files written above; tests/data is there as data/.
set -u
t=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/embx-t.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" HOME="$tmp" LC_ALL=C.UTF-8 NO_COLOR=1 EMBX_DEMO=
: "${BUILDDIR:=$(pwd)}"
fail() { echo "FAIL $t: $*"; exit 1; }
# One pass splits the file: directives, file sections, input, output, stderr.
mkdir "$tmp/s" "$tmp/w"
awk -v d="$tmp/s" '
    function open_(f) { cur = d "/" f; printf "" > cur }
    BEGIN { cur = d "/head" }
    /^--- / {
        close(cur)
        if ($0 == "--- input") open_("in")
        else if ($0 == "--- output") { open_("expected"); seen = 1 }
        else if ($0 == "--- stderr") open_("expected-err")
        else if ($2 == "file" && NF == 3) { n++; print $3 > (d "/files"); open_("file." n) }
        else { print "bad section line: " $0; exit 1 }
        next
    }
    { print > cur }
    END { if (!seen) { print "no --- output section"; exit 1 } }' "$t" >"$tmp/parse" \
    || fail "$(cat "$tmp/parse")"
touch "$tmp/s/head" "$tmp/s/in" "$tmp/s/expected-err"
table=$(sed -n 's/^table: //p' "$tmp/s/head" | head -n 1)
extra=$(sed -n 's/^args: //p' "$tmp/s/head" | head -n 1)
want_rc=$(sed -n 's/^status: //p' "$tmp/s/head" | head -n 1)
cd "$tmp/w" || exit 1
ln -s "$SRCDIR/tests/data" data
if [ -f "$tmp/s/files" ]; then
    n=0
    while IFS= read -r f; do
        n=$((n + 1))
        mkdir -p "$(dirname "$f")" && cp "$tmp/s/file.$n" "$f" || fail "cannot write $f"
    done <"$tmp/s/files"
fi
sed -n 's/^gen: //p' "$tmp/s/head" >"$tmp/gen"
while read -r tool args; do
    # shellcheck disable=SC2086
    "$BUILDDIR/tests/gen/$tool" $args >"$tmp/gen.out" 2>&1 || fail "gen: $tool $args: $(cat "$tmp/gen.out")"
done <"$tmp/gen"
# --no-cache comes first, unless the args start with a subcommand (train ...)
case $extra in ''|-*) eval "set -- --no-cache $extra" ;; *) eval "set -- $extra" ;; esac
if [ -n "$table" ]; then
    if [ -e "$table" ]; then set -- "$@" "$table"; else set -- "$@" "$SRCDIR/tests/data/$table"; fi
fi
"$EMBX" "$@" <"$tmp/s/in" >"$tmp/out" 2>"$tmp/err"
rc=$?
if ! diff -u "$tmp/s/expected" "$tmp/out" >"$tmp/diff"; then
    echo "FAIL $t: output differs"; cat "$tmp/diff"; echo "stderr:"; cat "$tmp/err"; exit 1
fi
while IFS= read -r want; do
    case $want in
    '! '*) ! grep -qF -- "${want#! }" "$tmp/err" || { echo "FAIL $t: stderr has '${want#! }'; stderr was:"; cat "$tmp/err"; exit 1; } ;;
    *) grep -qF -- "$want" "$tmp/err" || { echo "FAIL $t: stderr lacks '$want'; stderr was:"; cat "$tmp/err"; exit 1; } ;;
    esac
done <"$tmp/s/expected-err"
[ "$rc" -eq "${want_rc:-0}" ] || { echo "FAIL $t: exit status $rc, expected ${want_rc:-0}; stderr was:"; cat "$tmp/err"; exit 1; }
exit 0
