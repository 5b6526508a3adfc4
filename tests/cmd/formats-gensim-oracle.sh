#!/bin/sh
# gensim reads the same vectors from the source text and from every file
# embx saves (bit-identical float32), and keeps the same row of a
# duplicated word.
. "$SRCDIR/tests/lib.sh"
need_gensim
mktable "$T/t.txt" 300 10 4
printf 'w5 9 9 9 9 9 9 9 9 9 9\n' >> "$T/t.txt"    # duplicate: the first row wins
for f in word2vec word2vec-bin fasttext; do
    embx_run --no-cache "$T/t.txt" -c "save $T/o.$f --format $f"; expect_ok
done
"$ORACLE_PY" - "$T" <<'PY' || fail "gensim disagrees"
import sys, numpy as np, logging
from gensim.models import KeyedVectors
d = sys.argv[1]
ref = KeyedVectors.load_word2vec_format(d + "/t.txt", no_header=True)
# gensim 4.2 with no_header leaves an empty slot for the dropped duplicate
keys = [k for k in ref.index_to_key if k is not None]
assert len(keys) == 300, len(keys)
want = np.stack([ref[k] for k in keys])
for name, binary in (("word2vec", False), ("word2vec-bin", True), ("fasttext", False)):
    kv = KeyedVectors.load_word2vec_format(d + "/o." + name, binary=binary)
    assert kv.index_to_key == keys, name
    assert np.array_equal(kv.vectors.view(np.uint32), want.view(np.uint32)), name
PY
embx_run --no-cache "$T/t.txt" -c 'vec w5'; expect_ok
"$ORACLE_PY" - "$T" "$(cat "$T/out")" <<'PY' || fail "duplicate row differs from gensim"
import sys, numpy as np
from gensim.models import KeyedVectors
ref = KeyedVectors.load_word2vec_format(sys.argv[1] + "/t.txt", no_header=True)
ours = np.array([float(x) for x in sys.argv[2].split()[1:]], dtype=np.float32)
assert np.array_equal(ours, ref["w5"]), (ours, ref["w5"])
PY
pass
