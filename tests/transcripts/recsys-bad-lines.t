# Malformed interaction lines are refused with FILE:LINE and what is wrong;
# no table is written.
status: 1
--- file missing-item.csv
1,10,5
1,20,3
2
--- file missing-rating.tsv
1	10	5
1	20
--- file word.dat
user::item::rating
1::10::5
2::20::five
--- file inf.txt
1|10|4
2|20|inf
--- file empty-user.csv
1,10,5
,20,3
--- file huge.csv
1,10,4
1,11,3
2,10,1888888888888888888888888888888888888888888888888
2,11,5
--- input
train-pairs missing-item.csv -o x.vec
train-pairs missing-rating.tsv -o x.vec
train-pairs word.dat -o x.vec
train-pairs inf.txt -o x.vec
train-pairs empty-user.csv -o x.vec
train-pairs huge.csv -o x.vec --epochs 1 --dim 2
train-pairs does-not-exist.csv -o x.vec
load x.vec
--- output
--- stderr
missing-item.csv:3: missing item field
missing-rating.tsv:2: missing rating field
word.dat:3: rating 'five' is not a number
inf.txt:2: rating 'inf' is not a number
empty-user.csv:2: missing user field
huge.csv:3:
cannot open
embx: stdin:8: load: x.vec: no such file
