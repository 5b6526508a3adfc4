#!/bin/sh
# The viewer's prompts edit like a shell line (issue 18): Ctrl-U clears the
# SVG prompt's pre-filled name, Ctrl-W deletes a word, Left inserts inside
# the text; `/` completes from the plotted words only; the `?` overlay is a
# box; the cursor's point keeps its mark (@) after Esc closes the panel.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
tui_table
tui_start 100 30
tui_plot
# the cursor starts on w0, marked
tui_expect '@w0' "the cursor's point is marked"
tui_keys Enter
tui_expect 'neighbours of w0' "Enter opens the panel"
tui_keys Escape
tui_wait_gone 'neighbours of w0' || fail "Esc did not close the panel"
grep -qF '@w0' "$T/screen" || fail "the cursor lost its mark after Esc:
$(cat "$T/screen")"

# w: the pre-filled name is cleared by Ctrl-U, not appended to
tui_keys w
tui_expect 'write SVG to: embx-plot.svg' "the SVG prompt"
tui_keys C-u
tui_type "$T/sub/x.svg"
tui_keys C-w
tui_expect "write SVG to: $T/sub/" "Ctrl-W deletes the last part of the path"
# Left moves into the text: the letters land before the cursor
tui_type 'mp.svg'
tui_keys Left Left Left Left BSpace
tui_type 'a'
tui_expect "write SVG to: $T/sub/ma.svg" "Left and Backspace edit inside the text"
# Ctrl-U deletes back to the start of the line (as in readline): from the end, all of it
tui_keys End C-u
tui_type "$T/plot.svg"
tui_keys Enter
tui_expect 'wrote ' "the edited name is used"
[ -s "$T/plot.svg" ] || fail "no SVG at the edited name: $(ls "$T"); $(cat "$T/screen")"
ls "$T" | grep -q 'embx-plot.svg' && fail "the pre-filled name was kept"

# /: only plotted words complete (w12 is plotted; w120..w129 are not)
tui_keys /
tui_type 'w12'
tui_keys Tab
tui_expect '1 match: w12' "Tab completes from the plotted words"
tui_keys C-u
tui_type 'w15'
tui_keys Tab
tui_expect '1 match: w15' "w150.. (in the table, not plotted) are not offered"
tui_keys Escape

# ?: a boxed list of the keys, the prompts' keys among them
tui_keys '?'
tui_expect 'in a prompt: delete back' "the overlay lists the prompt keys"
grep -q '┌─ keys ─' "$T/screen" || grep -q '+- keys -' "$T/screen" || fail "the overlay has no border:
$(cat "$T/screen")"
grep -q '└─*┘' "$T/screen" || fail "the overlay has no bottom edge:
$(cat "$T/screen")"
tui_keys q
tui_keys q
tui_expect 'embx>' "q returns to the prompt"
tm kill-server 2>/dev/null

# c (with colours): the prompt says what Enter does, and Enter takes it
TMUX_SOCK="$TMUX_SOCK-2"
tm new-session -d -s embx -x 100 -y 30 \
    "TERM=screen NO_COLOR= exec '$EMBX' --no-cache '$T/t.txt' 2>'$T/tui-err'" || fail "tmux new-session failed"
tui_expect 'embx>' "no prompt"
tui_plot
tui_keys c
tui_expect 'k-means clusters k (Enter accepts 6):' "the c prompt names its default"
tui_keys Enter
tui_expect 'coloured by k-means, k=6' "Enter accepts the default"
tui_keys q
tui_expect 'embx>' "q returns to the prompt"
pass
