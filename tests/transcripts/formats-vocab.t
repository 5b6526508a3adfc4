# --vocab names the rows of a table: one label a line (vocab.txt), or a
# HuggingFace tokenizer.json (id -> token, added tokens too); a count that
# differs is an error giving both counts; a repeated label keeps its row as
# LABEL#ROW; #N still addresses row N.
table: tiny.npy
args: --vocab v.txt
status: 1
--- file v.txt
king
queen
frog
toad
--- file tokenizer.json
{"model":{"type":"WordPiece","vocab":{"[UNK]":0,"caf\u00e9":1,"x":2}},
"added_tokens":[{"id":3,"content":"[PAD]","special":true}]}
--- file short.txt
a
b
c
--- file long.txt
a
b
c
d
e
--- file tok2.json
{"model":{"vocab":{"a":0,"b":1}}}
--- file rep.txt
a
a
c
d
--- input
nn -k 2 king
sim #0 queen
load data/tiny.npy --vocab v.txt
vec toad
load data/tiny.npy --vocab tokenizer.json
nn -k 1 [UNK]
load data/tiny.npy --vocab short.txt
load data/tiny.npy --vocab long.txt
load data/tiny.npy --vocab tok2.json
load data/tiny.npy --vocab rep.txt
nn -k 1 a
--- output
queen	0.988064
toad	-0.400000
0.988064
toad	0	-1	0.5
café	0.988064
a#1	0.988064
--- stderr
short.txt: 3 labels for a table of 4 rows
long.txt: 5 labels for a table of 4 rows
tok2.json: the tokenizer has 2 ids, the table 4 rows
