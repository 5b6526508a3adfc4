# A header whose N or D disagrees with the rows, or is absurd, is refused
# with the line and the reason (and no giant allocation first).
status: 1
--- file only.txt
3 4
--- file n.txt
3 3
a 1 2 3
b 1 2 3
--- file n2.txt
1 3
a 1 2 3
b 1 2 3
--- file d.txt
2 4
a 1 2 3
b 1 2 3
--- file bigd.txt
2 999999999999
a 1 2 3
--- file bign.txt
1000000000000 3
a 1 2 3
--- file over.txt
99999999999999999999999 3
a 1 2 3
--- file zero.txt
2 0
a
--- input
load only.txt
load n.txt
load n2.txt
load d.txt
load bigd.txt
load bign.txt
load over.txt
load zero.txt
--- output
--- stderr
only.txt:1: only a header, no rows follow
n.txt:1: header says 3 rows, but the file has 2
n2.txt:1: header says 1 rows, but the file has 2
d.txt:2: too few values (3, expected 4)
bigd.txt:1: header says 999999999999 values per row, but only 8 bytes follow
bign.txt:1: header says 1000000000000 rows, but only 8 bytes follow
over.txt:1: header row count is too large
zero.txt:1: header says dimension 0
