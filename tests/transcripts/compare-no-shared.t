# Two tables without a common word: an error that says so.
gen: mktable a.txt 100 8 1
gen: mkrotated a.txt b.txt 3 --prefix x_
table: a.txt
status: 1
--- input
compare --no-cache b.txt
--- output
--- stderr
share no words
