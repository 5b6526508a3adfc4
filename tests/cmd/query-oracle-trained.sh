#!/bin/sh
# On the table embx trains (data/demo.vec, word2vec text) nn, analogy,
# analogy --mul and eval analogy on its questions (data/demo-questions.txt)
# equal gensim's; skipped until the training area's data is present.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/oracle/query-lib.sh"
need_gensim
demo=$(oracle_trained_table) || skip "data/demo.vec and data/demo-questions.txt are not in this tree"
q="$SRCDIR/data/demo-questions.txt"
# the first questions of each section, as queries
awk '/^:/ { n = 0; next } n < 2 && NF == 4 { print "analogy " $1 " " $2 " " $3 " -k 10"; print "analogy " $1 " " $2 " " $3 " -k 10 --mul"; print "nn " $4 " -k 10"; n++ }' \
    "$q" >"$T/cmds"
cat >>"$T/cmds" <<CMDS
eval analogy $q
eval analogy $q --restrict 1000
eval analogy $q --mul
CMDS
oracle_check "$demo" "$T/cmds"
awk -F'\t' '$1 == "total" && $2 > 0 { ok = 1 } END { exit !ok }' "$T/out" || fail "no demo question answered right"
pass
