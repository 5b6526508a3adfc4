# nn --where COL=VAL searches only the matching rows; != and, on numeric
# columns, <, >, <=, >=; several --where are ANDed. Bad conditions say why.
# With --fast or --approx the chosen rows are searched exactly, with a note.
table: small.txt
args: --meta data/small-meta.tsv
status: 1
--- input
nn king --where kind=royal
nn king --where "freq>20" -k 2
nn king --where kind!=royal --where "freq<60" -k 3
nn king --where "freq>=90"
nn king --where nope=1
nn king --where "kind>3"
nn king --where "freq>1000"
nn king --where kind=royal --fast
--- output
queen	0.932568	royal	8
man	0.677600	person	100
woman	0.638827	person	90
1990	0.732709	year	5
france	-0.085969	place	40
paris	-0.211765	place	50
man	0.677600	person	100
woman	0.638827	person	90
queen	0.932568	royal	8
--- stderr
stdin:5: nn: --where nope=1: no column 'nope' (the columns: kind, freq)
stdin:6: nn: --where kind>3: < and > need a numeric column, and this one holds text
stdin:7: nn: --where freq>1000: no row of the table matches
embx: --fast: --dot, --min-count and --where search their chosen rows exactly
