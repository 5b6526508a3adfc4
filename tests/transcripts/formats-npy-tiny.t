# A committed little-endian float32 .npy opens by content; rows without
# labels are named #0, #1, ... and #N addresses a row wherever a word goes.
table: tiny.npy
--- input
nn -k 2 #0
sim #0 #2
vec #3
--- output
#1	0.988064
#3	-0.400000
-0.757266
#3	0	-1	0.5
