#!/bin/sh
# State lives in the session or the table: no file under src/ defines a
# mutable variable at file scope, except the few that signal handlers and
# readline callbacks must reach (listed below, with why). A new one fails
# this test with its file and line.
. "$SRCDIR/tests/lib.sh"
cd "$SRCDIR/src" || fail "no src/ under $SRCDIR"
# file:name pairs that may stay, each reached from a handler or callback:
#   progress_cancel_flag  set by the SIGINT handler
#   regions               the mappings the SIGBUS handler may repair
#   winch_flag            set by the SIGWINCH handler
#   rl_session            readline's completion callbacks take no user data
allowed="base/progress.c:progress_cancel_flag base/mapguard.c:regions cli/tui.c:winch_flag cli/repl.c:rl_session"
# File-scope declarations start in column 0 and end in ';' without a '('
# (which would make them prototypes). A declaration is immutable when a
# 'const' follows its last '*' (or, without '*', when it has one at all).
for f in */*.c; do
    grep -nE '^(static |extern )?(volatile )?[A-Za-z_][A-Za-z0-9_ ]*[ *]+[A-Za-z_][A-Za-z0-9_]*[][A-Za-z0-9_ +*]*( =.*)?;?[[:space:]]*(/\*.*)?$' "$f" |
        grep -vE '^[0-9]+:(typedef|return|struct [A-Za-z_]+ *\{|enum|union|else|goto|case)' |
        grep -v '(' | while IFS= read -r line; do
        decl=${line#*:}
        case $decl in *=*) ;; *"{"*) continue ;; esac     # struct and enum definitions
        name=$(printf '%s\n' "$decl" | sed -E 's/[[:space:]]*(=.*|;.*|\/\*.*)$//; s/(\[[^]]*\])+$//; s/.*[ *]//')
        bare=$(printf '%s\n' "$decl" | sed -E 's/=.*//; s/\[[^]]*\]//g')
        after_star=${bare##*\*}
        case $bare in
            *"*"*) case $after_star in *const*) continue ;; esac ;;
            *) case $bare in *const*) continue ;; esac ;;
        esac
        case " $allowed " in *" $f:$name "*) continue ;; esac
        echo "$f:${line%%:*}: '$name' is mutable file-level state (put it in the session, the table or a parameter)"
    done
done > "$T/found"
# a struct or union defined and declared at once: 'static struct [tag] {'
# opens it, and a closing '} name;' (without const) defines the variable
# (a plain definition closes with '};' and declares nothing)
for f in */*.c; do
    awk -v f="$f" -v allowed=" $allowed " '
        /^(static )?(struct|union)( [A-Za-z_][A-Za-z0-9_]*)? *\{/ { inside = 1; next }
        inside && /^\}/ { inside = 0
            if ($0 !~ /;/ || $0 ~ /const/) next
            name = $0; sub(/^\} */, "", name); sub(/[][ ;=].*/, "", name)
            if (name != "" && index(allowed, " " f ":" name " ") == 0) printf "%s:%d: %s is mutable file-level state (put it in the session, the table or a parameter)\n", f, NR, "'"'"'" name "'"'"'" }
    ' "$f"
done >> "$T/found"
[ -s "$T/found" ] && { cat "$T/found" >&2; fail "mutable file-level variables (see above)"; }
# the scan sees declarations at all: the allowed ones are found
for a in $allowed; do
    grep -qE "^(static |\} )?(volatile )?[a-z_ ]*\b${a#*:}\b" "${a%%:*}" || fail "allowed variable ${a#*:} is no longer in ${a%%:*}: update this test"
done
pass
