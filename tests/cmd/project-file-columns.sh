#!/bin/sh
# plot --file: '# ' comment lines are skipped; a category<TAB>word file (the
# columns the other way round from word<TAB>group) is read as meant: words
# from the second column, groups from the first, and the note says so.
. "$SRCDIR/tests/lib.sh"
printf 'dog 1 0 0\ncat 0.9 0.1 0\nhorse 0.8 0 0.2\nking 0 1 0\nqueen 0 0.9 0.1\nprince 0.1 0.8 0\n#tag 0 0 1\n' > "$T/t.txt"
printf '# animals and royals\n\nanimal\tdog\nanimal\tcat\nanimal\thorse\nroyal\tking\nroyal\tqueen\nroyal\tprince\n' > "$T/cat.tsv"
embx_run --no-cache "$T/t.txt" -c "plot pca --file $T/cat.tsv --ascii --size 40x10; save-proj $T/p.tsv"
expect_ok
expect_err "selection: 6 words from $T/cat.tsv (words from its second column, grouped by the first)"
expect_out "groups: animal (3), royal (3)"
grep -q "^dog	.*	animal$" "$T/p.tsv" || fail "dog is not in group animal: $(cat "$T/p.tsv")"
grep -q "^prince	.*	royal$" "$T/p.tsv" || fail "prince is not in group royal"
# the usual order is left alone; '# ' comments are skipped, '#tag' is a word
printf '# a comment\n#\ndog\tanimal\ncat\tanimal\nking\troyal\n#tag\tother\n' > "$T/w.tsv"
embx_run --no-cache "$T/t.txt" -c "plot pca --file $T/w.tsv --ascii --size 40x10; save-proj $T/p.tsv"
expect_ok
expect_err "selection: 4 words from $T/w.tsv"
! grep -q "not in the table" "$T/err" || fail "a comment was read as a word: $(cat "$T/err")"
grep -q "^#tag	.*	other$" "$T/p.tsv" || fail "#tag was skipped: $(cat "$T/p.tsv")"
pass
