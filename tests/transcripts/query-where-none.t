# --where on a table without metadata says how to attach some.
table: small.txt
status: 1
--- input
nn king --where kind=royal
--- output
--- stderr
stdin:1: nn: --where kind=royal: the table has no metadata (attach some with --meta FILE)
