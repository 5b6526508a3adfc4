#!/bin/sh
# An items file (MovieLens movies.csv / movies.dat) given to train-pairs as
# the interactions: the error says to pass it with --items.
. "$SRCDIR/tests/lib.sh"
printf 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,Jumanji (1995),Adventure\n' > "$T/movies.csv"
embx_run train-pairs "$T/movies.csv" -o "$T/m.vec"
expect_failed
expect_err "movies.csv:1: this looks like an items file (its header names a title or genres column), not interactions: pass it as --items $T/movies.csv"
[ ! -e "$T/m.vec" ] || fail "wrote a table"
# no header (ratings.dat style '::'): the title with blanks gives it away
printf '1::Toy Story (1995)::Animation\n2::Jumanji (1995)::Adventure\n3::Heat (1995)::Action\n' > "$T/movies.dat"
embx_run train-pairs "$T/movies.dat" -o "$T/m.vec"
expect_failed
expect_err "this looks like an items file (id, title, genres): pass it as --items $T/movies.dat"
# a real ratings file with a header still trains
printf 'userId,movieId,rating\n1,1,4\n1,2,3\n2,1,5\n2,3,2\n3,2,4\n3,3,1\n' > "$T/r.csv"
embx_run train-pairs "$T/r.csv" -o "$T/r.vec" --dim 4 --epochs 2
expect_ok
pass
