# Absurd settings are refused before reading the corpus, naming the option.
status: 1
--- file c.txt
a b c
--- input
train c.txt -o v.vec --dim 0
train c.txt -o v.vec --window 0
train c.txt -o v.vec --negative -1
train c.txt -o v.vec --threads 0
train c.txt -o v.vec --epochs 0
train c.txt -o v.vec --min-count 0
train c.txt -o v.vec --sample -1
train c.txt -o v.vec --alpha 0
train c.txt -o v.vec --model glove
train c.txt -o v.vec --dim abc
train c.txt -o v.vec --format nope
--- output
--- stderr
embx: stdin:1: train: --dim
embx: stdin:2: train: --window
embx: stdin:3: train: --negative
embx: stdin:4: train: --threads
embx: stdin:5: train: --epochs
embx: stdin:6: train: --min-count
embx: stdin:7: train: --sample
embx: stdin:8: train: --alpha
embx: stdin:9: train: --model
embx: stdin:10: train: --dim
embx: stdin:11: train: -o v.vec: --format: unknown format 'nope'
