# --echo prints each command as a '#' line before its output, so piped
# results can be read back (the README's own example).
table: small.txt
args: --echo
--- input
nn paris -k 1

# comments are not echoed
nn king -k 1; sim king queen
--- output
# nn paris -k 1
france	0.982502
# nn king -k 1
queen	0.932568
# sim king queen
0.932568
