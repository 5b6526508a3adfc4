#!/bin/sh
# Files that cannot be read at all: missing, a directory, empty, no
# permission, corrupt gzip.
. "$SRCDIR/tests/lib.sh"
embx_run --no-cache "$T/missing.txt" -c info
expect_failed; expect_err "$T/missing.txt: no such file"
mkdir "$T/dir"
embx_run --no-cache "$T/dir" -c info
expect_failed; expect_err "$T/dir: is a directory, not a vector file"
: > "$T/empty.txt"
embx_run --no-cache "$T/empty.txt" -c info
expect_failed; expect_err "$T/empty.txt:1: the file is empty"
printf 'a 1 2\n' > "$T/perm.txt"; chmod 000 "$T/perm.txt"
if [ "$(id -u)" -ne 0 ]; then
    embx_run --no-cache "$T/perm.txt" -c info
    expect_failed; expect_err "$T/perm.txt: permission denied"
fi
i=0; : > "$T/t.txt"
while [ $i -lt 300 ]; do echo "w$i $i 1 2" >> "$T/t.txt"; i=$((i + 1)); done
gzip -c "$T/t.txt" > "$T/ok.gz"
head -c 300 "$T/ok.gz" > "$T/cut.gz"
embx_run --no-cache "$T/cut.gz" -c info
expect_failed; expect_err "corrupt gzip data (unexpected end of file)"
expect_err "$T/cut.gz:"
pass
