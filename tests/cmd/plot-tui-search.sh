#!/bin/sh
# In the viewer, `/` + a word (completed with Tab) moves the cursor to it and
# the status line names it; Enter then lists its nearest neighbours in a side
# panel.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
tui_open_plot
tui_keys /
tui_type 'eleph'
tui_keys Tab
# Tab completed the unique prefix in the prompt
tui_expect '/elephant' "Tab completes the word"
tui_keys Enter
tui_expect 'found elephant' "the search reports the jump"
# the status line (last row) names the word under the cursor
tail -n 1 "$T/screen" | grep -q 'elephant' || fail "status line lacks the word:
$(cat "$T/screen")"
tui_keys Enter
tui_expect 'neighbours of elephant' "Enter shows the neighbour panel"
# row 3 belongs to cluster 3 (rows 3, 7, 11, ...): its neighbours come from it
grep -qE 'w(7|11|15|19|23|27|31|35|39|43|47)\b' "$T/screen" || fail "no neighbour from its cluster:
$(cat "$T/screen")"
tui_expect 'in the plot' "the panel tells which neighbours are plotted"
# a word that is not in the plot says so
tui_keys Escape /
tui_type 'w150'
tui_keys Enter
tui_expect 'not in this plot' "a word outside the plot is reported"
tui_keys q
tui_expect 'embx>' "q returns to the prompt"
pass
