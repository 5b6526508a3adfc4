# A missing, empty, blank or directory corpus, and one where --min-count
# keeps too few words, fail with a message that names the file and the
# reason, and write nothing.
status: 1
--- file empty.txt
--- file blank.txt
  
	
--- file tiny.txt
alpha beta gamma
alpha beta
--- file one.txt
alpha alpha alpha beta
--- file dir/x
--- input
train nope.txt -o v.vec
train empty.txt -o v.vec
train blank.txt -o v.vec
train dir -o v.vec
train tiny.txt -o v.vec --min-count 5
train one.txt -o v.vec --min-count 2
load v.vec
--- output
--- stderr
embx: stdin:1: train: cannot open corpus nope.txt: No such file
embx: stdin:2: train: corpus empty.txt is empty
embx: stdin:3: train: corpus blank.txt is empty
embx: stdin:4: train: corpus dir is a directory
embx: stdin:5: train: no word of tiny.txt occurs 5 times (the most frequent, 'alpha', occurs 2); lower --min-count
embx: stdin:6: train: only 1 of the 2 distinct words of one.txt
embx: stdin:7: load: v.vec: no such file
