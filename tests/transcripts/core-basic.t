# vec prints the stored float32 values with enough digits to re-read them
# exactly, tab-separated when piped; quoted tokens reach words that look like options.
table: small.txt
--- input
vec queen
vec "-lrb-"
vec 1990
set k 3
--- output
queen	0.5	0.75	-0.125	1
-lrb-	0.300000012	-0.200000003	0.100000001	0
1990	0.100000001	0.200000003	0.300000012	0.400000006
