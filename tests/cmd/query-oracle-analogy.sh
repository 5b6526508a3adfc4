#!/bin/sh
# analogy (3CosAdd) and analogy --mul (3CosMul) give gensim most_similar and
# most_similar_cosmul's answers.
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
pass
