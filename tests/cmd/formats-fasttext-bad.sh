#!/bin/sh
# Damaged fastText models are refused with a message naming the file and the
# problem, without allocating what the file cannot hold: a truncated file,
# a file that is not a model (wrong magic), absurd counts in the dictionary
# and the matrix shape, an unknown version, a quantized model. The damage is
# patched into the committed tests/data/tiny-fasttext.bin, whose layout is:
# version at byte 4, dictionary size at 64, nwords at 68, pruneidx size at
# 84, the quantization flag at 220, the input matrix's rows at 221.
. "$SRCDIR/tests/lib.sh"
src="$SRCDIR/tests/data/tiny-fasttext.bin"
cd "$T" || fail "cd"
# patch FILE OFFSET OCTAL-BYTES: overwrite bytes in a copy of the fixture
patch() {
    cp "$src" "$1" && chmod u+w "$1" &&
        printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null || fail "patching $1"
}
refused() {  # FILE MESSAGE
    embx_run --no-cache "$1" -c info
    expect_failed
    expect_err "$1: $2"
}

embx_run --no-cache "$src" -c info
expect_ok
expect_out "fasttext-bin"

head -c 500 "$src" >short.bin
refused short.bin "truncated fastText model: the input matrix"
head -c 200 "$src" >shorter.bin
refused shorter.bin "truncated fastText model: a dictionary"
head -c 30 "$src" >header.bin
refused header.bin "truncated fastText model: the model's arguments"

printf '3 2\na 1 2\nb 3 4\nc 5 6\n' >text.vec
embx_run --no-cache text.vec --format fasttext-bin -c info
expect_failed
expect_err "text.vec: not a fastText model"

patch version.bin 4 '\015\000\000\000'
refused version.bin "fastText model version 13 is not supported"
patch size.bin 64 '\377\377\377\177'
refused size.bin "fastText dictionary of 2147483647 entries says it has 9 words and 0 labels"
patch size2.bin 64 '\377\377\377\177\377\377\377\177'
refused size2.bin "truncated fastText model, or a damaged count: the dictionary claims 2147483647 entries, more than the 770 bytes left hold"
patch prune.bin 84 '\377\377\377\377\377\377\377\017'
refused prune.bin "truncated fastText model, or a damaged count: the dictionary claims 1152921504606846975 pruned buckets, more than the 642 bytes left hold"
patch rows.bin 221 '\377\377\377\377\377\377\377\017'
refused rows.bin "truncated fastText model: the input matrix of 1152921504606846975 x 4 floats needs more than the 625 bytes left"
patch fewrows.bin 221 '\011\000\000\000'
refused fewrows.bin "fastText input matrix has 9 rows, fewer than its 9 words and 20 n-gram buckets"
patch quant.bin 220 '\001'
refused quant.bin "a quantized fastText model (.ftz)"

# a failed load leaves the open table in place
embx_run --no-cache "$src" -c 'load quant.bin' -c 'vec king'
expect_failed
expect_err "quant.bin: a quantized fastText model"
expect_out "king	"
pass
