# A phrase typed without its quotes, when the table has it as one row:
# the error says to quote it (or names its underscore form).
table: phrases.txt
status: 1
--- input
nn new york -k 1
nn "new york" -k 1
nn los angeles - city
vec los angeles
nn big apple
nn york city
--- output
big_apple	0.997621
--- stderr
embx: stdin:1: nn: 'new york' is one row of the table: quote it, "new york" (unquoted, a blank separates words)
embx: stdin:3: nn: 'los angeles' is one row of the table: quote it, "los angeles" (unquoted, a blank separates words)
embx: stdin:4: vec: 'los angeles' is one row of the table: quote it, "los angeles" (usage: vec WORD)
embx: stdin:5: nn: the table has the phrase as one word, big_apple (its phrases are joined by _)
embx: stdin:6: nn: syntax error at word 2 of 'york city': expected + or - between 'york' and 'city'
