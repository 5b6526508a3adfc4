#!/bin/sh
# eval suite: the similarity rows equal gensim's evaluate_word_pairs to 1e-4
# and the analogy rows count what evaluate_word_analogies (3CosAdd) and its
# most_similar_cosmul loop (3CosMul) count, with the default settings and with
# --restrict / --case-sensitive.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/oracle/query-lib.sh"
need_gensim
oracle_table "$T/t.txt"
mkdir "$T/sets"
"$ORACLE_PY" "$ORACLE_DIR/mkbench.py" "$T/t.txt" 9 "$T/sets/questions.txt" "$T/sets/pairs.txt" || fail "mkbench"
"$ORACLE_PY" "$ORACLE_DIR/mkbench.py" "$T/t.txt" 23 "$T/q2.txt" "$T/sets/pairs2.txt" || fail "mkbench"
# an MSR-style file: no 'gram*' section, so no semantic/syntactic split
sed 's/^: .*-/: NN_/' "$T/q2.txt" >"$T/sets/msr.txt" || fail "sed"
for opts in "" "--restrict 350 --case-sensitive"; do
    embx_run --no-cache "$T/t.txt" -c "eval suite $T/sets $opts"
    expect_ok
    ci=1
    case "$opts" in *case-sensitive*) ci=0 ;; esac
    restrict=300000
    case "$opts" in *restrict*) restrict=350 ;; esac
    "$ORACLE_PY" "$ORACLE_DIR/gensim_suite.py" "$T/t.txt" "$T/sets" "$T/out" "$restrict" "$ci" >"$T/cmp" 2>&1 \
        || fail "embx differs from gensim ($opts): $(cat "$T/cmp")"
done
grep -q '^msr	analogy	3cosadd	' "$T/out" || fail "no msr rows: $(cat "$T/out")"
! grep -q '^msr	analogy	3cosadd semantic' "$T/out" || fail "MSR-style file split into semantic/syntactic"
pass
