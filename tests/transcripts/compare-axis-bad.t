# axis refuses a zero direction, missing direction words (all listed) and
# a single word that is not an expression.
gen: mktable a.txt 50 8 1
table: a.txt
status: 1
--- input
axis w1 w1 w2
axis "w1 + foo - bar" w2
axis w1
axis w1 w2 --words nope
--- output
--- stderr
embx: stdin:1: axis: the direction "w1" - "w1" is the zero vector
embx: stdin:2: axis: not in the table: foo, bar
embx: stdin:3: axis: give two words A B
embx: stdin:4: axis: not in the table: nope
