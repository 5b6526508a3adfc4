# compare with a missing or unreadable second table fails, names the file,
# and leaves the loaded table in place (and no second table).
gen: mktable a.txt 50 8 1
table: a.txt
status: 1
--- file bad.txt
w1 1 2 3
w2 1 x 3
--- input
compare missing.txt
compare --no-cache bad.txt
vec w1
both w1
--- output
w1	0.186800003	0.327089995	1.01665998	0.423700005	0.754599988	-0.129889995	1.25074005	-0.433919996
--- stderr
embx: stdin:1: compare: missing.txt: no such file
embx: stdin:2: compare: bad.txt:2:
embx: stdin:4: both: no second table
