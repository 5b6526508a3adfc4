#!/bin/sh
# load-proj shows a layout computed elsewhere (word TAB x TAB y [TAB group]);
# save-proj writes it back unchanged; malformed lines are refused with the
# file and line.
. "$SRCDIR/tests/lib.sh"
printf 'alpha\t0.000000\t1.000000\tgreek\nbeta\t2.500000\t-1.000000\tgreek\nuno\t-3.000000\t0.500000\tnumber\ndos\t1.000000\t2.000000\n' > "$T/in.tsv"
embx_run -c "load-proj $T/in.tsv --ascii --size 60x16; save-proj $T/out.tsv"
expect_ok
expect_out "alpha"
expect_out "4 points"
expect_file_eq "$T/in.tsv" "$T/out.tsv"
printf 'alpha\t0\t1\nbeta\t2.5\n' > "$T/bad.tsv"
embx_run -c "load-proj $T/bad.tsv --ascii"
expect_failed
expect_err "bad.tsv:2: expected word<TAB>x<TAB>y[<TAB>group], found 2 fields"
printf 'alpha\t0\tup\n' > "$T/bad2.tsv"
embx_run -c "load-proj $T/bad2.tsv --ascii"
expect_failed
expect_err "bad2.tsv:1: y 'up' is not a finite number"
embx_run -c "save-proj $T/none.tsv"
expect_failed
[ -e "$T/none.tsv" ] && fail "save-proj without a projection wrote a file"
pass
