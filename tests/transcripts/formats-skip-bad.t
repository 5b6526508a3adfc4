# --skip-bad (on the command line or to load) loads the good rows and says
# how many were skipped and why; 3 of the 5 rows remain.
table: s.txt
args: --skip-bad
--- file s.txt
a 1 2 3
b 1 2
c 1 2 3
d 1 nan 3
e 4 5 6
--- input
vec e
nn a -k 9
load s.txt --skip-bad --no-cache
vec c
--- output
e	4	5	6
c	1.000000
e	0.974632
c	1	2	3
--- stderr
skipped 2 malformed rows (first: s.txt:2: too few values (2, expected 3))
-k 9 is more than the 2 rows that can be answers: using 2
