# --meta FILE: the metadata columns follow each nn result (piped: extra TSV
# columns; a row the file does not describe has empty ones); on a terminal
# the columns are aligned under a header. A label the table lacks is a note.
table: small.txt
args: --meta data/small-meta.tsv
--- input
nn king -k 3
nn paris -k 2
set output table
nn king -k 2
--- output
queen	0.932568	royal	8
1990	0.732709	year	5
man	0.677600	person	100
france	0.982502	place	40
woman	0.222201	person	90
row       score  kind   freq
queen  0.932568  royal     8
1990   0.732709  year      5
--- stderr
small-meta.tsv: 1 label not in the table, ignored (first: 'nope' (line 9))
