# Arity, unknown options, ambiguous prefixes and bad settings are refused
# with a message that says what would be right; a unique prefix is the command.
table: small.txt
status: 1
--- input
vec
vec king queen
load x --bogus
s
ve king
set k 0
set output fancy
vec "open
--- output
king	0.5	0.25	-0.125	1
--- stderr
embx: stdin:1: vec: missing argument (usage: vec WORD)
embx: stdin:2: vec: too many arguments: 'queen' (usage: vec WORD)
unknown option '--bogus' for load (valid: --format, --limit, --no-cache, --skip-bad, --tensor, --vocab, --meta)
embx: stdin:4: 's' is ambiguous: save, set
k must be a whole number of at least 1, not '0'
output must be auto, table or tsv
unterminated " quote at column 5
