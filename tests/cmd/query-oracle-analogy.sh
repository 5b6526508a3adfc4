#!/bin/sh
# analogy (3CosAdd) and analogy --mul (3CosMul) give gensim most_similar and
# most_similar_cosmul's answers, on a generated table and on the trained demo
# table when it exists.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/oracle/query-lib.sh"
need_gensim
oracle_table "$T/t.txt"
cat >"$T/cmds" <<'CMDS'
analogy w0 w20 w3 -k 10
analogy w0 w20 w3 -k 10 --mul
analogy w11 w51 W305 -k 6
analogy w11 w51 W305 -k 6 --mul
analogy w1 w1 w2 -k 5
analogy w1 w1 w2 -k 5 --mul
CMDS
oracle_check "$T/t.txt" "$T/cmds"
if demo=$(oracle_trained_table); then
    words=$(head -n 40 "$demo" | awk 'NF > 2 { print $1 }' | sed -n '10p;20p;30p' | tr '\n' ' ')
    set -- $words
    if [ $# -eq 3 ]; then
        printf 'analogy %s %s %s -k 10\nanalogy %s %s %s -k 10 --mul\n' "$1" "$2" "$3" "$1" "$2" "$3" >"$T/cmds2"
        oracle_check "$demo" "$T/cmds2"
    fi
fi
pass
