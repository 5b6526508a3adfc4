#!/bin/sh
# fastText .bin against fastText itself: a small model trained here by
# `fasttext skipgram` (and cbow, with n-grams of 3-6 characters), opened
# as .bin, gives `fasttext print-word-vectors` for vocabulary words and for
# unseen ones (misspellings, non-ASCII letters, a one-letter word) to 1e-5
# (within fastText's 5 printed digits); nn and sim on the .bin equal those
# on the .vec fastText writes beside it; a quantized model (.ftz) is refused.
. "$SRCDIR/tests/lib.sh"
FT=$(command -v fasttext) || skip "fasttext not installed (apt-get install fasttext)"
cd "$T" || fail "cd"
# a corpus with structure: two topics, each its own words, inflected
awk 'BEGIN {
    srand(7)
    split("king queen prince princess royal crown throne palace kingdom reign", a, " ")
    split("cat dog kitten puppy animal pet tail paw fur bark", b, " ")
    split("s ed ing", suf, " ")
    for (l = 0; l < 4000; l++) {
        t = (l % 2) ? 1 : 0; line = ""
        for (i = 0; i < 12; i++) {
            w = t ? a[int(rand() * 10) + 1] : b[int(rand() * 10) + 1]
            if (rand() < 0.2) w = w suf[int(rand() * 3) + 1]
            if (rand() < 0.05) w = "caf\303\251"
            line = line (i ? " " : "") w
        }
        print line
    }
}' >corpus.txt
words='king queen kitten palace café kingz quen kittens palacio caféé щенок x </s> royalty puppies'
for model in skipgram cbow; do
    "$FT" $model -input corpus.txt -output $model -dim 12 -bucket 5000 -minn 3 -maxn 6 -epoch 3 \
        -minCount 2 -thread 1 >/dev/null 2>&1 || fail "fasttext $model did not train"
    printf '%s\n' $words | "$FT" print-word-vectors $model.bin >want.txt || fail "print-word-vectors"
    cmds=$(for w in $words; do printf 'vec %s\n' "$w"; done)
    printf '%s\n' "$cmds" | "$EMBX" --no-cache $model.bin >got.txt 2>"$T/err" || fail "$model: $(cat "$T/err")"
    grep -qF "'kingz' is not in the vocabulary: its vector was built from its character n-grams" "$T/err" ||
        fail "$model: no note for kingz: $(cat "$T/err")"
    # fastText prints 5 significant digits: allow 1e-5, or that rounding
    awk 'NR == FNR { for (i = 2; i <= NF; i++) want[FNR, i] = $i; nw[FNR] = NF; next }
         { if (NF != nw[FNR]) { print "line " FNR ": " NF " fields, fastText has " nw[FNR]; bad = 1; next }
           for (i = 2; i <= NF; i++) {
               w = want[FNR, i]; d = $i - w; if (d < 0) d = -d
               m = w < 0 ? -w : w; tol = 1e-5
               if (m > 0) { r = 0.5 * 10 ^ (int(log(m) / log(10) + 100) - 100 - 4); if (r > tol) tol = r }
               if (d > tol) { print $1 " column " i - 1 ": embx " $i ", fastText " w; bad = 1 }
           } }
         END { exit bad }' want.txt got.txt >diff.txt || fail "$model: vectors differ from fastText's: $(head -5 diff.txt)"
    [ "$(wc -l <got.txt)" -eq "$(printf '%s\n' $words | wc -l)" ] || fail "$model: not every word got a vector"

    # nn and sim on the .bin equal those on the .vec (which holds 5 digits)
    ask() { "$EMBX" --no-cache "$1" -c 'nn -k 5 king' -c 'nn -k 5 kitten' -c 'nn -k 3 queen - king + dog' \
                -c 'sim king queen' -c 'sim cat palace' 2>"$T/err" </dev/null; }
    ask $model.bin >bin.txt || fail "$model.bin: $(cat "$T/err")"
    ask $model.vec >vec.txt || fail "$model.vec: $(cat "$T/err")"
    paste bin.txt vec.txt | awk -F'\t' '
        { n = NF == 2 ? 1 : 2; a = NF == 2 ? $1 : $2; b = NF == 2 ? $2 : $4
          if (NF == 4 && $1 != $3) { print "rank " NR ": " $1 " in .bin, " $3 " in .vec"; bad = 1 }
          d = a - b; if (d < 0) d = -d; if (d > 2e-4) { print "line " NR ": " a " vs " b; bad = 1 } }
        END { exit bad }' >diff.txt || fail "$model: .bin and .vec answers differ: $(head -5 diff.txt)"
done

# a quantized model: fastText quantizes supervised models only
awk '{ print "__label__" (NR % 2 ? "royal" : "animal") " " $0 }' corpus.txt >labelled.txt
# (and need at least 256 rows: the n-gram buckets provide them)
"$FT" supervised -input labelled.txt -output sup -dim 8 -epoch 1 -thread 1 -minn 2 -maxn 4 -bucket 300 \
        >/dev/null 2>&1 &&
    "$FT" quantize -output sup -input labelled.txt -dsub 2 >/dev/null 2>&1 ||
    fail "fasttext could not make a quantized model"
embx_run --no-cache sup.ftz -c info
expect_failed
expect_err "sup.ftz: a quantized fastText model (.ftz)"
# the supervised model itself opens: its words, not its labels
echo king | "$FT" print-word-vectors sup.bin | tr ' ' '\n' | sed -n 2p >want.txt
embx_run --no-cache sup.bin -c 'vec king'
expect_ok
[ "$(cut -f2 "$T/out" | awk '{ printf "%.4g", $1 }')" = "$(awk '{ printf "%.4g", $1 }' want.txt)" ] ||
    fail "supervised model: king is $(cat "$T/out"), fastText says $(cat want.txt)"
embx_run --no-cache sup.bin -c 'vec __label__royal'
expect_ok
expect_err "'__label__royal' is not in the vocabulary"
pass
