#!/bin/sh
# Rows come out most frequent first (ties in order of first appearance), and
# words below --min-count are dropped; the header is "N D".
. "$SRCDIR/tests/lib.sh"
i=0
: >"$T/c.txt"
while [ $i -lt 50 ]; do
    echo "bee ant ant cat cat cat dog dog dog dog eel rare$i" >>"$T/c.txt"
    i=$((i + 1))
done
embx_run train "$T/c.txt" -o "$T/v.vec" --dim 8 --epochs 1 --min-count 2 --threads 1
expect_ok
head -n 1 "$T/v.vec" | grep -qx "5 8" || fail "header is '$(head -n 1 "$T/v.vec")', expected '5 8'"
order=$(sed 1d "$T/v.vec" | cut -d' ' -f1 | tr '\n' ' ')
[ "$order" = "dog cat ant bee eel " ] || fail "row order '$order', expected 'dog cat ant bee eel'"
pass
