# Batch mode: a failed command makes the exit status non-zero, the following
# commands still run, and the error names the command.
table: small.txt
status: 1
--- input
vec kingg
vec king
vec nope
vec man
--- output
king	0.5	0.25	-0.125	1
man	0.25	0.125	0.5	0.5
--- stderr
embx: stdin:1: vec: 'kingg' is not in the table (did you mean: king?)
