#!/bin/sh
# .npy and .npz written by NumPy itself (float32/64/16, both byte orders, C
# and Fortran order, format versions 1-3, stored and deflated npz) open with
# the same nn and sim as the same vectors in word2vec text (float16 after
# rounding); a large float32 .npy is mapped; bad arrays are refused by name.
. "$SRCDIR/tests/lib.sh"
need_py_module numpy
PY=$ORACLE_PY
cd "$T" || fail "cd"
PYTHONPATH="$SRCDIR/tests/oracle" "$PY" - <<'PYEOF' || fail "numpy could not write the fixtures"
import numpy as np, zipfile
rng = np.random.default_rng(5)
a = rng.standard_normal((300, 16)).astype(np.float32)
from w2v_text import write as w2v
w2v(a, 'ref.txt')
w2v(a.astype(np.float16).astype(np.float32), 'ref16.txt')
np.save('f32.npy', a)
np.save('f32be.npy', a.astype('>f4'))
np.save('f64.npy', a.astype(np.float64))
np.save('f64be-fortran.npy', np.asfortranarray(a.astype('>f8')))
np.save('f32-fortran.npy', np.asfortranarray(a))
np.save('f16.npy', a.astype(np.float16))
np.save('f16be.npy', a.astype('>f2'))
for v in (1, 2, 3):
    with open('v%d.npy' % v, 'wb') as f:
        np.lib.format.write_array(f, a, version=(v, 0))
np.savez('stored.npz', emb=a, bias=a[:, 0])
np.savez_compressed('deflated.npz', emb=a, bias=a[:, 0])
np.savez('several.npz', emb=a, out=a[:7, :4], bias=a[:, 0])
big = rng.standard_normal((5000, 64)).astype(np.float32)
np.save('big.npy', big)
np.save('bad-1d.npy', a[0])
np.save('bad-3d.npy', a.reshape(30, 10, 16))
np.save('bad-int.npy', np.arange(12, dtype=np.int32).reshape(3, 4))
np.save('bad-complex.npy', a[:, :2].astype(np.complex64))
with open('f32.npy', 'rb') as f: whole = f.read()
with open('bad-truncated.npy', 'wb') as f: f.write(whole[:len(whole) // 2])
with zipfile.ZipFile('bad-bzip2.npz', 'w', zipfile.ZIP_BZIP2) as z:
    with z.open('emb.npy', 'w') as m: np.lib.format.write_array(m, a)
with open('deflated.npz', 'rb') as f: whole = f.read()
with open('bad-truncated.npz', 'wb') as f: f.write(whole[:len(whole) - 40])
PYEOF
ask() { "$EMBX" --no-cache "$@" -c 'nn -k 5 #7' -c 'sim #3 #250' -c 'nn -k 3 #0 + #1 - #2' 2>"$T/err" </dev/null; }
ask ref.txt >want || fail "reference: $(cat "$T/err")"
ask ref16.txt >want16 || fail "reference: $(cat "$T/err")"
for f in f32 f32be f64 f64be-fortran f32-fortran v1 v2 v3; do
    ask $f.npy >got || fail "$f.npy: $(cat "$T/err")"
    expect_file_eq want got
done
for f in f16 f16be; do
    ask $f.npy >got || fail "$f.npy: $(cat "$T/err")"
    expect_file_eq want16 got
done
for f in stored deflated; do
    ask $f.npz >got || fail "$f.npz: $(cat "$T/err")"
    expect_file_eq want got
done
ask several.npz --tensor emb >got || fail "several.npz --tensor emb: $(cat "$T/err")"
expect_file_eq want got
# several 2-D arrays and no --tensor: an error that lists them with shapes
embx_run --no-cache several.npz
expect_failed
expect_err "several.npz: 2 2-D tensors, choose one with --tensor NAME: emb (300 x 16 float32), out (7 x 4 float32)"
embx_run --no-cache several.npz --tensor nope
expect_failed
expect_err "no 2-D tensor named 'nope'"
embx_run --no-cache -c 'tensors several.npz'
expect_ok
expect_out "out	7 x 4	float32"
# a large float32 .npy is used from its mapping, not copied
embx_run --no-cache big.npy -c info
expect_ok
expect_out "(matrix mapped from the file)"
embx_run --no-cache big.npy --limit 10 -c info
expect_out "words	10"
# bad arrays: the file and the problem, never a crash
embx_run --no-cache bad-1d.npy;        expect_failed; expect_err "bad-1d.npy: the array has shape (16,), not 2-D"
embx_run --no-cache bad-3d.npy;        expect_failed; expect_err "bad-3d.npy: the array has shape (30, 10, 16), not 2-D"
embx_run --no-cache bad-int.npy;       expect_failed; expect_err "bad-int.npy: dtype '<i4' is not supported"
embx_run --no-cache bad-complex.npy;   expect_failed; expect_err "bad-complex.npy: dtype '<c8' is not supported"
embx_run --no-cache bad-truncated.npy; expect_failed; expect_err "only"; expect_err "truncated"
embx_run --no-cache bad-bzip2.npz;     expect_failed; expect_err "compressed with zip method 12"
embx_run --no-cache bad-truncated.npz; expect_failed; expect_err "bad-truncated.npz: "
pass
