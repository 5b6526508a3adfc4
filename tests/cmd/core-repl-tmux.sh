#!/bin/sh
# The interactive REPL in a real terminal (tmux): Tab completes a vocabulary
# word, Ctrl-C abandons the typed line, history persists across sessions,
# Ctrl-D quits.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
cp "$SRCDIR/tests/data/small.txt" "$T/t.txt"
tui_start 100 30
tui_keys "vec qu" Tab
tui_expect "vec queen" "Tab did not complete 'qu'"
tui_keys Enter
tui_expect "queen 0.5 0.75 -0.125 1" "vec after completion"
tui_type "vec this is abandoned"
tui_keys C-c
tui_type "vec man"
tui_keys Enter
tui_expect "man 0.25 0.125 0.5 0.5" "vec after Ctrl-C"
tui_screen | grep -q "abandoned.*not in the table" && fail "Ctrl-C did not abandon the line"
tui_keys C-d
i=0
while [ $i -lt 100 ] && ! grep -q "vec man" "$XDG_STATE_HOME/embx/history" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
grep -q "vec queen" "$XDG_STATE_HOME/embx/history" || fail "history was not saved"
tm kill-server 2>/dev/null
# a new session sees the history: Up recalls the last command. A fresh socket:
# a client that reaches the old server while it shuts down fails to start.
TMUX_SOCK="$TMUX_SOCK-2"
tui_start 100 30
tui_keys Up
tui_expect "embx> vec man" "history in a new session"
pass
