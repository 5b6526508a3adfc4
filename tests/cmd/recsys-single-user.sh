#!/bin/sh
# A file with a single user or a single item (or none at all) is refused
# with a reason.
. "$SRCDIR/tests/lib.sh"
for case in "one-user.csv|7,10,5\n7,20,3\n7,30,4\n|has a single user ('7')" \
            "one-item.tsv|1\tA\n2\tA\n3\tA\n|has a single item ('A')" \
            "header-only.csv|user,item\n|holds no interactions"; do
    name=${case%%|*}; rest=${case#*|}; content=${rest%%|*}; msg=${rest#*|}
    printf "$content" >"$T/$name"
    embx_run train-pairs "$T/$name" -o "$T/x.vec"
    expect_failed
    expect_err "$msg"
done
pass
