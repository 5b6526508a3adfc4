# An empty or question-less benchmark file, or a missing one, is an error
# that says so.
table: small.txt
status: 1
--- file empty.txt
--- file nosq.txt
: only-sections
: another
--- file one.txt
king	queen	3
--- input
eval analogy empty.txt
eval sim empty.txt
eval analogy nosq.txt
eval sim one.txt
eval analogy missing.txt
eval nonsense one.txt
--- output
--- stderr
embx: stdin:1: eval: 'empty.txt' is empty
embx: stdin:2: eval: 'empty.txt' is empty
has no questions
only 1 usable pair
cannot open 'missing.txt'
unknown benchmark 'nonsense' (analogy, sim, cat, outlier or suite)
