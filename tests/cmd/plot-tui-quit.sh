#!/bin/sh
# q leaves the viewer and returns to the embx> prompt with the terminal
# restored and the table still loaded (info works), and the projection kept
# for save-plot.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/plot-tui.lib"
tui_open_plot
tui_keys q
tui_wait_gone '? keys' || fail "the viewer did not close:
$(cat "$T/screen")"
tui_expect 'embx>' "q returns to the prompt"
tui_type 'info'
tui_keys Enter
tui_expect '200' "info after the viewer shows the loaded table"
tui_type "save-plot $T/after.svg"
tui_keys Enter
# the note goes to stderr (a file here): poll for the SVG itself
i=0
until grep -q '</svg>' "$T/after.svg" 2>/dev/null; do
    i=$((i + 1))
    [ "$i" -lt 200 ] || fail "save-plot wrote no SVG; stderr: $(cat "$T/tui-err")"
    sleep 0.1
done
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$T/after.svg" || fail "save-plot's SVG is not valid XML"
fi
pass
