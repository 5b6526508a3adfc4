#!/bin/sh
# Issue 15: a .embx file truncated by another program while a session has it
# mapped used to end the session with SIGBUS at the next query. Now the
# command that reads it fails naming the file, the table is unloaded, and
# the session goes on (a later load and query work).
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 3000 64 3
embx_run --no-cache "$T/t.txt" -c "save $T/t.embx; nn w5 -k 3"
expect_ok
cp "$T/out" "$T/want"
mkfifo "$T/in" || skip "no mkfifo"
"$EMBX" --no-cache <"$T/in" >"$T/out" 2>"$T/err" &
pid=$!
exec 3>"$T/in"
echo "load $T/t.embx" >&3
echo "nn w5 -k 3" >&3
# wait for the first answers: the file is mapped and read
i=0
while [ "$(wc -l <"$T/out")" -lt 3 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(wc -l <"$T/out")" -ge 3 ] || { exec 3>&-; kill "$pid"; fail "no answers from the first query: $(cat "$T/err")"; }
truncate -s 8192 "$T/t.embx"      # the header stays, the matrix is gone
echo "nn w5 -k 3" >&3
echo "nn w6 -k 3" >&3
echo "load $T/t.txt" >&3
echo "nn w5 -k 3" >&3
exec 3>&-
rc=0
wait "$pid" || rc=$?
[ "$rc" -lt 128 ] || fail "embx was killed by signal $((rc - 128)); stderr: $(cat "$T/err")"
expect_err "nn: $T/t.embx was truncated while embx had it mapped"
expect_err "the table is unloaded"
expect_err "no table loaded"
# the answers before the truncation and after the new load are the real ones
head -n 3 "$T/out" >"$T/first"
tail -n 3 "$T/out" >"$T/last"
expect_file_eq "$T/want" "$T/first"
expect_file_eq "$T/want" "$T/last"
[ "$(wc -l <"$T/out")" -eq 6 ] || fail "the query on the truncated file printed answers: $(cat "$T/out")"
pass
