# A committed fastText model (tests/data/tiny-fasttext.bin: `fasttext skipgram
# -dim 4 -bucket 20 -minn 2 -maxn 3` on 8 words, 2 of them with non-ASCII
# letters) opens by its magic number. Vocabulary words get the mean of their
# row and their n-gram rows; unseen words (kings, щука) the mean of their
# n-gram rows, with a note, in every command that takes words (odd and rank
# too: gensim's doesnt_match on the model ranks kings, king, dog, queen by
# 0.999998, 0.999998, 0.999967, 0.999936). `fasttext print-word-vectors`
# prints for them:
#   café  0.47164 1.0003 -0.15394 -0.079457
#   kings 0.48485 1.0135 -0.15043 -0.079784
#   щука  0.33759 0.70891 -0.10323 -0.056088
table: tiny-fasttext.bin
--- input
vec café
vec kings
vec щука
nn -k 3 kings
sim cafe café
analogy -k 2 man kings woman
odd kings king queen dog
rank kings king
analogy -k 2 man kings woman --fast
--- output
café	0.471638769	1.0003159	-0.153944552	-0.0794571638
kings	0.484846056	1.01352561	-0.150425151	-0.0797838643
щука	0.337590128	0.708908498	-0.103233077	-0.0560880639
king	1.000000
dog	0.999976
man	0.999975
0.999998
king	0.999956
queen	0.999954
queen	0.999936
dog	0.999967
kings	0.999998
king	0.999998
1
king	0.999956
queen	0.999954
--- stderr
loaded 9 words x 4 dimensions (fasttext-bin)
'kings' is not in the vocabulary: its vector was built from its character n-grams
'щука' is not in the vocabulary: its vector was built from its character n-grams
'cafe' is not in the vocabulary: its vector was built from its character n-grams
