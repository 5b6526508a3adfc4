# A command that reads the table, with none loaded, says how to load one.
status: 1
--- input
info
--- output
--- stderr
embx: stdin:1: info: no table loaded (use 'load FILE' first)
