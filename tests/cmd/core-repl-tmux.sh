#!/bin/sh
# The interactive REPL in a real terminal (tmux): Tab completes a vocabulary
# word, Ctrl-C abandons the typed line, history persists across sessions,
# Ctrl-D quits.
. "$SRCDIR/tests/lib.sh"
tmux=${TMUX_BIN:-$(command -v tmux || true)}
[ -n "$tmux" ] || skip "tmux is not installed (apt-get install tmux)"
sock="embx-core-$$"
unset TMUX TMUX_PANE
tm() { "$tmux" -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
screen() { tm capture-pane -p -t repl 2>/dev/null; }
# wait_for TEXT: polls the screen for up to 10 s
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    fail "screen never showed '$1'; screen was: $(screen)"
}
start() {
    tm new-session -d -s repl -x 100 -y 30 \
        "env XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' HOME='$HOME' '$EMBX' --no-cache '$SRCDIR/tests/data/small.txt'; sleep 30"
    wait_for "embx>"
}
start
tm send-keys -t repl "vec qu" Tab
wait_for "vec queen"
tm send-keys -t repl Enter
wait_for "queen 0.5 0.75 -0.125 1"
tm send-keys -t repl "vec this is abandoned" C-c
sleep 0.3
tm send-keys -t repl "vec man" Enter
wait_for "man 0.25 0.125 0.5 0.5"
screen | grep -q "this is abandoned.*not in the table" && fail "Ctrl-C did not abandon the line"
tm send-keys -t repl C-d
i=0
while [ $i -lt 50 ] && ! grep -q "vec man" "$XDG_STATE_HOME/embx/history" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
grep -q "vec queen" "$XDG_STATE_HOME/embx/history" || fail "history was not saved"
tm kill-server 2>/dev/null
# a new session sees the history: Up recalls the last command
start
tm send-keys -t repl Up
wait_for "embx> vec man"
pass
