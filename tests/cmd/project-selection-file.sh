#!/bin/sh
# --file F selects the listed words, with the second column as a group that
# save-proj keeps; --sample is seeded; --prefix picks by the start of the word;
# two selections at once are refused.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 200 8 6 --clusters 4
printf 'w1\tone\nw5\tone\nw2\ttwo\nw6\ttwo\nmissing\ttwo\nw3\n' > "$T/sel.txt"
embx_run --no-cache "$T/t.txt" -c "plot pca --file $T/sel.txt --ascii; save-proj $T/p.tsv"
expect_ok
expect_err "selection: 5 words from $T/sel.txt"
expect_err "not in the table: missing"
[ "$(cut -f1,4 "$T/p.tsv" | tr '\t\n' ':,')" = "w1:one,w5:one,w2:two,w6:two,w3," ] || fail "groups not kept: $(cat "$T/p.tsv")"
embx_run --no-cache "$T/t.txt" -c "plot pca --sample 20 --seed 4 --ascii; save-proj $T/s1.tsv; plot pca --sample 20 --seed 4 --ascii; save-proj $T/s2.tsv"
expect_ok
expect_err "a random sample of 20 words (seed 4)"
cmp -s "$T/s1.tsv" "$T/s2.tsv" || fail "the same seed sampled different rows"
embx_run --no-cache "$T/t.txt" -c "plot pca --prefix w19 --ascii; save-proj $T/x.tsv"
expect_ok
expect_err "11 words starting with 'w19'"
embx_run --no-cache "$T/t.txt" -c "plot pca w1 w2 w3 --top 5 --ascii"
expect_failed
expect_err "choose one selection"
pass
