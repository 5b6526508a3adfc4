# cluster's columns are named on a terminal (set output table stands in for
# one) and not when piped, where the lines stay cluster<TAB>size<TAB>words.
table: small.txt
--- input
cluster 2
set output table
cluster 2
--- output
1	7	1990 woman man queen king france paris
2	1	-lrb-
cluster  size  central words
      1     7  1990 woman man queen king france paris
      2     1  -lrb-
