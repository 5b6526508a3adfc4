#!/bin/sh
# Bad --meta files fail the load with file:line and the problem; a failed
# load in the REPL keeps the table that was open.
. "$SRCDIR/tests/lib.sh"
S="$SRCDIR/tests/data/small.txt"
printf 'word\tkind\tfreq\nking\troyal\t10\nqueen\troyal\n' >"$T/ragged.tsv"
embx_run -q --no-cache "$S" --meta "$T/ragged.tsv" -c 'info'
expect_failed
expect_err "ragged.tsv:3: 2 fields, the header has 3"
printf 'word\tkind\nking\troyal\nqueen\troyal\nking\tx\n' >"$T/twice.tsv"
embx_run -q --no-cache "$S" --meta "$T/twice.tsv" -c 'info'
expect_failed
expect_err "twice.tsv:4: 'king' is described twice (first at line 2)"
printf 'word\tkind\nfoo\ta\nbar\tb\n' >"$T/none.tsv"
embx_run -q --no-cache "$S" --meta "$T/none.tsv" -c 'info'
expect_failed
expect_err "none.tsv: none of the 2 labels in its first column is a row of the table"
printf 'word\t\tfreq\nking\troyal\t1\n' >"$T/noname.tsv"
embx_run -q --no-cache "$S" --meta "$T/noname.tsv" -c 'info'
expect_failed
expect_err "noname.tsv:1: column 2 of the header has no name"
printf 'word\tkind\tkind\nking\ta\tb\n' >"$T/dupcol.tsv"
embx_run -q --no-cache "$S" --meta "$T/dupcol.tsv" -c 'info'
expect_failed
expect_err "column 'kind' appears twice"
embx_run -q --no-cache "$S" --meta "$T/missing.tsv" -c 'info'
expect_failed
expect_err "missing.tsv: No such file or directory"
# unknown labels: a note with the count and the first few, lines named
printf 'word\tkind\nking\troyal\nfoo\ta\nbar\tb\nbaz\tc\nqux\td\n' >"$T/some.tsv"
embx_run --no-cache "$S" --meta "$T/some.tsv" -c 'nn queen -k 1'
expect_ok
expect_err "4 labels not in the table, ignored (first: 'foo' (line 3), 'bar' (line 4), 'baz' (line 5))"
expect_out "king	0.932568	royal"
# load with a bad --meta in a session: the old table and its metadata stay
printf 'load %s --meta %s\nnn queen -k 1\n' "$S" "$T/ragged.tsv" >"$T/cmds"
embx_script "$T/cmds" -q --no-cache "$S" --meta "$T/some.tsv"
expect_failed
expect_err "ragged.tsv:3:"
expect_out "king	0.932568	royal"
pass
