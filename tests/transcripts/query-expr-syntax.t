# A malformed expression says which word is wrong and why; quoted operators
# and option-like words are words.
table: small.txt
status: 1
--- input
nn king - - man
nn king man
nn king + woman -
nn king - king
nn "-lrb-" -k 2
nn king - "-lrb-" -k 3
--- output
man	0.351500
king	0.202920
queen	0.758178
france	0.555066
paris	0.521061
--- stderr
embx: stdin:1: nn: syntax error at word 3 of 'king - - man': expected a word after '-', got '-'
syntax error at word 2 of 'king man': expected + or - between 'king' and 'man'
syntax error at word 4 of 'king + woman -': the expression ends with '-', a word must follow
is the zero vector (the words cancel out)
