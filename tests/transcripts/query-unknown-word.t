# An unknown word is named, with close vocabulary entries suggested, by every
# query command.
table: small.txt
status: 1
--- input
nn kingg
nn queen - kingg
analogy man kingg woman
sim kingg queen
odd king queen kingg
rank king kingg
nn Queen -k 1
--- output
--- stderr
embx: stdin:1: nn: 'kingg' is not in the table (did you mean: king
embx: stdin:2: nn: 'kingg' is not in the table (did you mean: king
embx: stdin:3: analogy: 'kingg' is not in the table (did you mean: king
embx: stdin:4: sim: 'kingg' is not in the table (did you mean: king
embx: stdin:5: odd: 'kingg' is not in the table (did you mean: king
embx: stdin:6: rank: 'kingg' is not in the table (did you mean: king
embx: stdin:7: nn: 'Queen' is not in the table (did you mean: queen
