#!/bin/sh
# The viewer's neighbour panel marks torn neighbours: words near in the full
# space but far on the map. On a layout that lines the words up by row,
# elephant's (row 3) cluster-mates far down the line are marked '!' and the
# near ones are not; F highlights the least faithful points and says how
# many, F again clears.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
tui_table
awk '{ printf "%s\t%d\t0\n", $1, NR - 1 }' "$T/t.txt" > "$T/line.tsv"
tui_start 110 40
tui_type "load-proj $T/line.tsv"
tui_keys Enter
tui_expect '? keys' "the viewer did not open"
tui_keys /
tui_type 'elephant'
tui_keys Enter
tui_expect 'found elephant' "the search reports the jump"
tui_keys Enter
tui_expect 'neighbours of elephant' "Enter shows the neighbour panel"
tui_expect 'torn (more than 30 points closer on the map' "the message counts torn neighbours"
tui_expect '! torn: far on the map' "the panel explains the mark"
# rows 3, 7, 11, ... form elephant's cluster: w7 is 4 steps away on the
# line (not torn), anything beyond row 40 has more than 30 points closer
grep -qE '^.*\*  *[0-9.]+ w7\b' "$T/screen" || fail "w7 should be listed unmarked:
$(cat "$T/screen")"
grep -qE '\*! *[0-9.]+ w(4[3-9]|[5-9][0-9]|1[0-9][0-9])\b' "$T/screen" || fail "no far cluster-mate marked torn:
$(cat "$T/screen")"
grep -qE '\*! *[0-9.]+ w(7|11|15|19)\b' "$T/screen" && fail "a near neighbour is marked torn:
$(cat "$T/screen")"
tui_keys F
tui_expect 'least faithful: ' "F highlights the least faithful points"
tui_expect 'F clears' "F says how to clear"
tui_keys F
tui_expect 'least-faithful view off' "F again clears"
tui_keys q
tui_expect 'embx>' "q returns to the prompt"
pass
