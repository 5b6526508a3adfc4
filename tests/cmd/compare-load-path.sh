#!/bin/sh
# compare FILE reads the second table the way load does: the same notes
# (duplicates, zero vectors, a damaged recommender sidecar) for the same file.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 40 6 1
mktable "$T/b.txt" 40 6 2
printf 'w3 0.1 0.2 0.3 0.4 0.5 0.6\nzero 0 0 0 0 0 0\n' >> "$T/b.txt"
printf 'not a sidecar\n' > "$T/b.txt.recsys.tsv"
embx_run --no-cache -c "load $T/b.txt"
expect_ok
grep -F "$T/b.txt" "$T/err" | grep -v 'embx: loaded ' > "$T/load-notes"
[ "$(wc -l < "$T/load-notes")" -ge 3 ] || fail "load gave too few notes: $(cat "$T/err")"
embx_run --no-cache "$T/a.txt" -c "compare --no-cache $T/b.txt"
expect_ok
grep -F "$T/b.txt" "$T/err" > "$T/compare-notes"
expect_file_eq "$T/load-notes" "$T/compare-notes"
expect_err "duplicate word"
expect_err "recommender sidecar"
pass
