#!/bin/sh
# Benchmark files with malformed lines: each is reported as FILE:LINE and
# skipped, the rest is evaluated.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
cat >"$T/q.txt" <<'Q'
: capital-world
man king woman queen
france paris
man king woman queen extra
: gram-plural
MAN KING WOMAN QUEEN
man king nosuchword queen
Q
embx_run --no-cache "$tbl" -c "eval analogy $T/q.txt"
expect_ok
expect_err "$T/q.txt:3: expected 4 words, got 2 (skipped)"
expect_err "$T/q.txt:4: expected 4 words, got 5 (skipped)"
expect_err "1 of 3 questions (33.3%) skipped: a word is not among the first 8 rows"
expect_out "capital-world	1	1	1.000000"
expect_out "gram-plural	1	1	1.000000"
expect_out "total	2	2	1.000000"
# case-sensitive: MAN KING ... is unknown
embx_run --no-cache "$tbl" -c "eval analogy $T/q.txt --case-sensitive"
expect_ok
expect_out "gram-plural	0	0	n/a"
expect_err "2 of 3 questions (66.7%) skipped"
printf '# comment\nking\tqueen\t9\nman\twoman\t8.5\nking\tparis\t1\nparis france 7\nbroken line\nman\tqueen\tlots\n' >"$T/p.txt"
embx_run --no-cache "$tbl" -c "eval sim $T/p.txt"
expect_ok
expect_err "$T/p.txt:6: expected WORD1 WORD2 SCORE, got 2 fields (skipped)"
expect_err "$T/p.txt:7: score 'lots' is not a number (skipped)"
expect_out "pairs	4"
pass
