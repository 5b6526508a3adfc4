#!/bin/sh
# sim, odd and rank agree with gensim similarity, doesnt_match /
# rank_by_centrality and rank.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/oracle/query-lib.sh"
need_gensim
oracle_table "$T/t.txt"
cat >"$T/cmds" <<'CMDS'
sim w1 w2
sim w1 w21
sim W3 w3
rank w1 w21
rank w1 w2
rank w5 W5
odd w1 w21 w41 w2
odd w3 w23 w43 w63 w7
odd w8 w9 w28
CMDS
oracle_check "$T/t.txt" "$T/cmds"
pass
