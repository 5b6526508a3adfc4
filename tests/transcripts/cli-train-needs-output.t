# `embx train CORPUS` from the shell without -o would train to the end and
# then lose the table: it is refused before reading the corpus.
args: train c.txt --dim 8 --epochs 1 --min-count 1
status: 1
--- file c.txt
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
the cat sat on the mat and the dog sat on the log
--- input
--- output
--- stderr
embx: train: give -o OUT
! words, 
