#!/bin/sh
# eval analogy: per-section correct/total, semantic/syntactic/total equal to
# gensim evaluate_word_analogies (restrict_vocab, case-insensitive first-row
# rule, unknown words skipped), also --case-sensitive; --mul equals the same
# loop run with most_similar_cosmul.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/oracle/query-lib.sh"
need_gensim
oracle_table "$T/t.txt"
"$ORACLE_PY" "$ORACLE_DIR/mkbench.py" "$T/t.txt" 5 "$T/q.txt" "$T/pairs.txt" || fail "mkbench"
cat >"$T/cmds" <<CMDS
eval analogy $T/q.txt
eval analogy $T/q.txt --restrict 350
eval analogy $T/q.txt --restrict 120
eval analogy $T/q.txt --case-sensitive
eval analogy $T/q.txt --mul
CMDS
oracle_check "$T/t.txt" "$T/cmds"
# some answers are right, or the comparison proves little
awk -F'\t' '$1 == "total" && $2 > 0 { ok = 1 } END { exit !ok }' "$T/out" || fail "no question answered right: $(cat "$T/out")"
pass
