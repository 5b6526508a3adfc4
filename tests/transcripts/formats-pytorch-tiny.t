# A committed PyTorch checkpoint (the state_dict of an nn.Embedding saved by
# torch.save) opens by content, read by embx's own restricted unpickler.
table: tiny.pt
--- input
tensors
nn -k 2 #0
sim #0 #2
--- output
weight	4 x 3	float32
#1	0.988064
#3	-0.400000
-0.757266
