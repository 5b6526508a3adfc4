# A file with a single user or a single item (or none at all) is refused
# with a reason.
status: 1
--- file one-user.csv
7,10,5
7,20,3
7,30,4
--- file one-item.tsv
1	A
2	A
3	A
--- file header-only.csv
user,item
--- input
train-pairs one-user.csv -o x.vec
train-pairs one-item.tsv -o x.vec
train-pairs header-only.csv -o x.vec
--- output
--- stderr
has a single user ('7')
has a single item ('A')
holds no interactions
