# `embx train-pairs FILE` from the shell without -o would lose the table:
# it is refused, saying where to give it.
args: train-pairs r.csv
status: 1
--- file r.csv
1,10,5
2,20,3
--- input
--- output
--- stderr
embx: train-pairs: missing -o OUT
