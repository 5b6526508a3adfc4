# --test-fraction 0 and 1 are refused (nothing to evaluate on / to train on),
# before the file is read; so are other bad options (model, solver, prefixes).
status: 1
--- file r.csv
1,10,5
1,20,3
2,10,4
2,20,1
--- input
train-pairs r.csv -o x.vec --test-fraction 0
train-pairs r.csv -o x.vec --test-fraction 1
train-pairs r.csv -o x.vec --test-fraction lots
train-pairs r.csv -o x.vec --model svd
train-pairs r.csv -o x.vec --user-prefix x: --item-prefix x:
train-pairs r.csv -o x.vec --solver newton
train-pairs r.csv -o x.vec --model bpr --solver als
load x.vec
--- output
--- stderr
--test-fraction 0 is out of range
nothing to evaluate on
nothing to train on
test-fraction
unknown model 'svd'
must differ
unknown solver 'newton' (sgd or als)
--solver als fits mf (ratings) only
embx: stdin:8: load: x.vec: no such file
