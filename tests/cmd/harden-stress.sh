#!/bin/sh
# Thousands of random and adversarial commands in one session (random words,
# huge and negative counts, long lines, control characters, stray quotes,
# unknown commands, interleaved loads of good and broken files, saves): every
# command either answers or fails with a message, nothing crashes or trips a
# sanitizer, and the session still answers `info` at the end.
# STRESS_SEED and STRESS_COUNT change the run (defaults: 1 and 2500).
. "$SRCDIR/tests/lib.sh"
seed=${STRESS_SEED:-1}
count=${STRESS_COUNT:-2500}

# --- files: good tables in every format, and broken ones ---
mktable "$T/small.txt" 300 16 7
"$EMBX" --no-cache "$T/small.txt" -q -c "save $T/small.bin; save $T/small.vec; save $T/small.embx; save $T/small.txt.gz" \
    >/dev/null 2>"$T/err" || fail "setup saves: $(cat "$T/err")"
mktable "$T/other.txt" 50 8 9
printf 'king 1 2 3\nqueen 1 2\n' >"$T/short-row.txt"
printf '3 4\nking 1 2 3 4\n' >"$T/few-rows.vec"
printf '1000000000000 4\nking 1 2 3 4\n' >"$T/huge-header.vec"
head -c 700 "$T/small.bin" >"$T/truncated.bin"
head -c 3000 "$T/small.embx" >"$T/truncated.embx"
head -c 200 "$T/small.txt.gz" >"$T/truncated.txt.gz"
printf 'not gzip at all' | cat "$T/small.txt.gz" - | head -c 100000 >"$T/junk-tail.gz"
: >"$T/empty.txt"
head -c 4096 /dev/urandom >"$T/random.bin" 2>/dev/null || printf '\001\002\003' >"$T/random.bin"
printf 'king nan 1\nqueen 1 inf\n' >"$T/nonfinite.txt"
mkdir -p "$T/adir"
awk 'BEGIN { srand(5); for (l = 0; l < 200; l++) { s = ""; for (i = 0; i < 12; i++) s = s " c" int(rand() * rand() * 60); print s } }' >"$T/corpus.txt"
awk 'BEGIN { srand(6); for (u = 0; u < 30; u++) for (i = 0; i < 8; i++) printf "%d::%d::%d\n", u, int(rand() * 40), 1 + int(rand() * 5) }' >"$T/ratings.dat"
printf 'w1\t0.5\t1\nw2\t-1\t2\tg\nw3\t3\t0\tg\n' >"$T/proj.tsv"

