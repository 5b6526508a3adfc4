# 'exit' leaves like 'quit' (nothing after it runs); '?' is 'help'.
table: small.txt
--- input
? sim
exit
sim king queen
--- output
usage: sim A B
cosine similarity of two words
