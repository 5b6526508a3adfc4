#!/bin/sh
# train-rows on a generated CSV with planted column dependencies: a city
# fixes its country, a job fixes its income band (mostly); the dependent
# values are each other's nearest rows. The file also has an ID column
# (left out with a note), a repeated header name (renamed), missing values
# (skipped), quoted fields with commas, quotes and a line break, and a
# numeric column (bucketed). A broken line is named FILE:LINE.
. "$SRCDIR/tests/lib.sh"
awk 'BEGIN {
    srand(7)
    split("Paris Lyon Berlin Munich Madrid Sevilla Rome Milan", city, " ")
    split("France France Germany Germany Spain Spain Italy Italy", country, " ")
    split("nurse teacher lawyer surgeon", job, " ")
    split("low low high high", band, " ")
    print "id,city,country,job,income,note,note,age"
    for (r = 1; r <= 3000; r++) {
        c = int(rand() * 8) + 1; j = int(rand() * 4) + 1
        b = rand() < 0.9 ? band[j] : (band[j] == "low" ? "high" : "low")
        note = (r % 50 == 0) ? "\"says \"\"hi\"\", then\nleaves\"" : (r % 7 == 0 ? "\"a, b\"" : "x")
        inc = (r % 97 == 0) ? "" : b
        printf "%d,%s,%s,%s,%s,%s,%s,%d\n", r, city[c], country[c], job[j], inc, note, "NA", 20 + int(rand() * 50)
    }
}' >"$T/t.csv"
embx_run train-rows "$T/t.csv" -o "$T/v.vec" --threads 1
expect_ok
expect_err "left out as IDs"
expect_err "id (3000 distinct)"
expect_err "repeated column name"
expect_err "30 missing values"
expect_err "left out, no values at all: note.2"
expect_err "1 numeric column cut into 10 quantile buckets"
grep -q '^city=Paris ' "$T/v.vec" || fail "no row city=Paris"
grep -q '^note=a,_b ' "$T/v.vec" || fail "the quoted field 'a, b' is not one value: $(grep '^note=' "$T/v.vec" | cut -d' ' -f1)"
grep -q '^note=says_"hi",_then_leaves ' "$T/v.vec" || fail "the quoted field with a line break is not one value"
! grep -q '^id=' "$T/v.vec" || fail "the ID column was embedded"
[ "$(grep -c '^age=' "$T/v.vec")" -eq 10 ] || fail "not 10 age buckets: $(grep '^age=' "$T/v.vec" | cut -d' ' -f1)"
# planted pairs against unrelated ones
cat >"$T/cmds" <<EOC
sim city=Paris country=France
sim city=Paris country=Germany
sim city=Berlin country=Germany
sim city=Berlin country=Spain
sim city=Sevilla country=Spain
sim city=Sevilla country=Italy
sim city=Milan country=Italy
sim city=Milan country=France
sim job=nurse income=low
sim job=nurse income=high
sim job=surgeon income=high
sim job=surgeon income=low
EOC
embx_script "$T/cmds" --no-cache "$T/v.vec"
expect_ok
awk '{ v[NR] = $1 } END { for (i = 1; i < 12; i += 2) if (!(v[i] > v[i + 1] + 0.3)) { print i; exit 1 } }' "$T/out" \
    >"$T/bad" || fail "a planted pair is not clearly nearer than an unrelated one (pair $(cat "$T/bad")): $(tr '\n' ' ' <"$T/out")"
# every city's nearest row is its country, with the noise columns present
: >"$T/cmds"
for c in Paris Lyon Berlin Munich Madrid Sevilla Rome Milan; do echo "nn city=$c -k 1" >>"$T/cmds"; done
embx_script "$T/cmds" --no-cache "$T/v.vec"
expect_ok
cut -f1 "$T/out" | tr '\n' ' ' >"$T/got"
[ "$(cat "$T/got")" = "country=France country=France country=Germany country=Germany country=Spain country=Spain country=Italy country=Italy " ] \
    || fail "nearest rows of the cities: $(cat "$T/got")"
# one thread and a seed: the same table again
embx_run train-rows "$T/t.csv" -o "$T/v2.vec" --threads 1
expect_ok
cmp -s "$T/v.vec" "$T/v2.vec" || fail "two one-thread runs differ"
# --target: values are pulled towards the target values they predict
embx_run train-rows "$T/t.csv" -o "$T/s.vec" --threads 1 --columns city,job,income --target income
expect_ok
! grep -q '^country=' "$T/s.vec" || fail "--columns did not leave country out"
for j in nurse teacher lawyer surgeon; do printf 'sim job=%s income=low\nsim job=%s income=high\n' $j $j; done >"$T/cmds"
embx_script "$T/cmds" --no-cache "$T/s.vec"
expect_ok
awk '{ v[NR] = $1 } END { if (v[1] > v[2] && v[3] > v[4] && v[6] > v[5] && v[8] > v[7]) exit 0; exit 1 }' "$T/out" \
    || fail "--target: jobs are not nearest the income they predict: $(tr '\n' ' ' <"$T/out")"
printf 'id,a\n1,"open\n2,b\n' >"$T/bad.csv"
embx_run train-rows "$T/bad.csv" -o "$T/b.vec"
expect_failed
expect_err "bad.csv:2: a quoted field opened here is never closed"
printf 'a,b\n1,2\n3\n' >"$T/bad2.csv"
embx_run train-rows "$T/bad2.csv" -o "$T/b.vec"
expect_failed
expect_err "bad2.csv:3: 1 field, the header has 2"
embx_run train-rows "$T/t.csv" -o "$T/b.vec" --columns city,nosuch
expect_failed
expect_err "no column 'nosuch'"
pass
