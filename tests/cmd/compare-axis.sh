#!/bin/sh
# axis sorts words planted along a direction, for B - A and for an
# expression, and lists missing words.
. "$SRCDIR/tests/lib.sh"
# dimension 6: "lo" and "hi" are the poles of axis 1; p1..p5 sit along it
# (with off-axis noise), other words are random
awk 'BEGIN {
    srand(7)
    print "lo -1 0 0 0 0 0"; print "hi 1 0 0 0 0 0"
    print "she -1 0.2 0 0 0 0"; print "her -1 -0.2 0 0 0 0"
    print "he 1 0.2 0 0 0 0"; print "him 1 -0.2 0 0 0 0"
    split("0.5 -2 3 -0.2 1.5", pos, " ")
    for (i = 1; i <= 5; i++) {
        printf "p%d %g", i, pos[i]
        for (j = 2; j <= 6; j++) printf " %.4f", (rand() - 0.5) * 0.4
        print ""
    }
    for (i = 0; i < 40; i++) {
        printf "r%d", i
        for (j = 1; j <= 6; j++) printf " %.4f", rand() - 0.5
        print ""
    }
}' > "$T/t.txt"
embx_run --no-cache "$T/t.txt" -c "axis lo hi p1 p2 p3 p4 p5"
expect_ok
[ "$(cut -f1 "$T/out" | tr '\n' ' ')" = "p3 p5 p1 p4 p2 " ] || fail "order: $(cat "$T/out")"
embx_run --no-cache "$T/t.txt" -c 'axis "he + him - she - her" --words "p1,p2 p3" p4 p5'
expect_ok
[ "$(cut -f1 "$T/out" | tr '\n' ' ')" = "p3 p5 p1 p4 p2 " ] || fail "expression order: $(cat "$T/out")"
embx_run --no-cache "$T/t.txt" -c "axis lo hi p1 nope1 p2 nope2"
expect_ok
expect_err "not in the table: nope1, nope2"
expect_out "p1"
pass
