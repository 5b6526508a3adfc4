# Limits agree: set k takes any k >= 1 like -k, and commands clamp it to the
# rows they can answer; bounds in messages are ones a person would type.
table: small.txt
--- input
set k 1000000
nn paris -k 100000000
compare nosuch.txt --restrict -1
--- output
france	0.982502
woman	0.222201
1990	0.198030
man	0.000000
queen	-0.020055
king	-0.211765
-lrb-	-0.869657
--- stderr
-k 100000000 is more than the 7 rows that can be answers: using 7
--restrict must be at least 0 (got -1)
