#!/bin/sh
# The neighbour graph of the whole table is kept in the cache beside the
# table's copy: a second session's map of the whole table reads it instead
# of searching again and draws the same map; a flipped byte, a truncated
# file or a changed table is noticed, the file refused and the graph
# rebuilt with a note; a part of the table and --no-cache write no file.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 300 20 2 --clusters 5
map="plot umap --epochs 20 --ascii; save-proj $T/p.tsv"
embx_run "$T/t.txt" -c "$map"
expect_ok
expect_err "neighbour graph: 14 per point, exact ("
expect_err "cached for later sessions)"
cp "$T/p.tsv" "$T/want.tsv"
f=$(ls "$XDG_CACHE_HOME"/embx/*.knn-cos-k14-exact) || fail "no graph file in the cache"
embx_run "$T/t.txt" -c "$map"
expect_ok
expect_err "neighbour graph: 14 per point, exact (read from the cache)"
expect_file_eq "$T/want.tsv" "$T/p.tsv"
# flip one bit of a neighbour (payload), then of the header
for pos in 1000 40; do
    b=$(od -An -tu1 -j"$pos" -N1 "$f" | tr -d ' ')
    printf "$(printf '\\%03o' $((b ^ 4)))" | dd of="$f" bs=1 seek="$pos" conv=notrunc 2>/dev/null
    [ "$(od -An -tu1 -j"$pos" -N1 "$f" | tr -d ' ')" -ne "$b" ] || fail "the byte at $pos was not flipped"
    embx_run "$T/t.txt" -c "$map"
    expect_ok
    expect_err "neighbour graph: the cached copy was refused ($f: damaged graph"
    expect_err "cached for later sessions)"
    expect_file_eq "$T/want.tsv" "$T/p.tsv"
done
grep -q "checksum mismatch" "$T/err" || grep -q "header checksum" "$T/err" || fail "no checksum named: $(cat "$T/err")"
# a short file
head -c 500 "$f" > "$T/short" && cat "$T/short" > "$f"
embx_run "$T/t.txt" -c "$map"
expect_ok
expect_err "damaged graph (500 bytes, the header says"
expect_file_eq "$T/want.tsv" "$T/p.tsv"
embx_run "$T/t.txt" -c "$map"
expect_err "exact (read from the cache)"
# the table changed (same size, other values): the graph is stale
mktable "$T/t.txt" 300 20 3 --clusters 5
embx_run "$T/t.txt" -c "$map"
expect_ok
expect_err "stale graph (built from other rows"
embx_run "$T/t.txt" -c "$map"
expect_err "exact (read from the cache)"
# part of the table, or --no-cache: no graph file
rm -f "$XDG_CACHE_HOME"/embx/*.knn-*
embx_run "$T/t.txt" -c "plot umap --top 200 --epochs 5 --ascii"
expect_ok
embx_run --no-cache "$T/t.txt" -c "plot umap --epochs 5 --ascii"
expect_ok
! ls "$XDG_CACHE_HOME"/embx/*.knn-* >/dev/null 2>&1 || fail "a graph file was written for part of the table or with --no-cache"
pass
