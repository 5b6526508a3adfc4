#!/bin/sh
# Recommender rows a person can find (issue 18): a title names its item
# (nn "TITLE"), a near miss suggests the title with its row, recommend of an
# unknown id names the row it looked for (user:ID), and nn --where kind=item
# lists only items for a user.
. "$SRCDIR/tests/lib.sh"
V="$SRCDIR/data/movies.vec"
[ -f "$V" ] || skip "data/movies.vec is not there"
row=$(grep -m1 '^item	' "$V.recsys.tsv" | cut -f2)
title=$(grep -m1 '^item	' "$V.recsys.tsv" | cut -f4)
[ -n "$title" ] || fail "the demo sidecar has no title for $row"
embx_run -q --no-cache "$V" -c "nn \"$title\" -k 5" -c "nn $row -k 5"
expect_ok
[ "$(sed -n 1,5p "$T/out")" = "$(sed -n 6,10p "$T/out")" ] || fail "nn by title differs from nn $row: $(cat "$T/out")"
near=$(printf '%s' "$title" | sed 's/.$/X/')
embx_run -q --no-cache "$V" -c "nn \"$near\""
expect_failed
expect_err "(did you mean: \"$title\" ($row)"
embx_run -q --no-cache "$V" -c 'recommend 99999'
expect_failed
expect_err "'user:99999' is not in the table"
embx_run -q --no-cache "$V" -c 'nn user:1 -k 50 --where kind=item'
expect_ok
[ "$(wc -l <"$T/out")" -eq 50 ] || fail "expected 50 items"
cut -f1 "$T/out" | grep -qv '^item:' && fail "a non-item among the answers: $(cut -f1 "$T/out" | grep -v '^item:' | head -3)"
pass
