# eval sim reads the usual layouts of the same pairs: tab-separated with '#'
# comments, WordSim-353's combined.csv (header, commas) and SimLex-999's own
# file (header, POS column before the score); all give the same numbers.
table: small.txt
--- file tab.txt
# comment
king	queen	9.1
man	woman	8.5
king	paris	1.2
queen	france	0.5
--- file ws.csv
Word 1,Word 2,Human (mean)
king,queen,9.1
man,woman,8.5
king,paris,1.2
queen,france,0.5
--- file simlex.txt
word1	word2	POS	SimLex999	conc(w1)
king	queen	N	9.1	4.5
man	woman	N	8.5	4.9
king	paris	N	1.2	4.2
queen	france	N	0.5	4.0
--- input
eval sim tab.txt
eval sim ws.csv
eval sim simlex.txt
--- output
spearman	0.800000
pearson	0.959871
pairs	4
oov_pairs	0
oov_ratio	0.000000
spearman	0.800000
pearson	0.959871
pairs	4
oov_pairs	0
oov_ratio	0.000000
spearman	0.800000
pearson	0.959871
pairs	4
oov_pairs	0
oov_ratio	0.000000
--- stderr
! skipped
