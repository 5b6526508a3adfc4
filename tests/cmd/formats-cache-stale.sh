#!/bin/sh
# A cache whose source changed (size or mtime) is not used but rebuilt.
. "$SRCDIR/tests/lib.sh"
printf 'a 1 2\nb 3 4\n' > "$T/s.txt"
embx_run "$T/s.txt" -c info; expect_ok
embx_run "$T/s.txt" -c info; expect_ok; expect_out "opened from cache"
printf 'a 1 2\nb 3 5\n' > "$T/s.txt"   # same size, new mtime
touch -d '2001-01-01' "$T/s.txt"
embx_run "$T/s.txt" -c 'info; vec b'
expect_ok; expect_no_out "opened from cache"; expect_out "b	3	5"
embx_run "$T/s.txt" -c 'info; vec b'
expect_ok; expect_out "opened from cache"; expect_out "b	3	5"
pass
