# A committed safetensors file with one 2-D tensor (and a 1-D bias) opens
# without --tensor; `tensors` lists its 2-D tensor.
table: tiny.safetensors
--- input
tensors
nn -k 2 #0
sim #0 #2
--- output
emb.weight	4 x 3	F32
#1	0.988064
#3	-0.400000
-0.757266
