#!/bin/sh
# make-seeds.sh OUTDIR: writes a small seed corpus for each fuzz harness into
# OUTDIR/NAME/ (args command text binary gzip native cache expr bench
# interactions). Seeds are generated, not committed: each is a file a user
# could plausibly feed embx, plus the odd cases readers must survive (BOM,
# CRLF, headers that lie, truncation, stray quotes, huge numbers).
set -eu
out=${1:?usage: make-seeds.sh OUTDIR}
for d in args command text binary gzip native cache expr bench interactions npy safetensors torch projector fasttext meta; do
    mkdir -p "$out/$d"
done

# seed DIR: stdin becomes the next seed file of DIR (numbered by counting, as
# the function often runs in a pipeline's subshell)
seed() { set -- "$1" "$(ls "$out/$1" | wc -l)"; cat >"$out/$1/seed-$(($2 + 1))"; }

# ---- command lines (args, command) ----
for c in 'nn -k 5 king' 'nn king - man + woman' 'nn "-lrb-" -k 3' 'nn -- -k' \
         "nn '-' --restrict 10" 'analogy man king woman --mul' 'analogy a b c -k 99999999999' \
         'sim king queen' 'odd king queen man paris' 'vec "caf\303\251"' 'set k 3; info; set' \
         'set output tsv; nn paris' 'set threads 0' 'help nn' 'help' 'rank king queen' \
         'load "a b.txt" --limit 10 --format=glove' 'save /dev/null --format bin' \
         '"unterminated' "nn 'single" 'nn "a\\"b"' 'a;b;;c' '  \t\r ' '# comment' \
         'nn --restrict=0 king' 'nn -k -1 king' 'nn -k 1e3 king' 'nn -kk king' '--' '-' \
         'axis king queen --top 3' 'cluster -k 3' 'n' 'an king' 'nn king -k' \
         'set k 100000; nn w0' 'odd' 'vec zero' 'nn zero' 'sim zero king' 'nn king - king' \
         'plot pca --top 10' 'plot tsne --top 20 --perplexity 3 --iter 30' 'plot pca king queen man' \
         'cluster 3 --top 20' 'cluster 50' 'axis man woman king queen' 'both king' 'recommend w1' \
         'analogy man king woman --keep-inputs --restrict 5' 'plot pca --near king 5 --size 40x10'; do
    printf '%s' "$c" | seed args
    printf '%s\n' "$c" | seed command
done
printf 'nn king\nnn queen -k 2\nset k 1\nnn w1 + w2\n' | seed command

# ---- vector tables as text ----
row() { printf '%s 0.1 -0.2 0.3 0.5\n' "$@"; }
{ row king; row queen; row man; row woman; } | seed text
{ printf '4 4\n'; row king; row queen; row man; row woman; } | seed text
{ printf '\357\273\277'; row king; row queen; } | seed text
printf 'king 1 2 3\r\nqueen 4 5 6\r\n' | seed text
printf 'king 1 2 3 \nqueen 4 5 6 \n' | seed text
printf '3 3\nking 1 2 3\nking 4 5 6\nqueen 7 8 9\n' | seed text
printf '1000000000000 3\nking 1 2 3\n' | seed text
printf '2 1000000000000\nking 1 2 3\n' | seed text
printf '5 3\nking 1 2 3\n' | seed text
printf 'king 1 2 3\nqueen 1 2\nman 1 2 3 4\n' | seed text
printf 'king nan 2 3\nqueen inf 1 2\nman 1e39 -1e-46 0x1p3\n' | seed text
printf 'king 0 0 0\nqueen 1 2 3' | seed text
printf 'k\377ng 1 2\nqu\303een 3 4\n' | seed text
printf '\n\n\nking 1 2\n\nqueen 3 4\n' | seed text
printf 'king\t1\t2\nqueen\t3\t4\n' | seed text
printf '1 2 3\n4 5 6\n' | seed text
printf '2 3\n' | seed text
printf '' | seed text
printf 'king' | seed text
printf '%s 1 2 3\n' '-' '--' '1990' '"q"' | seed text

# ---- word2vec binary ----
one='\000\000\200\077'; two='\000\000\000\100'; half='\000\000\000\077'; neg='\000\000\200\277'
binrow() { printf '%s ' "$1"; printf "$2"; printf "$3"; printf "$4"; }
{ printf '3 3\n'; binrow king "$one" "$two" "$half"; printf '\n'; binrow queen "$neg" "$one" "$two"; printf '\n'
  binrow man "$half" "$half" "$one"; printf '\n'; } | seed binary
{ printf '2 3\n'; binrow king "$one" "$two" "$half"; binrow queen "$neg" "$one" "$two"; } | seed binary
{ printf '2 3\n'; binrow king "$one" "$two" "$half"; printf 'queen '; printf "$one"; } | seed binary
{ printf '1000000000000 3\n'; binrow king "$one" "$two" "$half"; } | seed binary
{ printf '1 1000000000\n'; binrow king "$one" "$two" "$half"; } | seed binary
{ printf '2 3\r\n'; binrow king "$one" "$two" "$half"; printf '\n'; binrow king "$one" "$one" "$one"; } | seed binary
{ printf '1 3\n'; printf '\377\376 '; printf "$one$one$one"; } | seed binary
{ printf '1 3\n'; printf 'nanrow '; printf '\000\000\300\177'; printf "$one$one"; } | seed binary
printf '0 0\n' | seed binary
printf '3\n' | seed binary

