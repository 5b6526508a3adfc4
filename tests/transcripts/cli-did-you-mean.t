# Command and option typos get a did-you-mean, as word typos do.
table: small.txt
status: 1
--- input
nm king -k 1
nn king --restirct 3
simm king queen
--- output
--- stderr
embx: stdin:1: unknown command 'nm' (did you mean: nn?)
embx: stdin:2: nn: unknown option '--restirct' for nn (did you mean: --restrict?)
embx: stdin:3: unknown command 'simm' (did you mean: sim?)
