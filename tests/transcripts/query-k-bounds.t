# -k 0, negative or not a number is refused naming the value; more than the
# rows that can be answers is clamped with a note, in every command (compare
# reads -k the same way: clamped with a note, 0 refused in the same words).
table: small.txt
status: 1
--- input
nn king -k 0
nn king -k -3
nn king -k ten
analogy man king woman -k 0
nn king -k 1000
analogy man king woman -k 50
nn king -k 3 --restrict 0
compare data/small.txt -k 5000 --top 1
compare data/small.txt -k 0
--- output
queen	0.932568
1990	0.732709
man	0.677600
woman	0.638827
-lrb-	0.202920
france	-0.085969
paris	-0.211765
queen	0.983227
1990	0.646617
france	0.095827
paris	0.009541
-lrb-	-0.135837
shared words	8
only in the current table	0
only in the second table	0
words compared	8
mean aligned cosine	1.000000
median aligned cosine	1.000000
mean neighbour overlap (k=7)	1.000000
most-moved-cosine	king	1.000000	1.000000
least-moved-cosine	-lrb-	1.000000	1.000000
most-moved-overlap	king	1.000000	1.000000
least-moved-overlap	-lrb-	1.000000	1.000000
--- stderr
embx: stdin:1: nn: -k must be a whole number of at least 1, not '0'
embx: stdin:2: nn: -k must be a whole number of at least 1, not '-3'
embx: stdin:3: nn: -k must be a whole number of at least 1, not 'ten'
embx: stdin:4: analogy: -k must be a whole number of at least 1
-k 1000 is more than the 7 rows that can be answers: using 7
embx: stdin:7: nn: --restrict
-k 5000 is more than the 1000 neighbours the overlap keeps per word: using 1000
embx: stdin:9: compare: -k must be a whole number of at least 1, not '0'
