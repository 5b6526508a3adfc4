# The last D fields are the vector and everything before is the word, so
# tokens with spaces and non-breaking spaces (Common Crawl GloVe) load.
table: s.txt
--- file s.txt
a 1 2
. . . 3 4
new york 5 6
at the 7 8
1990 9 10
--- input
vec ". . ."
vec "at the"
vec 1990
vec "new york"
nn a -k 9
--- output
. . .	3	4
at the	7	8
1990	9	10
new york	5	6
. . .	0.983870
new york	0.973417
at the	0.967617
1990	0.963993
--- stderr
-k 9 is more than the 4 rows that can be answers: using 4
