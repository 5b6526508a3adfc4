# cluster: K larger than the selection and K not a number are refused;
# missing words are listed and the rest is clustered.
gen: mktable a.txt 50 8 1
table: a.txt
status: 1
--- input
cluster 5 w1 w2 w3
cluster many --top 10
cluster 2 w1 w2 w3 nope
--- output
1	2	w3 w1
2	1	w2
--- stderr
embx: stdin:1: cluster: K = 5 is larger than the selection (3 words: 3 words); choose K <= 3
embx: stdin:2: cluster: K must be a whole number of clusters of at least 1 (got 'many')
embx: not in the table: nope