# ---- gzip: compressed tables, and plain ones the harness compresses itself ----
for f in "$out"/text/seed-* "$out"/binary/seed-*; do
    gzip -c -n "$f" | seed gzip
    seed gzip <"$f"
done
{ printf 'king 1 2 3\n' | gzip -c -n; printf 'queen 4 5 6\n' | gzip -c -n; } | seed gzip
printf 'king 1 2 3\nqueen 4 5 6\n' | gzip -c -n | head -c 20 | seed gzip

# ---- native and cache: edit lists over a valid file (see fuzz_patch) ----
for d in native cache; do
    printf '' | seed $d
    printf '\000\000\000\000' | seed $d
    printf '\010\000\011\001\020\000\014\001\030\000\012\001' | seed $d
    printf '\040\000\000\002' | seed $d
    printf '\000\000\377\003\004\000\001\003' | seed $d
    printf '\060\000\203\001\100\000\215\001\120\000\006\001\140\000\007\001' | seed $d
done

# ---- expressions ----
for x in 'king - man + woman' 'king' '"-" + x' '- king' 'king +' 'king - king' 'zero' \
         '"q" - "--"' 'w0 + w1 - w2 + w3 - w4 + w5' '+ + king' 'king queen' '"king' \
         'Paris' 'paris - france + germany' "caf\303\251 + x" 'unknownword' '-lrb-'; do
    printf '%s' "$x" | seed expr
done

# ---- benchmark files: analogy questions and word-similarity pairs ----
printf ': capital-common\nparis france berlin germany\nking queen man woman\n: gram\nman woman king queen\n' | seed bench
printf ': s\nparis france berlin\nking queen man woman extra\n' | seed bench
printf 'PARIS FRANCE BERLIN GERMANY\n# comment\n\n' | seed bench
printf 'king\tqueen\t8.5\nman\twoman\t7\nparis\tberlin\t3.25\n' | seed bench
printf 'word1,word2,score\nking,queen,8.5\nman,woman,x\n' | seed bench
printf 'king queen nan\nman woman 1e400\nparis france -0\n' | seed bench
printf 'king queen 5\r\nman woman 6\r\n' | seed bench
printf ': only a section\n' | seed bench

# ---- interactions ----
printf '1::10::5::881250949\n1::11::3::881250950\n2::10::4::881250951\n2::12::1::881250952\n' | seed interactions
printf '196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n' | seed interactions
printf 'userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n2,31,4,1\n' | seed interactions
printf '1|2|3\n2|3|4\n1|3|x\n' | seed interactions
printf 'u1,i1\nu2,i2\nu1,i2\n' | seed interactions
printf '1::2::5\n1::2::4\n' | seed interactions
printf '1::2::nan::0\n2::3::inf::0\n' | seed interactions
printf '1::\n::2\n' | seed interactions
printf '1,2,3,4,5,6\n' | seed interactions

# ---- NumPy arrays and archives: the committed fixtures ----
data=$(dirname "$0")/../data
for f in "$data"/tiny*.np[yz]; do
    [ -f "$f" ] && seed npy <"$f"
done
for f in "$data"/tiny*.safetensors; do
    [ -f "$f" ] && seed safetensors <"$f"
done
printf '\030\000\000\000\000\000\000\000{"a":"\\u00e9\\ud83d\\ude00"}  ' | seed safetensors
# a checkpoint, and bare pickles (wrapped in a zip by the harness)
[ -f "$data/tiny.pt" ] && seed torch <"$data/tiny.pt"
unzip -p "$data/tiny.pt" '*/data.pkl' 2>/dev/null | seed torch || true
printf '\200\002}q\000X\001\000\000\000wq\001ctorch._utils\n_rebuild_tensor_v2\nq\002((X\007\000\000\000storagectorch\nFloatStorage\nX\001\000\000\0000X\003\000\000\000cpuK\020tQK\000K\004K\004\206K\004K\001\206\211ccollections\nOrderedDict\n)RtRs.' | seed torch
printf '\200\002cposix\nsystem\nX\002\000\000\000idtR.' | seed torch
# ---- Projector vectors.tsv and label files ----
# ---- fastText models: the committed one, cut short, and one with labels ----
ft="$(dirname "$0")/../data/tiny-fasttext.bin"
if [ -f "$ft" ]; then
    seed fasttext <"$ft"
    head -c 300 "$ft" | seed fasttext
    head -c 100 "$ft" | seed fasttext
fi
printf '0.1\t0.2\t0.3\n0.4\t0.5\t0.6\n' | seed projector
printf '1\t2\n3\n' | seed projector
printf 'word\tkind\nking\tx\nqueen\ty\n' | seed projector
i=0; while [ $i -lt 28 ]; do printf 'w%d\n' $((i % 20)); i=$((i + 1)); done | seed projector
printf '{"model":{"vocab":{"a":0,"b\\u00e9":1,"c":2}},"added_tokens":[{"id":27,"content":"[PAD]"}]}' | seed projector

# ---- row metadata and train-rows CSV (meta) ----
printf 'word\tkind\tfreq\nking\troyal\t10\nqueen\troyal\t9\n' | seed meta
printf 'title\tgenre\nA\tx\nB\ty\nC\tz\n' | seed meta
printf 'word\tkind\nking\n\tx\tx\n' | seed meta
printf 'a,b,c\n1,"x,y",z\n2,"q""uote","multi\nline"\n' | seed meta
printf '\357\273\277city,country\r\nParis,France\r\n,\r\n' | seed meta
