"""Analogy accuracy (3CosAdd, top 1, question words excluded) of a word2vec
text table on a questions-words file, computed by gensim; prints one number.
Used by the train tests only while embx has no `eval analogy` command.
usage: train_analogy.py TABLE.vec QUESTIONS"""
import logging
import sys
import warnings

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
from gensim.models import KeyedVectors  # noqa: E402

kv = KeyedVectors.load_word2vec_format(sys.argv[1])
score, _ = kv.evaluate_word_analogies(sys.argv[2], restrict_vocab=len(kv.index_to_key), case_insensitive=False)
print("%.4f" % score)
