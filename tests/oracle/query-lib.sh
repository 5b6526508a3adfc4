# Helpers for the query oracle tests (sourced after tests/lib.sh): a
# generated table with clusters and case variants, and a runner that asks
# embx and gensim the same commands and compares the answers.
ORACLE_DIR="$SRCDIR/tests/oracle"

# oracle_table OUT: 400 x 50 rows in 20 clusters; rows 301-320 are renamed to
# upper case (W300 ...), rows 381-400 become upper-case twins of w0..w19, so
# case-insensitive matching has a first row to prefer.
oracle_table() {
    mktable "$T/raw.txt" 400 50 11 --clusters 20
    awk '{ if (NR > 380) $1 = "W" (NR - 381); else if (NR > 300 && NR <= 320) $1 = toupper($1); print }' \
        "$T/raw.txt" >"$1" || fail "awk"
}

# oracle_check TABLE COMMANDS: same lines, words and order, numbers within 1e-5.
oracle_check() {
    "$ORACLE_PY" "$ORACLE_DIR/gensim_query.py" "$1" "$2" >"$T/expected" 2>"$T/gensim.err" \
        || fail "gensim oracle failed: $(tail -n 5 "$T/gensim.err")"
    embx_script "$2" --no-cache "$1"
    expect_ok
    "$ORACLE_PY" "$ORACLE_DIR/compare_tsv.py" "$T/expected" "$T/out" 1e-5 >"$T/cmp" \
        || fail "embx differs from gensim on $(basename "$1"): $(cat "$T/cmp")"
}

# The table trained by the train area and its analogy questions, when they
# exist: prints the table's path.
oracle_trained_table() {
    [ -f "$SRCDIR/data/demo.vec" ] && [ -f "$SRCDIR/data/demo-questions.txt" ] || return 1
    echo "$SRCDIR/data/demo.vec"
}
