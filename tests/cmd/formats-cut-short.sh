#!/bin/sh
# A table file cut short (a failed copy): the error gives the number of rows
# before the damage for --limit, and that --limit loads them; --skip-bad
# keeps the rows there when a header claims more, with a note; gzip alike.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 50 4 1
head -c 1000 "$T/t.txt" > "$T/cut.txt"
embx_run --no-cache "$T/cut.txt" -c info
expect_failed
expect_err "$T/cut.txt:27: too few values (2, expected 4): the file ends mid-row (cut short?); --limit 26 loads the 26 rows before it"
embx_run --no-cache --limit 26 "$T/cut.txt" -c info
expect_ok; expect_out "words	26"
gzip -c "$T/cut.txt" > "$T/cut.txt.gz"
embx_run --no-cache "$T/cut.txt.gz" -c info
expect_failed; expect_err "--limit 26 loads the 26 rows before it"
# a bad row in the middle is not called cut short
printf 'a 1 2 3\nb 1 2\nc 1 2 3\n' > "$T/mid.txt"
embx_run --no-cache "$T/mid.txt" -c info
expect_failed; expect_err "mid.txt:2: too few values (2, expected 3)"
! grep -q "cut short" "$T/err" || fail "a bad middle row was called cut short"
# a word2vec header that claims more rows than the file holds
{ echo "80 4"; cat "$T/t.txt"; } > "$T/hdr.txt"
embx_run --no-cache "$T/hdr.txt" -c info
expect_failed; expect_err "hdr.txt:1: header says 80 rows, but the file has 50 (cut short? --skip-bad loads the rows there)"
embx_run --no-cache --skip-bad "$T/hdr.txt" -c info
expect_ok; expect_out "words	50"
expect_err "hdr.txt:1: header says 80 rows, but the file has 50 (kept those: --skip-bad)"
# header and a cut last row together
{ echo "50 4"; head -c 1000 "$T/t.txt"; } > "$T/both.txt"
embx_run --no-cache "$T/both.txt" -c info
expect_failed; expect_err "both.txt:28: too few values (2, expected 4): the file ends mid-row (cut short?); --limit 26"
embx_run --no-cache --limit 26 "$T/both.txt" -c info
expect_ok; expect_out "words	26"
embx_run --no-cache --skip-bad "$T/both.txt" -c info
expect_ok; expect_out "words	26"; expect_err "header says 50 rows, but the file has 27 (kept those: --skip-bad)"
pass
