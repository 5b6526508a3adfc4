#!/bin/sh
# Prints the man page's FORMATS section from the format registry, as the
# `formats` command lists it: doc/man-formats.sh ./embx
# tests/cmd/formats-doc.sh checks that doc/embx.1 holds exactly this text
# (UPDATE=1 there rewrites it).
"${1:-embx}" --no-cache -q -c formats </dev/null | awk -F'\t' '
function esc(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); return s }
BEGIN { print ".SH FORMATS"
        print "The format of a file to open is detected from its content (\\fB\\-\\-format\\fR"
        print "names one); the format of a file to write follows \\fB\\-\\-format\\fR, else the"
        print "file name'"'"'s ending below (a further \\fI.gz\\fR compresses), else the format the"
        print "table was read in. \\fBembx \\-c formats\\fR prints this list." }
{ print ".TP"
  line = ".B " esc($1)
  print line
  extra = ""
  if ($2 != "-") extra = extra " Also called " esc($2) "."
  if ($3 != "-") extra = extra " Files named " esc($3) "."
  print esc($5) "." extra " Can " esc($4) "." }'
