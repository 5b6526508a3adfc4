#!/bin/sh
# save-plot map.html writes one self-contained page: no network references,
# the data inline. In headless Chromium (skipped when absent) it loads
# without console errors, a search (map.html#search=w7) selects the word and
# lists its 10 nearest neighbours in the full space (the same as nn), and a
# 10,000-point map renders to a screenshot.
. "$SRCDIR/tests/lib.sh"
mktable "$T/t.txt" 200 20 2 --clusters 5
embx_run --no-cache "$T/t.txt" -c "plot tsne --top 200 --iter 300 --ascii; save-plot $T/map.html; nn w7 -k 10"
expect_ok
expect_err "wrote $T/map.html (200 points, 200 with their 10 nearest in the full space"
grep -qiE '(src|href)=|https?:|//cdn|@import|fetch\(|XMLHttpRequest' "$T/map.html" && fail "the page refers to something outside itself: $(grep -oiE '(src|href)=[^ ]*|https?:[^ ]*' "$T/map.html" | head -3)"
grep -q '"labels":\["w0","w1"' "$T/map.html" || fail "labels not inline"
grep -q 'trustworthiness' "$T/map.html" || fail "no faithfulness note in the page"
want=$(tail -n 10 "$T/out" | cut -f1 | tr '\n' ' ')
# a label cannot end the data element early
printf 'a</script><b>\t1\t2\nb\t3\t4\nc\t5\t6\n' > "$T/odd.tsv"
embx_run -c "load-proj $T/odd.tsv --ascii; save-plot $T/odd.html"
expect_ok
grep -q 'a</script>' "$T/odd.html" && fail "a label's </script> went into the page unescaped"
BROWSER=$(command -v chromium || command -v chromium-browser || true)
[ -n "$BROWSER" ] || skip "chromium not installed (apt-get install chromium): the page itself was checked"
browse() {
    prof=$(mktemp -d "$T/prof.XXXXXX")
    timeout 180 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
        --enable-logging=stderr --v=0 "$@" 2>"$T/log" || true
}
browse --dump-dom "file://$T/map.html#search=w7" > "$T/dom"
grep -q 'CONSOLE\|Uncaught' "$T/log" && fail "console messages: $(grep 'CONSOLE\|Uncaught' "$T/log" | head -5)"
grep -q '<body data-ready="1">' "$T/dom" || fail "the page script did not finish: $(head -c 400 "$T/dom")"
grep -q '<b id="sel">w7</b>' "$T/dom" || fail "the search did not select w7"
got=$(grep -o '<li class="nb" data-i="[0-9]*">[^<]*' "$T/dom" | sed 's/.*>//' | tr '\n' ' ')
[ "$got" = "$want" ] || fail "neighbours shown '$got', nn says '$want'"
browse --dump-dom "file://$T/map.html#search=nosuchword" > "$T/dom"
grep -q 'not found: nosuchword' "$T/dom" || fail "a failed search is not reported"
# a 10,000-point map renders
awk 'BEGIN { srand(3); for (i = 0; i < 10000; i++) { a = rand() * 6.283; r = (i % 4) + rand();
    printf "p%d\t%.4f\t%.4f\tg%d\n", i, r * cos(a) + (i % 4) * 3, r * sin(a), i % 4 } }' > "$T/big.tsv"
embx_run -c "load-proj $T/big.tsv --ascii; save-plot $T/big.html"
expect_ok
browse --window-size=1200,800 --screenshot="$T/shot.png" "file://$T/big.html"
grep -q 'CONSOLE\|Uncaught' "$T/log" && fail "console messages on the 10,000-point map: $(grep 'CONSOLE\|Uncaught' "$T/log" | head -5)"
[ -s "$T/shot.png" ] || fail "no screenshot of the 10,000-point map"
[ "$(wc -c < "$T/shot.png")" -gt 5000 ] || fail "the screenshot looks empty ($(wc -c < "$T/shot.png") bytes)"
pass
