# --bail stops at the first failed command.
table: small.txt
args: --bail
status: 1
--- input
bogus
vec king
--- output
--- stderr
embx: stdin:1: unknown command 'bogus' (type 'help' for the list)
