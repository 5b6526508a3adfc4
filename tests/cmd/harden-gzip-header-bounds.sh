#!/bin/sh
# A gzip file's header cannot claim more than the stream can inflate to
# (deflate stops at 1032:1): such a header is refused before anything is
# allocated, while genuinely wide rows in a small gzip file load in memory
# proportional to the data (found by fuzz_gzip: 4 GB requested for a 40-byte
# file; 64 GB for a one-row table of 1,000,000 values).
. "$SRCDIR/tests/lib.sh"
{ printf '1 1000000000\nking '; printf '\000\000\200\077\000\000\200\077'; } | gzip -c >"$T/claim.bin.gz"
embx_run --no-cache -c info "$T/claim.bin.gz"
expect_failed
expect_err "claim.bin.gz:1: header says 1 rows of 1000000000 values, more than this"
printf '1000000000000 3\nking 1 2 3\n' | gzip -c >"$T/rows.txt.gz"
embx_run --no-cache -c info "$T/rows.txt.gz"
expect_failed
expect_err "rows.txt.gz:1: header says 1000000000000 rows"

# one row of a million values, as text and as word2vec binary
awk 'BEGIN { printf "wide"; for (i = 0; i < 1000000; i++) printf " 0.5"; printf "\n" }' | gzip -c >"$T/wide.txt.gz"
embx_run --no-cache -c info "$T/wide.txt.gz"
expect_ok
expect_out "dimensions	1000000"
{ printf '2 1000000\nking '; head -c 4000000 /dev/zero; printf '\nqueen '
  head -c 4000000 /dev/zero | tr '\000' '\001'; } | gzip -c >"$T/wide.bin.gz"
embx_run --no-cache -c info "$T/wide.bin.gz"
expect_ok
expect_out "words	2"
expect_out "dimensions	1000000"
# bounded memory: a plain build stays far below 1 GB of address space (not
# checked under ASan, nor when EMBX is a wrapper script such as valgrind's)
if [ "$(head -c 4 "$EMBX" | tail -c 3)" = ELF ] && ! ldd "$EMBX" 2>/dev/null | grep -q libasan; then
    rc=0
    (ulimit -v 1000000; exec "$EMBX" --no-cache -c info "$T/wide.bin.gz") >"$T/out" 2>"$T/err" || rc=$?
    expect_ok
    expect_out "dimensions	1000000"
fi
pass
