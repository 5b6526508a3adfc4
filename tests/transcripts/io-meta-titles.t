# A file with one line per row whose first column is not the words describes
# the rows in order; its text values name their rows: nn "The King" works,
# a near miss suggests the title and its row, a value of several rows says so.
table: small.txt
args: --meta data/small-titles.tsv
status: 1
--- input
nn "The King" -k 1
nn Paris -k 1
nn "The Kin"
nn old
--- output
queen	0.932568	The Queen	old
france	0.982502	France	old
--- stderr
small-titles.tsv: its labels are not the table's words: line N describes row N
stdin:3: nn: 'The Kin' is not in the table (did you mean: "The King" (king)?)
stdin:4: nn: 'old' is a value of 4 rows' metadata, not the name of one row
