#!/bin/sh
# The viewer redraws at the new size when the terminal is resized, and shows
# a message instead of a broken screen below the minimum size.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
tui_open_plot
# status line on the last of 30 rows, frame 100 columns wide
[ "$(wc -l <"$T/screen")" -eq 30 ] || fail "pane is not 30 rows"
tail -n 1 "$T/screen" | grep -q '? keys' || fail "status line not on row 30"
tm resize-window -t embx -x 70 -y 20 || fail "tmux resize-window failed"
# wait until the status line is on row 20 of the smaller pane
i=0
while :; do
    tui_screen >"$T/screen"
    [ "$(wc -l <"$T/screen")" -eq 20 ] && tail -n 1 "$T/screen" | grep -q '? keys' && break
    i=$((i + 1))
    [ "$i" -lt 200 ] || fail "no redraw at 70x20:
$(cat "$T/screen")"
    sleep 0.1
done
# the top frame line spans the new width exactly
top=$(head -n 1 "$T/screen" | sed 's/ *$//')
w=$(printf '%s' "$top" | wc -m)
[ "$w" -eq 70 ] || fail "top frame line is $w wide at 70 columns: '$top'"
tm resize-window -t embx -x 30 -y 8 || fail "tmux resize-window failed"
tui_expect 'terminal too small' "a message below the minimum size"
tm resize-window -t embx -x 100 -y 30
tui_wait_gone 'terminal too small' || fail "no redraw after growing again"
tui_expect '? keys' "the viewer is back at full size"
tui_keys q
tui_expect 'embx>' "q returns to the prompt"
pass
