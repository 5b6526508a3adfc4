# A committed deflated .npz: --tensor picks one 2-D array by name, and
# `tensors` lists the 2-D arrays with shape and dtype.
table: tiny.npz
args: --tensor emb
--- input
tensors
nn -k 1 #0
--- output
emb	4 x 3	float32
proj	2 x 3	float32
#1	0.988064
