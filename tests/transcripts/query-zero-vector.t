# Zero vectors never appear in results and never produce NaN; asking about
# one says why it cannot be answered (sim too: it once printed 0 with a note).
table: t.txt
status: 1
--- file t.txt
a 1 0 0
z 0 0 0
b 0.9 0.1 0
c 0 1 0
d 0.5 0.5 0.1
--- input
nn a -k 10
analogy a b c -k 10
analogy a b c --mul -k 10
odd a b c
nn z
sim a z
--- output
b	0.993884
d	0.700140
c	0.000000
d	0.696273
d	0.886587
c	0.486553
a	0.873651
b	0.922038
--- stderr
embx: stdin:5: nn: 'z' is a zero vector
embx: stdin:6: sim: 'z' is a zero vector: it has no direction to compare with
