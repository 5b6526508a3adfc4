#!/bin/sh
# q leaves the viewer and returns to the embx> prompt with the terminal
# restored and the table still loaded (info works), and the projection kept
# for save-plot.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
tui_table
tui_start 100 30
tui_plot
tui_keys q
tui_wait_gone '? keys' || fail "the viewer did not close:
$(cat "$T/screen")"
tui_expect 'embx>' "q returns to the prompt"
tui_type 'info'
tui_keys Enter
tui_expect '200' "info after the viewer shows the loaded table"
tui_type "save-plot $T/after.svg"
tui_keys Enter
tui_expect 'wrote' "save-plot writes the last projection"
[ -s "$T/after.svg" ] || fail "no SVG written"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$T/after.svg" || fail "save-plot's SVG is not valid XML"
fi
pass
