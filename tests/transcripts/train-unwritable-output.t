# An output path that cannot be written is found before training starts
# (the corpus is not read).
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
--- file adir/x
--- input
train c.txt -o no/such/dir/v.vec --threads 1
train c.txt -o adir --threads 1
--- output
--- stderr
embx: stdin:1: train: 
cannot write there
nothing was trained
! kept with
embx: stdin:2: train: 
is a directory
