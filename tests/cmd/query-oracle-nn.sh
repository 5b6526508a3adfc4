#!/bin/sh
# nn (one word, an expression, --restrict) gives gensim most_similar's words,
# order and scores.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/oracle/query-lib.sh"
need_gensim
oracle_table "$T/t.txt"
cat >"$T/cmds" <<'CMDS'
nn w1 -k 10
nn w7 -k 25
nn W0 -k 5
nn w5 - w25 + w7 -k 8
nn w2 + w3 -k 6
nn - w4 + w9 -k 4
nn w3 -k 5 --restrict 200
nn w299 -k 7 --restrict 100
CMDS
oracle_check "$T/t.txt" "$T/cmds"
pass
