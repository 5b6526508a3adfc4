#!/bin/sh
# nn on a recommender table shows each neighbour's metadata from the sidecar
# that load picks up: title, genre, count, kind.
. "$SRCDIR/tests/lib.sh"
[ -f "$SRCDIR/data/movies.vec" ] || skip "data/movies.vec is not there"
embx_run -q --no-cache "$SRCDIR/data/movies.vec" -c 'nn item:1 -k 5 --restrict 400'
expect_ok
[ "$(wc -l < "$T/out")" -eq 5 ] || fail "expected 5 neighbours"
awk -F'\t' 'NF != 6 || $3 == "" || $4 == "" || $5 !~ /^[0-9]+$/ || $6 != "item" { bad = 1 } END { exit bad }' "$T/out" \
    || fail "neighbours lack a title or genre: $(cat "$T/out")"
pass
