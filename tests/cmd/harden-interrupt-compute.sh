#!/bin/sh
# SIGINT during t-SNE, an analogy benchmark and word2vec training (batch
# mode): each command stops with a message, training writes no output file
# (nor a temp file) unless --save-partial asked for one, which is then whole;
# the session keeps its table and answers the next command.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/cmd/harden-interrupt.inc"
mktable "$T/t.txt" 3000 50 5 --clusters 20
# interrupt CMD WAIT [WORDS]: runs CMD in a session over t.txt, SIGINT after
# WAIT s, then `info`; fails unless CMD reported the interruption and info
# answered with WORDS words (default 3000: the table the session had).
interrupt() {
    session_start --no-cache "${table:-$T/t.txt}"
    wait_err "loaded ${rows:-3000} words" 60
    send "$1"
    sleep "$2"
    kill -INT "$pid"
    send "info"
    session_end
    grep -qi "cancel\|interrupt\|stopped" "$T/err" || skip "'$1' finished within $2 s, before the signal"
    grep -qE "^words	${3:-${rows:-3000}}\$" "$T/out" || fail "'$1': info after the interruption: $(head -c 300 "$T/out")"
}
have() { "$EMBX" --no-cache -q "$T/t.txt" -c "help $1" >/dev/null 2>&1; }

if have plot; then
    # t-SNE keeps the layout it reached (and shows it): success or failure
    # are both fine, a dead process or a lost table are not
    interrupt "plot tsne --top 3000 --iter 100000 --exact --ascii" 1
fi
if have eval; then
    # analogies score each distinct question word once against the table, so
    # the run must be long because of the table's size and the words' number
    mktable "$T/big.txt" 40000 100 5 --clusters 20
    awk 'BEGIN { srand(3); print ": section"
                 for (i = 0; i < 300000; i++) printf "w%d w%d w%d w%d\n", int(rand()*40000), int(rand()*40000), int(rand()*40000), int(rand()*40000) }' >"$T/q.txt"
    table=$T/big.txt rows=40000
    interrupt "eval analogy $T/q.txt" 1
    unset table rows
    expect_rc 1
fi
if have train; then
    awk 'BEGIN { srand(4); for (l = 0; l < 20000; l++) { s = ""; for (i = 0; i < 50; i++) s = s " t" int(rand() * rand() * 2000); print s } }' >"$T/corpus.txt"
    interrupt "train $T/corpus.txt -o $T/vecs.txt --epochs 200 --threads 1 --min-count 1" 1
    [ ! -e "$T/vecs.txt" ] || fail "an interrupted training wrote $T/vecs.txt"
    leftovers=$(ls "$T" | grep '\.tmp\.' | head -n 3)
    [ -z "$leftovers" ] || fail "temp files left: $leftovers"
    interrupt "train $T/corpus.txt -o $T/partial.txt --epochs 200 --threads 1 --min-count 1 --save-partial" 1 '[0-9]+'
    [ -s "$T/partial.txt" ] || fail "--save-partial wrote no table"
    "$EMBX" --no-cache -q "$T/partial.txt" -c info >"$T/out2" 2>"$T/err2" || fail "the partial table does not load: $(cat "$T/err2")"
    grep -q "^dimensions	100" "$T/out2" || fail "the partial table is not whole: $(cat "$T/out2")"
fi
pass
