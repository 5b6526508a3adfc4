# The demo table's row metadata (data/demo-kinds.tsv): what kind of word
# each row is, read off the sections of the demo's analogy questions (each
# section's first and third words are one kind, the second and fourth the
# other); a word keeps the first kind found. Rows not in the questions have
# none. Usage: awk -f demo-meta.awk demo-questions.txt demo.vec
BEGIN { OFS = "\t" }
FNR == NR {
    if ($1 == ":") {
        s = $2
        a = s == "family" ? "family" : s == "capital-world" ? "capital" : s ~ /^gram[34]/ ? "adjective" \
            : s ~ /^gram7/ ? "verb -ing" : s ~ /^gram8/ ? "noun" : s
        b = s == "family" ? "family" : s == "capital-world" ? "country" : s ~ /^gram3/ ? "comparative" \
            : s ~ /^gram4/ ? "superlative" : s ~ /^gram7/ ? "past tense" : s ~ /^gram8/ ? "plural" : s
        next
    }
    for (i = 1; i <= 4; i++) if (!($i in kind)) kind[$i] = i % 2 ? a : b
    next
}
FNR == 1 { print "word", "kind"; next }   # the word2vec header line
{ print $1, ($1 in kind ? kind[$1] : "") }