# --- the commands; MARK_n after each one delimits its output ---
awk -v seed="$seed" -v count="$count" -v dir="$T" '
function r(n) { return int(rand() * n) }
function pick(s,   a, n) { n = split(s, a, " "); return a[1 + r(n)] }
function pickbar(s,   a, n) { n = split(s, a, "|"); return a[1 + r(n)] }
function word() { return "w" r(330) }             # mostly known, some unknown
function num() { return pick("0 1 2 5 10 -1 -5 299 300 301 1000 100000 2147483647 2147483648 9223372036854775807 99999999999999999999 1e3 0.5 -0 +3 0x10 nan inf abc \"\"") }
function junk(len,   s, i) {
    s = ""
    for (i = 0; i < len && i < 97; i++) s = s sprintf("%c", 33 + r(94))
    while (length(s) < len) s = s s          # long words: doubling, not one char at a time
    return substr(s, 1, len)
}
function ctrl(len,   s, i) {
    s = ""
    for (i = 0; i < len; i++) s = s sprintf("%c", pick("1 2 3 4 7 8 9 11 12 13 27 31 127"))
    return s
}
function file() {
    return dir "/" pick("small.txt small.bin small.vec small.embx small.txt.gz other.txt short-row.txt few-rows.vec huge-header.vec truncated.bin truncated.embx truncated.txt.gz junk-tail.gz empty.txt random.bin nonfinite.txt adir missing.txt")
}
function opt(  o) {
    o = pick("-k --restrict --limit --top --near --format --mul --skip-bad --no-cache --gzip --seed --perplexity --size --iter -x --bogus --")
    if (o == "--near") return o " " word() " " num()
    if (o == "--format") return o " " pick("glove word2vec fasttext word2vec-bin embx bin vec txt nope")
    if (o ~ /^--(mul|skip-bad|no-cache|gzip)$/ || o == "--") return o
    if (o == "--size") return o " " pick("80x24 1x1 0x0 100000x100000 x abc")
    return o " " num()
}
function args(n,   s, i) {
    s = ""
    for (i = 0; i < n; i++) s = s " " (r(4) == 0 ? opt() : r(8) == 0 ? pick("+ - \"-\" \"--\" \"a b\"") : word())
    return s
}
BEGIN {
    srand(seed)
    cmds = "nn sim analogy odd rank vec info help set load save plot eval axis cluster compare both recommend load-proj save-proj export-projector save-plot train-pairs n an si he in ve"
    for (i = 1; i <= count; i++) {
        k = r(20); silent = 0
        if (k < 6)       line = pick(cmds) args(r(5))
        else if (k == 6) line = "load " file() (r(2) ? " --no-cache" : "") (r(4) == 0 ? " --skip-bad" : "") (r(5) == 0 ? " --limit " num() : "")
        else if (k == 7) line = "save " dir "/out" r(4) pick(".txt .bin .vec .embx .txt.gz .embx.gz") (r(5) == 0 ? " --format " pick("glove bin embx nope") : "")
        else if (k == 8) line = "save " pick(dir "/adir " dir "/missing/dir/out.txt /proc/nope.txt \"\"")
        else if (k == 9) { line = "set " pick("k threads output quiet bogus") " " pick("1 5 0 -3 100000 100001 2000000000 auto table tsv off x"); silent = 1 }
        else if (k == 10) line = junk(1 + r(40))
        else if (k == 11) line = pick(cmds) " " ctrl(1 + r(6)) word() ctrl(r(3))
        else if (k == 12) line = pick("nn vec sim") " " junk(1000 + r(60000))
        else if (k == 13) line = pick("nn odd") args(200 + r(1500))
        else if (k == 14) line = pick(cmds) " \"" word() pickbar("\"|\\\"|" sprintf("%c", 39) "|\\| \"a\\\"b\"")
        else if (k == 15) line = pick(cmds) args(2) "; " pick(cmds) args(2) ";;" pick(cmds)
        else if (k == 16) line = pick("nn analogy") " -k " pick("2147483647 1000000000000 9999999999999999999999 100000 -2147483648") args(3)
        else if (k == 17) line = "xyzzy" r(100) args(2)
        else if (k == 18) { line = pickbar("# a comment|   |\t|\r"); silent = 1 }
        else if (k == 19 && r(3) == 0) line = pickbar("train " dir "/corpus.txt -o t" r(3) ".txt --epochs 1 --dim 8 --min-count 1 --threads 1|train " dir "/corpus.txt --dim 0|train " file() " -o x.txt --epochs 1|train-pairs " dir "/ratings.dat -o r.vec --epochs 2 --dim 4|train-pairs " file() " -o r2.vec|load-proj " file() "|load-proj " dir "/proj.tsv|save-proj p" r(2) ".tsv|export-projector ep" r(2) " --top 20|save-plot s.svg")
        else             line = pickbar("plot pca|plot tsne --top 30 --iter 50|plot pca --near w1 10|plot|eval analogy " file() "|eval sim " file() "|compare " file() "|cluster -k 3 --top 50")
        # never end the session early: no command that starts like "quit"
        if (line ~ /^[ \t\r]*q/) line = "x" line
        gsub(/;[ \t\r]*q/, "; xq", line)
        if (line ~ /^[ \t\r]*#/) silent = 1
        print line
        print "MARK_" i
        print silent >(dir "/silent")
    }
    print "info"
}' </dev/null >"$T/cmds" || fail "generator failed"

rc=0
# random words become file names for save: keep them inside the test directory
mkdir -p "$T/cwd"
(cd "$T/cwd" && exec "$EMBX" --no-cache "$T/small.txt") <"$T/cmds" >"$T/all" 2>&1 || rc=$?
cp "$T/all" "$T/out"
[ "$rc" -lt 128 ] || fail "embx died with status $rc (signal $((rc - 128))) after $(grep -cE '^embx: (stdin:[0-9]+: )?unknown command .MARK_' "$T/all") commands; last lines: $(tail -c 600 "$T/all")"
grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation|Assertion' "$T/all" \
    && fail "sanitizer report: $(grep -m 3 -E 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation|Assertion' "$T/all")"
[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1 (some commands fail)"
# every command produced something (an answer or a message), unless silent is fine for it
awk -v silentfile="$T/silent" -v cmds="$T/cmds" '
BEGIN {
    n = 0; while ((getline s < silentfile) > 0) silent[++n] = s
    m = 0; while ((getline c < cmds) > 0) if (c !~ /^MARK_[0-9]+$/) text[++m] = c
}
/^embx: (stdin:[0-9]+: )?unknown command .MARK_[0-9]+. / {
    i = $0; sub(/^embx: (stdin:[0-9]+: )?unknown command .MARK_/, "", i); sub(/[^0-9].*$/, "", i); i += 0
    if (i != expect + 1) { printf "marker %d after %d: a command swallowed the next line\n", i, expect; bad = 1; exit }
    expect = i
    if (!got && !silent[i]) { printf "command %d gave neither an answer nor a message: %s\n", i, substr(text[i], 1, 200); bad++ }
    got = 0; next
}
{ got = 1 }
END { if (expect != n) { printf "only %d of %d commands completed\n", expect, n; bad = 1 } exit bad ? 1 : 0 }
' "$T/all" >"$T/check" || fail "$(head -n 5 "$T/check")"
# the session survived: the last command answered
tail -n 12 "$T/all" | grep -qE '^words[[:space:]]+[0-9]' || fail "final info did not answer: $(tail -c 400 "$T/all")"
# no temp file of an atomic save was left behind
ls "$T" | grep -q '\.tmp\.' && fail "temp files left: $(ls "$T" | grep '\.tmp\.')"
pass
