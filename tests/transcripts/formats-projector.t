# The Embedding Projector's vectors.tsv opens by content with the labels of
# metadata.tsv beside it (one column, or a header row naming several):
# export-projector then opening vectors.tsv gives the same nn, sim and vec
# as the original table; without metadata.tsv rows go by index; a label
# count that differs is an error giving both counts.
table: small.txt
status: 1
--- file hdr/vectors.tsv
0.5	0.25	-0.125	1
0.5	0.75	-0.125	1
0.25	0.125	0.5	0.5
0.25	0.625	0.5	0.5
-1	0.5	0.25	0.125
-0.875	0.5	0.375	0.25
0.1	0.2	0.3	0.4
0.3	-0.2	0.1	0
--- file hdr/metadata.tsv
word	kind
king	x
queen	x
man	x
woman	x
paris	x
france	x
1990	x
-lrb-	x
--- file nometa/vectors.tsv
0.5	0.25	-0.125	1
0.5	0.75	-0.125	1
0.25	0.125	0.5	0.5
0.25	0.625	0.5	0.5
-1	0.5	0.25	0.125
-0.875	0.5	0.375	0.25
0.1	0.2	0.3	0.4
0.3	-0.2	0.1	0
--- file short/vectors.tsv
0.5	0.25	-0.125	1
0.5	0.75	-0.125	1
0.25	0.125	0.5	0.5
0.25	0.625	0.5	0.5
-1	0.5	0.25	0.125
-0.875	0.5	0.375	0.25
0.1	0.2	0.3	0.4
0.3	-0.2	0.1	0
--- file short/metadata.tsv
word	kind
king	x
queen	x
--- file bad-vectors.tsv
1	2	3
4	5
--- input
export-projector pj --top 8
nn -k 3 king
sim king queen
vec man
load pj/vectors.tsv
nn -k 3 king
sim king queen
vec man
load hdr/vectors.tsv
nn -k 3 king
sim king queen
vec man
load nometa/vectors.tsv
vec #2
load short/vectors.tsv
load bad-vectors.tsv
--- output
queen	0.932568
1990	0.732709
man	0.677600
0.932568
man	0.25	0.125	0.5	0.5
queen	0.932568
1990	0.732709
man	0.677600
0.932568
man	0.25	0.125	0.5	0.5
queen	0.932568
1990	0.732709
man	0.677600
0.932568
man	0.25	0.125	0.5	0.5
#2	0.25	0.125	0.5	0.5
--- stderr
(projector) from pj/vectors.tsv
(projector) from hdr/vectors.tsv
short/metadata.tsv: 2 labels (after the header row) for a table of 8 rows
bad-vectors.tsv:2: 2 values, the first row has 3
