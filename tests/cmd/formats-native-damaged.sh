#!/bin/sh
# Opening a damaged .embx file directly gives a clear message.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 50 4 9
embx_run --no-cache "$T/t.txt" -c "save $T/t.embx"; expect_ok
head -c 5000 "$T/t.embx" > "$T/cut.embx"
embx_run "$T/cut.embx" -c info
expect_failed; expect_err "$T/cut.embx: damaged .embx file: file size differs from the header (truncated?)"
pass
