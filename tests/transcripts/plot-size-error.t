# A bad --size names the option and says what would be right.
gen: mktable t.txt 50 4 1
table: t.txt
status: 1
--- input
plot pca --top 20 --size 10x3
plot pca --top 20 --size 80
plot pca --top 20 --size 80x24x2
plot pca --top 20 --size axb
--- output
--- stderr
embx: stdin:1: plot: --size '10x3'
embx: stdin:2: plot: --size '80'
embx: stdin:3: plot: --size '80x24x2'
embx: stdin:4: plot: --size 'axb'
WIDTHxHEIGHT
