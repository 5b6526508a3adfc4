"""Scores word2vec text tables: analogy accuracy (questions-words, restrict 30000)
and Spearman correlation on word-similarity files; one line per table.
usage: train_eval.py QUESTIONS SIM1 SIM2 NAME=TABLE.vec ..."""
import logging
import sys
import warnings
from gensim.models import KeyedVectors

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
questions, sim1, sim2 = sys.argv[1:4]
for arg in sys.argv[4:]:
    name, path = arg.split("=", 1)
    kv = KeyedVectors.load_word2vec_format(path)
    acc, _ = kv.evaluate_word_analogies(questions, restrict_vocab=30000)
    s1 = kv.evaluate_word_pairs(sim1, delimiter="\t")[1][0]
    s2 = kv.evaluate_word_pairs(sim2, delimiter="\t")[1][0]
    print("%s\t%.4f\t%.4f\t%.4f\t%d" % (name, acc, s1, s2, len(kv.index_to_key)))
