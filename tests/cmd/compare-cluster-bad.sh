#!/bin/sh
# cluster: K larger than the selection, K not a number, missing words listed.
. "$SRCDIR/tests/lib.sh"
mktable "$T/a.txt" 50 8 1
embx_run --no-cache "$T/a.txt" -c "cluster 5 w1 w2 w3"
expect_failed
expect_err "larger than the selection"
embx_run --no-cache "$T/a.txt" -c "cluster many --top 10"
expect_failed
expect_err "'many'"
embx_run --no-cache "$T/a.txt" -c "cluster 2 w1 w2 w3 nope"
expect_ok
expect_err "nope"
pass
