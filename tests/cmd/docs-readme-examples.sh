#!/bin/sh
# Every README example marked <!-- example: ... --> is the output of its
# command on the demo table, so it cannot go stale. The fenced block after
# the marker is compared with a fresh run; EMBX_REGEN_DOCS=1 rewrites it.
#   <!-- example: repl: CMD; CMD -->   a session: "$ ./embx", then each
#                                      "embx> CMD" and its output as on a
#                                      terminal (aligned columns)
#   <!-- example: shell: ARGS -->      "$ ./embx ARGS" and what it prints
#                                      on stdout when piped
# Runs are made deterministic: one thread, no cache, notes (timings) dropped;
# commands run in a scratch folder where data/ and tests/ are the source
# tree's (so data/... paths work, and a file an example writes, such as a
# trained table, stays for the examples after it), on data/demo.vec.
. "$SRCDIR/tests/lib.sh"
# The README shows what the optimized build prints; a sanitizer build trains
# (train-rows) with other floating-point code and differs in the 6th decimal.
asan_build && skip "README outputs are those of the optimized build; this one is instrumented"
export EMBX_DEMO="$SRCDIR/data/demo.vec"
readme="$SRCDIR/README.md"
new="$T/README.md"
mkdir -p "$T/run" && ln -s "$SRCDIR/data" "$T/run/data" && ln -s "$SRCDIR/tests" "$T/run/tests" || fail "no scratch folder"
: > "$new"
n=0
run_block() {   # $1 kind, $2 text
    case "$1" in
    repl)
        echo '$ ./embx'
        old_ifs=$IFS; IFS=';'
        set -f; set -- $2; set +f
        IFS=$old_ifs
        for c in "$@"; do
            c=$(printf '%s' "$c" | sed 's/^ *//; s/ *$//')
            printf 'embx> %s\n' "$c"
            (cd "$T/run" && "$EMBX" --no-cache -t 1 -q -c 'set output table' -c "$c" </dev/null 2>/dev/null) \
                || { echo "FAILED: $c" >&2; return 1; }
        done ;;
    shell)
        printf '$ ./embx %s\n' "$2"
        # a subcommand (train-rows ...) goes first and takes its own options
        case $2 in
        train*) opts= ;;
        *) opts='--no-cache -t 1 -q' ;;
        esac
        (cd "$T/run" && eval "\"\$EMBX\" $opts $2" </dev/null 2>/dev/null) \
            || { echo "FAILED: $2" >&2; return 1; } ;;
    *) echo "unknown example kind '$1'" >&2; return 1 ;;
    esac
}
skipping=0
while IFS= read -r line; do
    if [ "$skipping" = 1 ]; then
        [ "$line" = '```' ] || continue
        skipping=0
    fi
    printf '%s\n' "$line" >> "$new"
    case "$line" in
    '<!-- example: '*' -->')
        spec=${line#'<!-- example: '}; spec=${spec%' -->'}
        kind=${spec%%:*}; text=${spec#*: }
        IFS= read -r fence || fail "README ends after a marker"
        [ "$fence" = '```' ] || fail "an example marker must be followed by a \`\`\` block: $line"
        printf '%s\n' "$fence" >> "$new"
        run_block "$kind" "$text" >> "$new" || fail "example failed: $spec"
        skipping=1
        n=$((n + 1)) ;;
    esac
done < "$readme"
[ "$n" -ge 3 ] || fail "only $n example markers in README.md"
if ! diff -u "$readme" "$new" > "$T/diff"; then
    if [ "${EMBX_REGEN_DOCS:-0}" = 1 ]; then
        cp "$new" "$readme"
        echo "README.md: $n examples regenerated"
    else
        fail "README examples differ from what the commands print (EMBX_REGEN_DOCS=1 make check TESTS=tests/cmd/docs-readme-examples.sh rewrites them): $(head -c 3000 "$T/diff")"
    fi
fi
pass
