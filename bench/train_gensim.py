"""Trains gensim Word2Vec with the settings of bench/train and writes word2vec text.
usage: train_gensim.py CORPUS OUT.vec THREADS  (prints 'seconds N' = vocabulary + training time)"""
import sys
import time
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

corpus, out, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.time()
model = Word2Vec(LineSentence(corpus), sg=1, vector_size=100, window=5, negative=5, hs=0,
                 sample=1e-4, min_count=5, epochs=5, alpha=0.05, workers=threads, seed=1)
print("seconds %.3f" % (time.time() - t0))
model.wv.save_word2vec_format(out)
