#!/bin/sh
# A gzip corpus trains like the plain text; --lowercase folds ASCII and
# Latin-1/Cyrillic capitals, so "The", "THE" and "the" are one word.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/train.lib"
demo_corpus 40000
gzip -c "$T/c.txt" >"$T/c.txt.gz"
embx_run train "$T/c.txt" -o "$T/plain.vec" --dim 10 --epochs 1 --threads 1
expect_ok
embx_run train "$T/c.txt.gz" -o "$T/gz.vec" --dim 10 --epochs 1 --threads 1
expect_ok
cmp -s "$T/plain.vec" "$T/gz.vec" || fail "the .gz corpus trained differently from the plain one"
i=0
: >"$T/u.txt"
while [ $i -lt 20 ]; do
    printf 'The THE the Élan élan ÉLAN Мир мир x%s\n' $i >>"$T/u.txt"
    i=$((i + 1))
done
embx_run train "$T/u.txt" -o "$T/u.vec" --dim 4 --epochs 1 --threads 1 --lowercase
expect_ok
words=$(sed 1d "$T/u.vec" | cut -d' ' -f1 | tr '\n' ' ')
[ "$words" = "the élan мир " ] || fail "lowercased vocabulary '$words', expected 'the élan мир '"
pass
