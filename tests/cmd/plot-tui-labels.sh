#!/bin/sh
# The viewer opens on `plot pca --top 50` with the frame, the word labels next
# to their points, the title and the key help in the status line.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
tui_open_plot
tui_expect 'PCA' "the status line names the projection"
# several labels of the plotted words are visible (w0 is the most frequent)
n=$(grep -oE '(^|[^a-z0-9])(w[0-9]+|elephant)' "$T/screen" | wc -l)
[ "$n" -ge 10 ] || fail "only $n labels on the screen:
$(cat "$T/screen")"
grep -q 'labelled' "$T/screen" || fail "no '... labelled' footer:
$(cat "$T/screen")"
# L hides the labels, L again shows them
tui_keys L
tui_expect 'labels off' "L toggles labels"
tui_wait_gone 'elephant' 5 || true
n=$(grep -oE '(^|[^a-z0-9])w[0-9]+' "$T/screen" | wc -l)
# with labels off only the status line names the word under the cursor
[ "$n" -le 1 ] || fail "labels still drawn after L:
$(cat "$T/screen")"
tui_keys L
tui_expect 'labels on' "L toggles labels back"
tui_keys q
tui_expect 'embx>' "q returns to the prompt"
pass
