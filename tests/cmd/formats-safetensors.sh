#!/bin/sh
# safetensors files (F32, F16, BF16, F64; written with NumPy by
# tests/oracle/write_safetensors.py) open with the same nn and sim as the same
# vectors in word2vec text (F16 and BF16 after rounding); --tensor picks one
# of several; a large F32 tensor is mapped; bad headers and offsets are
# refused by name.
. "$SRCDIR/tests/lib.sh"
need_py_module numpy
PY=$ORACLE_PY
cd "$T" || fail "cd"
PYTHONPATH="$SRCDIR/tests/oracle" "$PY" - <<'PYEOF' || fail "could not write the fixtures"
import numpy as np, struct, write_safetensors as ws
rng = np.random.default_rng(9)
a = rng.standard_normal((300, 16)).astype(np.float32)
from w2v_text import write as w2v
w2v(a, 'ref.txt')
w2v(a.astype(np.float16).astype(np.float32), 'ref16.txt')
w2v(ws.bf16_round(a), 'refbf16.txt')
ws.save('f32.safetensors', {'emb': ('F32', a), 'b': ('F32', a[:, 0])}, {'format': 'pt'})
ws.save('f64.safetensors', {'emb': ('F64', a)})
ws.save('f16.safetensors', {'emb': ('F16', a)})
ws.save('bf16.safetensors', {'emb': ('BF16', a)})
ws.save('unpadded.safetensors', {'emb': ('F32', a)}, pad=False)
ws.save('several.safetensors', {'enc.weight': ('F32', a), 'dec.weight': ('F16', a[:5, :3]), 'ids': ('I64', np.arange(4).reshape(1, 4))})
ws.save('big.safetensors', {'emb': ('F32', rng.standard_normal((5000, 64)).astype(np.float32))})
ws.save('bad-int.safetensors', {'emb': ('I32', np.arange(12, dtype=np.int32).reshape(3, 4))})
ws.save('bad-1d.safetensors', {'emb': ('F32', a[0])})
ws.save('bad-3d.safetensors', {'emb': ('F32', a.reshape(30, 10, 16))})
whole = open('f32.safetensors', 'rb').read()
open('bad-truncated.safetensors', 'wb').write(whole[:len(whole) - 100])
h = b'{"emb":{"dtype":"F32","shape":[300,16],"data_offsets":[0,100]}}'
open('bad-size.safetensors', 'wb').write(struct.pack('<Q', len(h)) + h + bytes(19200))
h = b'{"emb":{"dtype":"F32","shape":[300,16],"data_offsets":[0,19200]'
open('bad-json.safetensors', 'wb').write(struct.pack('<Q', len(h)) + h + bytes(19200))
open('bad-header-len.safetensors', 'wb').write(struct.pack('<Q', 50000) + b'{"emb":1}' + bytes(100))
PYEOF
ask() { "$EMBX" --no-cache "$@" -c 'nn -k 5 #7' -c 'sim #3 #250' -c 'nn -k 3 #0 + #1 - #2' 2>"$T/err" </dev/null; }
ask ref.txt >want && ask ref16.txt >want16 && ask refbf16.txt >wantbf16 || fail "reference: $(cat "$T/err")"
for f in f32 f64 unpadded; do
    ask $f.safetensors >got || fail "$f: $(cat "$T/err")"
    expect_file_eq want got
done
ask f16.safetensors >got || fail "f16: $(cat "$T/err")"
expect_file_eq want16 got
ask bf16.safetensors >got || fail "bf16: $(cat "$T/err")"
expect_file_eq wantbf16 got
ask several.safetensors --tensor enc.weight >got || fail "--tensor enc.weight: $(cat "$T/err")"
expect_file_eq want got
embx_run --no-cache several.safetensors
expect_failed
expect_err "several.safetensors: 3 2-D tensors, choose one with --tensor NAME: enc.weight (300 x 16 F32), dec.weight (5 x 3 F16), ids (1 x 4 I64)"
embx_run --no-cache -c 'tensors several.safetensors'
expect_ok
expect_out "dec.weight	5 x 3	F16"
embx_run --no-cache several.safetensors --tensor ids
expect_failed
expect_err "tensor 'ids' has dtype I64; embx reads F32, F16, BF16 and F64"
embx_run --no-cache big.safetensors -c info
expect_ok
expect_out "(matrix mapped from the file)"
embx_run --no-cache bad-int.safetensors;        expect_failed; expect_err "bad-int.safetensors: tensor 'emb' has dtype I32"
embx_run --no-cache bad-1d.safetensors;         expect_failed; expect_err "bad-1d.safetensors: no 2-D tensor in the file"
embx_run --no-cache bad-3d.safetensors;         expect_failed; expect_err "bad-3d.safetensors: no 2-D tensor in the file"
embx_run --no-cache bad-truncated.safetensors;  expect_failed; expect_err "past the"; expect_err "truncated?"
embx_run --no-cache bad-size.safetensors;       expect_failed; expect_err "tensor 'emb' of F32 needs 19200 bytes, its offsets give 100"
embx_run --no-cache bad-json.safetensors;       expect_failed; expect_err "bad-json.safetensors: safetensors header: JSON:"
embx_run --no-cache --format safetensors bad-header-len.safetensors; expect_failed; expect_err "header of 50000 bytes"
pass
