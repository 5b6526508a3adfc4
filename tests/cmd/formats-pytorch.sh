#!/bin/sh
# PyTorch checkpoints written by torch.save (Debian's python3-torch): a
# state_dict (float32, float16, bfloat16, float64), a nested dict, a bare
# tensor, a Parameter and a transposed view open with the same nn and sim as
# the same vectors in word2vec text; a pickle that names any other global is
# refused by name and nothing runs; damaged files are refused by name.
. "$SRCDIR/tests/lib.sh"
need_py_module torch
PY=$ORACLE_PY
cd "$T" || fail "cd"
PYTHONPATH="$SRCDIR/tests/oracle" "$PY" - <<'PYEOF' || fail "torch could not write the fixtures"
import torch, zipfile, pickle, os
torch.manual_seed(3)
emb = torch.nn.Embedding(300, 16)
w = emb.weight.detach()
from w2v_text import write as w2v
w2v(w, 'ref.txt')
w2v(w.half().float(), 'ref16.txt')
w2v(w.bfloat16().float(), 'refbf16.txt')
w2v(w.t().contiguous()[:, :], 'reft.txt')
model = torch.nn.Sequential(emb, torch.nn.Linear(16, 4))
torch.save(model.state_dict(), 'sd.pt')
torch.save({'model': model.state_dict(), 'epoch': 3, 'lr': 0.1, 'name': 'x'}, 'nested.pth')
torch.save(w, 'bare.pt')
torch.save(emb.weight, 'param.pt')
torch.save({'w': w.half()}, 'f16.pt')
torch.save({'w': w.bfloat16()}, 'bf16.pt')
torch.save({'w': w.double()}, 'f64.pt')
torch.save({'wt': w.t()}, 'transposed.pt')
torch.save({'rows': w[100:], 'ids': torch.arange(8).reshape(2, 4)}, 'slice.pt')
torch.save(model.state_dict(), 'proto4.bin', pickle_protocol=4)
# a checkpoint whose pickle would run a command: must be refused, never run
class Evil:
    def __reduce__(self):
        return (os.system, ('touch pwned',))
z = zipfile.ZipFile('sd.pt')
names = z.namelist()
with zipfile.ZipFile('evil.pt', 'w') as o:
    for n in names:
        o.writestr(n, pickle.dumps({'w': Evil()}, protocol=2) if n.endswith('data.pkl') else z.read(n))
with zipfile.ZipFile('short-storage.pt', 'w') as o:
    for n in names:
        o.writestr(n, z.read(n)[:100] if n.endswith('/data/0') else z.read(n))
with zipfile.ZipFile('no-storage.pt', 'w') as o:
    for n in names:
        if not n.endswith('/data/0'): o.writestr(n, z.read(n))
whole = open('sd.pt', 'rb').read()
open('truncated.pt', 'wb').write(whole[:len(whole) // 2])
PYEOF
ask() { "$EMBX" --no-cache "$@" -c 'nn -k 5 #7' -c 'sim #3 #250' -c 'nn -k 3 #0 + #1 - #2' 2>"$T/err" </dev/null; }
ask ref.txt >want && ask ref16.txt >want16 && ask refbf16.txt >wantbf16 || fail "reference: $(cat "$T/err")"
for spec in "sd.pt --tensor 0.weight" "proto4.bin --tensor 0.weight" "nested.pth --tensor model.0.weight" \
            "bare.pt" "param.pt" "f64.pt"; do
    # shellcheck disable=SC2086
    ask $spec >got || fail "$spec: $(cat "$T/err")"
    expect_file_eq want got
done
ask f16.pt >got || fail "f16: $(cat "$T/err")"; expect_file_eq want16 got
ask bf16.pt >got || fail "bf16: $(cat "$T/err")"; expect_file_eq wantbf16 got
"$EMBX" --no-cache transposed.pt -c 'vec #3' >got 2>"$T/err" </dev/null || fail "transposed: $(cat "$T/err")"
"$EMBX" --no-cache reft.txt -c 'vec #3' >want 2>"$T/err" </dev/null || fail "reft.txt"
expect_file_eq want got
"$EMBX" --no-cache slice.pt --tensor rows -c 'vec #0' >got 2>"$T/err" </dev/null || fail "slice: $(cat "$T/err")"
"$EMBX" --no-cache ref.txt -c 'vec #100' | sed 's/^#100	/#0	/' >want
expect_file_eq want got
embx_run --no-cache -c 'tensors nested.pth'
expect_ok
expect_out "model.0.weight	300 x 16	float32"
expect_out "model.1.weight	4 x 16	float32"
embx_run --no-cache sd.pt
expect_failed
expect_err "sd.pt: 2 2-D tensors, choose one with --tensor NAME: 0.weight (300 x 16 float32), 1.weight (4 x 16 float32)"
embx_run --no-cache slice.pt --tensor ids
expect_failed
expect_err "tensor 'ids' holds int64"
embx_run --no-cache evil.pt
expect_failed
expect_err "evil.pt: the checkpoint's pickle uses posix.system, which embx does not allow"
[ ! -e pwned ] || fail "opening evil.pt ran its command"
embx_run --no-cache short-storage.pt --tensor 0.weight; expect_failed; expect_err "storage 0 holds 100 bytes"
embx_run --no-cache no-storage.pt --tensor 0.weight;    expect_failed; expect_err "storage member"; expect_err "is missing"
embx_run --no-cache --format pytorch truncated.pt;       expect_failed; expect_err "truncated.pt: "
pass
