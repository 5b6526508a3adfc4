# Errors in -c commands name their position (-c:N: counts the commands of
# every -c, split at ';'), so a failure in a long script can be found.
table: small.txt
args: -c 'vec king; vec kingg' -c 'sim king tokyo'
status: 1
--- input
--- output
king	0.5	0.25	-0.125	1
--- stderr
embx: -c:2: vec: 'kingg' is not in the table (did you mean: king?)
embx: -c:3: sim: 'tokyo' is not in the table
