#!/bin/sh
# A text table of many 1 MB blocks parses to the same table on all cores, on
# one, and gzipped (blocks from the decompressing thread); a bad row deep in
# the file is reported at its line in both; a gzip file cut short fails
# with the file, a line and the reason instead of hanging (it used to wait
# forever for its turn).
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 24000 60 1
[ "$(wc -c < "$T/t.txt")" -gt 8000000 ] || fail "the table is too small to need several blocks"
embx_run -q --no-cache "$T/t.txt" -c "save $T/a.vec"
expect_ok
embx_run -q --no-cache -t 1 "$T/t.txt" -c "save $T/one.vec"
expect_ok
expect_file_eq "$T/a.vec" "$T/one.vec"
gzip -1 -c "$T/t.txt" > "$T/t.txt.gz"
embx_run -q --no-cache "$T/t.txt.gz" -c "save $T/gz.vec"
expect_ok
expect_file_eq "$T/a.vec" "$T/gz.vec"
# every value exactly as strtof reads it: the saved text is the input's
# numbers written back with %.9g (mktable writes 5 decimals)
awk '$1 == "w19999" { print $1, $2, $61; exit }' "$T/t.txt" > "$T/row.want"
awk '$1 == "w19999" { printf "%s %.5f %.5f\n", $1, $2, $61; exit }' "$T/a.vec" > "$T/row.got"
[ -s "$T/row.want" ] || fail "mktable names its rows differently"
expect_file_eq "$T/row.want" "$T/row.got"
# a bad row at line 20001
{ head -n 20000 "$T/t.txt"; echo "oops 1 2 3"; tail -n +20001 "$T/t.txt"; } > "$T/bad.txt"
gzip -1 -c "$T/bad.txt" > "$T/bad.txt.gz"
embx_run -q --no-cache "$T/bad.txt" -c info
expect_failed; expect_err "bad.txt:20001: too few values (3, expected 60)"
embx_run -q --no-cache "$T/bad.txt.gz" -c info
expect_failed; expect_err "bad.txt.gz:20001: too few values (3, expected 60)"
# gzip cut in the middle
head -c $(( $(wc -c < "$T/t.txt.gz") / 2 )) "$T/t.txt.gz" > "$T/cut.txt.gz"
rc=0
timeout 120 "$EMBX" -q --no-cache "$T/cut.txt.gz" -c info >"$T/out" 2>"$T/err" </dev/null || rc=$?
[ "$rc" -ne 124 ] || fail "a gzip file cut short hangs"
expect_failed
grep -q "cut.txt.gz:[0-9][0-9]*: corrupt gzip data" "$T/err" || fail "stderr: $(head -c 400 "$T/err")"
pass
