# Benchmark files with malformed lines: each is reported as FILE:LINE and
# skipped, the rest is evaluated (case-insensitively unless asked).
table: small.txt
--- file q.txt
: capital-world
man king woman queen
france paris
man king woman queen extra
: gram-plural
MAN KING WOMAN QUEEN
man king nosuchword queen
--- file p.txt
# comment
king	queen	9
man	woman	8.5
king	paris	1
paris france 7
broken line
man	queen	lots
--- input
eval analogy q.txt
eval analogy q.txt --case-sensitive
eval sim p.txt
--- output
capital-world	1	1	1.000000
gram-plural	1	1	1.000000
semantic	1	1	1.000000
syntactic	1	1	1.000000
total	2	2	1.000000
capital-world	1	1	1.000000
gram-plural	0	0	n/a
semantic	1	1	1.000000
syntactic	0	0	n/a
total	1	1	1.000000
spearman	0.400000
pearson	0.956511
pairs	4
oov_pairs	0
oov_ratio	0.000000
--- stderr
q.txt:3: expected 4 words, got 2 (skipped)
q.txt:4: expected 4 words, got 5 (skipped)
1 of 3 questions (33.3%) skipped: a word is not among the first 8 rows
2 of 3 questions (66.7%) skipped
p.txt:6: expected WORD1 WORD2 SCORE, got 2 fields (skipped)
p.txt:7: score 'lots' is not a number (skipped)
