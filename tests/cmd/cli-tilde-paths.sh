#!/bin/sh
# '~' in a path (as Tab completion offers it) means the home directory for
# every command that takes a file, and for path options; a quoted "~" is a
# word as typed.
. "$SRCDIR/tests/lib.sh"
cp "$SRCDIR/tests/data/small.txt" "$HOME/t.txt"
embx_run --no-cache -c 'load ~/t.txt; save ~/copy.vec; plot pca --ascii --svg ~/p.svg; save-proj ~/p.tsv'
expect_ok
expect_err "from $HOME/t.txt"
[ -s "$HOME/copy.vec" ] || fail "save ~/copy.vec did not write \$HOME/copy.vec"
[ -s "$HOME/p.svg" ] || fail "--svg ~/p.svg did not write \$HOME/p.svg"
[ -s "$HOME/p.tsv" ] || fail "save-proj ~/p.tsv did not write \$HOME/p.tsv"
embx_run --no-cache -c 'load "~/t.txt"'
expect_failed
expect_err "load: ~/t.txt: no such file"
embx_run --no-cache -c 'load ~nosuchuser0/t.txt'
expect_failed
expect_err "no user 'nosuchuser0'"
pass
