# A row of subnormal values (norm ~1e-44) counts as a zero vector: its inverse
# norm overflows float32 (found by fuzz_text: "nn king" ranked such a row
# first with score inf, and the table could not be saved as .embx and
# opened again because the stored norm was infinite).
table: tiny.txt
--- file tiny.txt
king 1 2 3
queen 1 2 2.5
tiny 1e-44 0 1e-45
man 3 1 0
--- input
vec tiny
nn king
save tiny.embx
load tiny.embx
vec tiny
nn king
--- output
tiny	9.80908925e-45	0	1.40129846e-45
queen	0.996024
man	0.422577
tiny	9.80908925e-45	0	1.40129846e-45
queen	0.996024
man	0.422577
--- stderr
tiny.txt: 1 zero vector kept
