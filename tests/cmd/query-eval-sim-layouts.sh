#!/bin/sh
# eval sim reads the usual layouts of the same pairs: tab-separated with '#'
# comments, WordSim-353's combined.csv (header, commas) and SimLex-999's own
# file (header, POS column before the score); all give the same numbers.
. "$SRCDIR/tests/lib.sh"
tbl="$SRCDIR/tests/data/small.txt"
printf '# comment\nking\tqueen\t9.1\nman\twoman\t8.5\nking\tparis\t1.2\nqueen\tfrance\t0.5\n' >"$T/tab.txt"
printf 'Word 1,Word 2,Human (mean)\nking,queen,9.1\nman,woman,8.5\nking,paris,1.2\nqueen,france,0.5\n' >"$T/ws.csv"
printf 'word1\tword2\tPOS\tSimLex999\tconc(w1)\nking\tqueen\tN\t9.1\t4.5\nman\twoman\tN\t8.5\t4.9\nking\tparis\tN\t1.2\t4.2\nqueen\tfrance\tN\t0.5\t4.0\n' >"$T/simlex.txt"
embx_run --no-cache "$tbl" -c "eval sim $T/tab.txt"
expect_ok
expect_out "pairs	4"
cp "$T/out" "$T/expected"
for f in ws.csv simlex.txt; do
    embx_run --no-cache "$tbl" -c "eval sim $T/$f"
    expect_ok
    expect_file_eq "$T/expected" "$T/out"
    grep -q "skipped" "$T/err" && fail "$f: a header or line was reported as malformed: $(cat "$T/err")"
done
pass
