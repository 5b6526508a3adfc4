#!/bin/sh
# --vocab names the rows of a table: one label a line (vocab.txt), or a
# HuggingFace tokenizer.json (id -> token, added tokens too); a count that
# differs is an error giving both counts; a repeated label keeps its row as
# LABEL#ROW; #N still addresses row N.
. "$SRCDIR/tests/lib.sh"
npy="$SRCDIR/tests/data/tiny.npy"
printf 'king\nqueen\nfrog\ntoad\n' >"$T/v.txt"
embx_run --no-cache "$npy" --vocab "$T/v.txt" -c 'nn -k 2 king' -c 'sim #0 queen'
expect_ok
printf 'queen\t0.988064\ntoad\t-0.400000\n0.988064\n' >"$T/want"
expect_file_eq "$T/want" "$T/out"
embx_run --no-cache -c "load $npy --vocab $T/v.txt" -c 'vec toad'
expect_ok
expect_out "toad	0	-1	0.5"
printf '{"model":{"type":"WordPiece","vocab":{"[UNK]":0,"caf\\u00e9":1,"x":2}},\n"added_tokens":[{"id":3,"content":"[PAD]","special":true}]}' >"$T/tokenizer.json"
embx_run --no-cache "$npy" --vocab "$T/tokenizer.json" -c 'nn -k 1 [UNK]'
expect_ok
printf 'café\t0.988064\n' >"$T/want"
expect_file_eq "$T/want" "$T/out"
printf 'a\nb\nc\n' >"$T/short.txt"
embx_run --no-cache "$npy" --vocab "$T/short.txt"
expect_failed
expect_err "short.txt: 3 labels for a table of 4 rows"
printf 'a\nb\nc\nd\ne\n' >"$T/long.txt"
embx_run --no-cache "$npy" --vocab "$T/long.txt"
expect_failed
expect_err "long.txt: 5 labels for a table of 4 rows"
printf '{"model":{"vocab":{"a":0,"b":1}}}' >"$T/tok2.json"
embx_run --no-cache "$npy" --vocab "$T/tok2.json"
expect_failed
expect_err "tok2.json: the tokenizer has 2 ids, the table 4 rows"
printf 'a\na\nc\nd\n' >"$T/rep.txt"
embx_run --no-cache "$npy" --vocab "$T/rep.txt" -c 'nn -k 1 a'
expect_ok
expect_out "a#1"
pass
