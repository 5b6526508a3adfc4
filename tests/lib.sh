# Shared helpers for the command-level tests (tests/cmd/*.sh). Each test is
# one behaviour; it runs the real binary. Exit 0 = pass, 1 = fail, 77 = skip.
# Environment from the Makefile: EMBX, MKTABLE, SRCDIR, BUILDDIR.
set -u
: "${EMBX:=$(pwd)/embx}"
: "${MKTABLE:=$(pwd)/tests/gen/mktable}"
: "${SRCDIR:=$(pwd)}"
TEST_NAME=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/embx-test.$TEST_NAME.XXXXXX")
trap 'rm -rf "$T"' EXIT
# Tests never touch the user's cache, history or settings.
export XDG_CACHE_HOME="$T/cache" XDG_STATE_HOME="$T/state" HOME="$T/home"
mkdir -p "$HOME"
export LC_ALL=C.UTF-8 NO_COLOR=1 COLUMNS=80
unset EMBX_PROGRESS

fail() { printf 'FAIL %s: %s\n' "$TEST_NAME" "$*" >&2; exit 1; }
skip() { printf 'SKIP %s: %s\n' "$TEST_NAME" "$*" >&2; exit 77; }
pass() { exit 0; }
# asan_build: true when $EMBX is built with AddressSanitizer (CI's second build)
asan_build() { ldd "$EMBX" 2>/dev/null | grep -q libasan || nm "$EMBX" 2>/dev/null | grep -q __asan_init; }

# embx_run ARGS...: runs embx, stdout in $T/out, stderr in $T/err, status in $rc.
embx_run() {
    rc=0
    "$EMBX" "$@" >"$T/out" 2>"$T/err" </dev/null || rc=$?
}
# embx_script FILE ARGS...: feeds the commands in FILE on stdin.
embx_script() {
    local f=$1; shift
    rc=0
    "$EMBX" "$@" <"$f" >"$T/out" 2>"$T/err" || rc=$?
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1; stderr: $(head -c 600 "$T/err")"; }
expect_ok() { [ "$rc" -eq 0 ] || fail "exit status $rc; stderr: $(head -c 600 "$T/err")"; }
expect_failed() { [ "$rc" -ne 0 ] || fail "expected failure, got exit 0; stdout: $(head -c 300 "$T/out")"; }
# expect_err TEXT: stderr contains TEXT (fixed string).
expect_err() { grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1'; stderr was: $(head -c 800 "$T/err")"; }
expect_out() { grep -qF -- "$1" "$T/out" || fail "stdout lacks '$1'; stdout was: $(head -c 800 "$T/out")"; }
expect_no_out() { ! grep -qF -- "$1" "$T/out" || fail "stdout has '$1'"; }
# expect_file_eq EXPECTED ACTUAL
expect_file_eq() { diff -u "$1" "$2" >"$T/diff" || fail "output differs from $1: $(head -c 1500 "$T/diff")"; }
# mktable OUT N DIM SEED: a deterministic GloVe-text table (words w0, w1, ...).
mktable() { "$MKTABLE" "$@" || fail "mktable $*"; }
# Oracle: gensim through Debian's python; skip when it is absent.
ORACLE_PY=/usr/bin/python3
# need_py_module MODULE: skip unless Debian's python imports MODULE (numpy,
# torch, gensim: the package is python3-MODULE).
need_py_module() {
    [ -x "$ORACLE_PY" ] && "$ORACLE_PY" -c "import $1" 2>/dev/null \
        || skip "$1 not importable by $ORACLE_PY (apt-get install python3-$1)"
}
need_gensim() { need_py_module gensim; }
# map_cluster_agreement TSV CLUSTERS: the share of each point's 10 nearest
# neighbours in a saved 2-D layout (save-proj) that come from its own
# cluster, for a mktable --clusters table (row wI is in cluster I % CLUSTERS).
map_cluster_agreement() {
    awk -F'\t' -v c="$2" '{ w[NR] = substr($1, 2) % c; x[NR] = $2; y[NR] = $3 }
        END {
            for (i = 1; i <= NR; i++) {
                for (j = 1; j <= NR; j++) d[j] = (j == i) ? 1e300 : (x[i]-x[j])^2 + (y[i]-y[j])^2
                for (k = 0; k < 10; k++) {
                    b = 0; for (j = 1; j <= NR; j++) if (b == 0 || d[j] < d[b]) b = j
                    if (w[b] == w[i]) same++
                    d[b] = 1e300
                }
            }
            printf "%.3f", same / (NR * 10)
        }' "$1"
}
