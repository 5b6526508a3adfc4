#!/bin/sh
# eval suite and eval FILE on generated sets with known answers: a table of
# four categories (words along one axis each) and an analogy quad on axes of
# its own. A perfect table gets purity 1, finds every planted outlier and
# answers the analogy; a scrambled copy (--vs) does worse, marked significant
# where the intervals part.
. "$SRCDIR/tests/lib.sh"
awk 'BEGIN {
    srand(7);
    for (i = 0; i < 24; i++) {
        c = i % 4; printf "c%dw%d", c, int(i / 4);
        for (d = 0; d < 12; d++) printf " %.4f", (d == c ? 1 : 0) + (d < 8 ? 0.05 * (rand() - 0.5) : 0);
        printf "\n";
    }
    print "man 0 0 0 0 0 0 0 0 1 0 0 0";
    print "woman 0 0 0 0 0 0 0 0 1 1 0 0";
    print "king 0 0 0 0 0 0 0 0 0 0 1 0";
    print "queen 0 0 0 0 0 0 0 0 0 1 1 0";
}' >"$T/good.txt" || fail "awk"
# the same words, the second half of the category words with their
# neighbour's vector (so half of each category sits in the next one)
awk 'NR <= 24 { w[NR] = $1; $1 = ""; v[NR] = $0; next } { rest[NR] = $0 }
     END { for (i = 1; i <= 24; i++) print w[i] v[i <= 12 ? i : 13 + (i - 12) % 12]; for (i = 25; i <= 28; i++) print rest[i] }' \
    "$T/good.txt" >"$T/bad.txt" || fail "awk"
mkdir "$T/sets"
awk 'BEGIN { print "# category<TAB>word"; for (i = 0; i < 24; i++) printf "cat%d\tc%dw%d\n", i % 4, i % 4, int(i / 4); print "cat3\tnosuchword" }' >"$T/sets/cats.tsv"
cat >"$T/sets/odd.txt" <<'OUT'
# outlier blocks
group zero
in c0w0 c0w1 c0w2 c0w3 c0w4
out c1w0 c2w1 c3w2 nosuchword
group two
in c2w0 c2w1 c2w2 c2w3 c2w4 c2w5
out c0w5 c1w5
OUT
printf ': family\nman woman king queen\nMAN WOMAN KING QUEEN\nman woman king nosuchword\n' >"$T/sets/quads.txt"
printf '# pairs\nc0w0\tc0w1\t9\nc0w0\tc1w0\t1\nman\twoman\t7\nking\tqueen\t6.5\nc2w0\tc3w0\t0.5\nnosuchword\tc0w0\t3\n' >"$T/sets/pairs.tsv"
printf 'just some notes\nnothing to score here\n' >"$T/sets/notes.md"
# SimLex-999's own layout: a header, POS third, the score fourth, more columns after
printf 'word1\tword2\tPOS\tSimLex999\tconc(w1)\tconc(w2)\nc0w0\tc0w2\tN\t8.5\t4.1\t4.2\nc1w0\tc2w0\tN\t0.5\t4.1\t4.2\nman\tking\tN\t3\t4.1\t4.2\n' >"$T/sets/simlex-raw.txt"
cp "$T/good.txt" "$T/sets/a-table.txt"     # an embedding table is no benchmark

# single files: the kind comes from the content
embx_run --no-cache "$T/good.txt" -c "eval $T/sets/cats.tsv"
expect_ok
expect_out "purity	1.000000"
expect_out "words	24"
expect_out "oov_words	1"
expect_out "clusters	4"
expect_err "average-linkage agglomerative on cosine distance"
embx_run --no-cache "$T/good.txt" -c "eval $T/sets/odd.txt"
expect_ok
expect_out "zero	5	3	1	1.000000	1.000000"
expect_out "two	6	2	0	1.000000	1.000000"
expect_out "total	-	5	1	1.000000	1.000000"
embx_run --no-cache "$T/good.txt" -c "eval outlier $T/sets/odd.txt"
expect_ok
expect_out "total	-	5	1	1.000000	1.000000"
embx_run --no-cache "$T/good.txt" -c "eval $T/sets/quads.txt"
expect_ok
expect_out "family	2	2	1.000000"
expect_no_out "semantic"
expect_err "1 of 3 questions (33.3%) skipped"
embx_run --no-cache "$T/good.txt" -c "eval $T/sets/notes.md"
expect_failed
expect_err "not a known benchmark layout"

# the suite: one row per measure, TSV when piped
embx_run --no-cache "$T/good.txt" -c "eval suite $T/sets"
expect_ok
head -n 1 "$T/out" | grep -qx 'set	kind	measure	n	oov	score	ci_low	ci_high' || fail "header: $(head -n 1 "$T/out")"
expect_out "cats	categorization	purity	24	1	1.000000	"
expect_out "odd	outlier	OPP	5	1	1.000000	"
expect_out "odd	outlier	accuracy	5	1	1.000000	"
expect_out "quads	analogy	3cosadd	2	1	1.000000	"
expect_out "quads	analogy	3cosmul	2	1	1.000000	"
expect_out "pairs	similarity	spearman	5	1	"
expect_out "pairs	similarity	pearson	5	1	"
expect_out "(table)	hubness	skew N10 (first 28 rows)	28	-	"
expect_err "notes.md skipped: not a known benchmark layout"
expect_err "a-table.txt skipped: not a known benchmark layout"
expect_out "simlex-raw	similarity	spearman	3	0	"
expect_err "Fisher's z"
[ "$(grep -c . "$T/out")" -eq 11 ] || fail "expected 10 rows and a header: $(cat "$T/out")"

# the scrambled table beside it: purity drops, significantly
embx_run --no-cache "$T/good.txt" -c "eval suite $T/sets --vs $T/bad.txt"
expect_ok
grep -q '^cats	categorization	purity	24	1	1.000000	[0-9.]*	[0-9.]*	24	1	0\.[0-5][0-9]*	.*	yes$' "$T/out" \
    || fail "purity row: $(grep purity "$T/out")"
# 3 of 5 outliers found instead of 5: too few to call the difference significant
grep -q '^odd	outlier	accuracy	5	1	1.000000	.*	0.600000	.*	-0.400000	no$' "$T/out" \
    || fail "accuracy row: $(grep accuracy "$T/out")"

# a directory argument is the suite; errors name the problem
embx_run --no-cache "$T/good.txt" -c "eval $T/sets --restrict 1"
expect_ok
expect_out "cats	categorization	-	0	-	n/a"
expect_err "nothing to cluster"
expect_out "quads	analogy	3cosadd	0	3	n/a	-	-"
expect_err "hubness skipped: hubness needs at least 12 nonzero rows"
embx_run --no-cache "$T/good.txt" -c "eval suite"
expect_failed
expect_err "give a DIR"
embx_run --no-cache "$T/good.txt" -c "eval $T/sets/cats.tsv --vs $T/bad.txt"
expect_failed
expect_err "--vs applies to 'eval suite' only"
mkdir "$T/empty"
embx_run --no-cache "$T/good.txt" -c "eval suite $T/empty"
expect_failed
expect_err "no benchmark file in"
pass
