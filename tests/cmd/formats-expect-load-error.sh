# Sourced by the formats tests (not a test itself): expect_load_error NAME
# CONTENT MESSAGE writes CONTENT (printf format) to $T/NAME, loads it and
# expects the load to fail with "$T/NAME:MESSAGE" on stderr.
expect_load_error() {
    printf "$2" > "$T/$1"
    embx_run --no-cache "$T/$1" -c info
    expect_failed
    expect_err "$T/$1:$3"
}
