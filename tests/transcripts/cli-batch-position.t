# Batch errors name their position: 'stdin:LINE:' before the command.
table: small.txt
status: 1
--- input
nn paris -k 1
nn tokyo -k 1
# a comment
sim king queenn
--- output
france	0.982502
--- stderr
embx: stdin:2: nn: 'tokyo' is not in the table
embx: stdin:4: sim: 'queenn' is not in the table (did you mean: queen?)
