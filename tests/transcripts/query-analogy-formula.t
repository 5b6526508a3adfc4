# analogy prints the formula it computed above the answers in table output
# (the terminal form), and not when piped; --keep-inputs lets inputs answer.
table: small.txt
--- input
set output table
analogy man king woman -k 2
analogy man king woman -k 2 --mul
set output auto
analogy man king woman -k 1
analogy man king woman -k 8 --keep-inputs
--- output
king - man + woman
queen  0.983227
1990   0.646617
3CosMul: cos(x, king) * cos(x, woman) / cos(x, man)
queen  1.050563
1990   0.855115
queen	0.983227
queen	0.983227
king	0.878786
woman	0.709274
1990	0.646617
man	0.494248
france	0.095827
paris	0.009541
-lrb-	-0.135837
--- stderr
