# A load that fails (missing file, bad row, a directory) leaves the previous
# table in place.
table: small.txt
status: 1
--- file bad.txt
king 1 2 3 4
queen 1 2 x 4
--- file dir/x
--- input
load missing.txt
load bad.txt
load dir
vec paris
nn king -k 1
--- output
paris	-1	0.5	0.25	0.125
queen	0.932568
--- stderr
missing.txt: no such file
bad.txt:2:
dir: is a directory
