#!/bin/sh
# An items file whose ids do not all match is not fatal: the misses are counted
# and the matching items get their titles and genres.
. "$SRCDIR/tests/lib.sh"
{ for u in 1 2 3 4 5; do for i in 1 2 3 4; do echo "$u::$i::$(( (u + i) % 5 + 1 ))::97830076$i"; done; done; } >"$T/ratings.dat"
printf '1::Toy Story (1995)::Animation|Comedy\n2::Heat (1995)::Action|Crime\n500::Unknown (2000)::Drama\n501::Other (2001)::Drama\n' \
    >"$T/movies.dat"
embx_run train-pairs "$T/ratings.dat" -o "$T/m.vec" --items "$T/movies.dat" --dim 4 --epochs 3 --threads 1
expect_ok
expect_err "2 item ids not in the interactions (ignored); 2 items without metadata"
grep -q '	item:1	.*	Toy Story (1995)	Animation|Comedy$' "$T/m.vec.recsys.tsv" \
    || grep -q '^item	item:1	[^	]*	Toy Story (1995)	Animation|Comedy	[0-9]*$' "$T/m.vec.recsys.tsv" \
    || fail "sidecar lacks the title of item:1: $(grep item:1 "$T/m.vec.recsys.tsv")"
printf '1,Title\n2\n' >"$T/bad.csv"
embx_run train-pairs "$T/ratings.dat" -o "$T/m2.vec" --items "$T/bad.csv" --dim 4 --epochs 3
expect_failed
expect_err "bad.csv:2:"
pass
