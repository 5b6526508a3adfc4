# In a session the trained table becomes the loaded table: -o is optional,
# and a note says it is not saved.
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
train c.txt --dim 16 --epochs 1 --min-count 1 --threads 1
sim cat cat
save t.vec
load t.vec
--- output
1.000000
--- stderr
not saved: use -o OUT or save FILE
loaded 8 words x 16 dimensions (word2vec) from t.vec
