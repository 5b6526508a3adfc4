#!/bin/sh
# word2vec binary: a truncated file and a NaN are reported with the byte
# offset; --skip-bad keeps the good rows of the NaN file.
. "$SRCDIR/tests/lib.sh"
py=/usr/bin/python3; [ -x "$py" ] || skip "needs $py to write binary fixtures"
"$py" - "$T" <<'PY'
import struct, sys
d = sys.argv[1]
rows = [(b"alpha", (0.5, 0.0)), (b"beta", (1.5, -1.0)), (b"gamma", (2.5, -2.0))]
def out(name, rows, cut=0):
    b = b"3 2\n" + b"".join(w + b" " + struct.pack("<2f", *v) + b"\n" for w, v in rows)
    open(d + "/" + name, "wb").write(b[:len(b) - cut] if cut else b)
out("t.bin", rows, 5)
out("n.bin", [(b"alpha", (0.5, float("nan")))] + rows[1:])
PY
embx_run --no-cache "$T/t.bin" -c info
expect_failed
expect_err "$T/t.bin:byte 39: truncated: row 3 needs 8 bytes of vector, 4 left"
embx_run --no-cache "$T/n.bin" -c info
expect_failed
expect_err "$T/n.bin:byte 4: row 1: value 2 is NaN"
embx_run --no-cache --skip-bad "$T/n.bin" -c 'vec gamma'
expect_ok
expect_out "gamma	2.5	-2"
expect_err "skipped 1 malformed row (first: $T/n.bin:byte 4: row 1: value 2 is NaN)"
pass
