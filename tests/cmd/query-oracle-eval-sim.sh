#!/bin/sh
# eval sim: Spearman, Pearson, pairs used and out-of-vocabulary ratio equal
# to gensim evaluate_word_pairs (default and --restrict / --case-sensitive).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/oracle/query-lib.sh"
need_gensim
oracle_table "$T/t.txt"
"$ORACLE_PY" "$ORACLE_DIR/mkbench.py" "$T/t.txt" 9 "$T/q.txt" "$T/pairs.txt" || fail "mkbench"
cat >"$T/cmds" <<CMDS
eval sim $T/pairs.txt
eval sim $T/pairs.txt --restrict 350 --case-sensitive
CMDS
oracle_check "$T/t.txt" "$T/cmds"
pass
