#!/bin/sh
# "The format of an output file from its name" is one rule (the format
# registry) shared by save, train and train-pairs: the same name gives the
# same format whichever command writes it. Regression: train-pairs -o x.embx
# used to write word2vec text into x.embx.
. "$SRCDIR/tests/lib.sh"
MKI="$BUILDDIR/tests/gen/mkinteractions"
DEMOGEN="$BUILDDIR/demogen"
[ -x "$MKI" ] || skip "no generator $MKI"
[ -x "$DEMOGEN" ] || skip "no generator $DEMOGEN"
"$MKI" "$T/r.tsv" "$T/items.csv" --users 40 --items 30 --interactions 600 --seed 7 || fail "mkinteractions"
"$DEMOGEN" --tokens 3000 --seed 7 "$T/c.txt" "$T/q.txt" || fail "demogen"
# format NAME: the format embx reads back from the file, by content only
format_of() {
    "$EMBX" --no-cache "$1" -c info 2>/dev/null </dev/null | awk -F'\t' '$1 == "format" { print $2 }'
}
for spec in x.embx:embx x.bin:word2vec-bin x.vec:word2vec x.bin.gz:word2vec-bin x.vec.gz:word2vec x.tsv:word2vec; do
    name=${spec%%:*} want=${spec#*:}
    embx_run train-pairs "$T/r.tsv" -o "$T/p-$name" --dim 4 --epochs 2 --threads 1
    expect_ok
    embx_run train "$T/c.txt" -o "$T/t-$name" --dim 4 --epochs 1 --threads 1 --min-count 1
    expect_ok
    embx_run --no-cache "$T/t-$name" -c "save $T/s-$name"
    expect_ok
    for who in p t s; do
        got=$(format_of "$T/$who-$name")
        [ "$got" = "$want" ] || fail "$who wrote $name as '$got', expected $want"
    done
    case $name in
    *.gz) gzip -t "$T/p-$name" && gzip -t "$T/t-$name" || fail "$name is not gzip" ;;
    *.vec) [ "$(tail -c 2 "$T/t-$name" | head -c 1)" = " " ] || fail "train -o $name lacks fastText's trailing blank" ;;
    esac
done
# the table trained by train-pairs into .embx opens with its rows intact
embx_run --no-cache "$T/p-x.embx" -c info
expect_ok
expect_out "words	70"
# an unknown or read-only --format is refused with the registry's list
embx_run train "$T/c.txt" -o "$T/bad.out" --format nonsense --dim 4
expect_failed
expect_err "unknown format 'nonsense'"
expect_err "word2vec-bin"
embx_run --no-cache "$T/t-x.bin" -c "save $T/x.embx.gz"
expect_failed
expect_err "embx format cannot be gzip-compressed"
pass
