# Malformed rows of a text file fail the load with FILE:LINE: what is wrong.
status: 1
--- file few.txt
a 1 2 3
b 1 2
--- file many.txt
a 1 2 3
b 1 2 3 4
--- file word.txt
a 1 2 3
b 1 x 3
--- file nan.txt
a 1 2 3

b 1 nan 3
--- file inf.txt
a 1 2 3
b -inf 1 3
--- file words.txt
hello world
foo bar
--- input
load few.txt
load many.txt
load word.txt
load nan.txt
load inf.txt
load words.txt
--- output
--- stderr
embx: stdin:1: load: few.txt:2: too few values (2, expected 3)
embx: stdin:2: load: many.txt:2: too many values (4, expected 3)
embx: stdin:3: load: word.txt:2: value 2 'x' is not a number
embx: stdin:4: load: nan.txt:3: value 2 'nan' is not a finite number
embx: stdin:5: load: inf.txt:2: value 1 '-inf' is not a finite number
embx: stdin:6: load: words.txt:1: no numeric values: not a vector file
