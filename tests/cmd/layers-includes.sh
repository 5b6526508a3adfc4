#!/bin/sh
# Includes flow one way: cli -> compute (query, project, plot, train, recsys,
# compare) -> io -> base. A file under src/ that includes a header of a higher
# layer (or of a compute area it has no business with) fails this test, with
# the file, the header and the rule.
. "$SRCDIR/tests/lib.sh"
cd "$SRCDIR/src" || fail "no src/ under $SRCDIR"
rank() {
    case $1 in
        base) echo 0 ;; io) echo 1 ;;
        query|project|plot|train|recsys|compare) echo 2 ;;
        cli) echo 3 ;; *) echo 9 ;;
    esac
}
# Compute areas that may use another compute area (what and why):
# compare uses query's knn, expressions and selections; project's t-SNE
# uses query's knn for its neighbour graph; recsys's item2vec trains with
# train's word2vec.
allowed_across() {
    case "$1 $2" in
        "compare query"|"project query"|"recsys train") return 0 ;;
    esac
    return 1
}
# the area of every header under src/
ls -- */*.h | awk -F/ '{ print $2, $1 }' > "$T/areas"
[ -s "$T/areas" ] || fail "no headers found under src/"
bad=0
for f in */*.c */*.h; do
    area=${f%%/*}
    ra=$(rank "$area")
    [ "$ra" = 9 ] && { echo "$f: src/$area is not a known area (add it to tests/cmd/layers-includes.sh)" >&2; bad=1; continue; }
    for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        hb=$(basename "$h")
        harea=$(awk -v h="$hb" '$1 == h { print $2; exit }' "$T/areas")
        [ -n "$harea" ] || continue          # config.h, system or generated headers
        [ "$harea" = "$area" ] && continue
        rh=$(rank "$harea")
        if [ "$rh" -gt "$ra" ]; then
            echo "$f includes $h: $area may not include $harea (includes flow cli -> compute -> io -> base)" >&2
            bad=1
        elif [ "$rh" -eq "$ra" ] && ! allowed_across "$area" "$harea"; then
            echo "$f includes $h: compute area $area does not use $harea (allowed pairs are listed in this test)" >&2
            bad=1
        fi
    done
done
[ "$bad" = 0 ] || fail "includes go against the layers (see above)"
# the rule is checked at all: the areas list covers every layer
for a in base io query cli; do grep -q " $a\$" "$T/areas" || fail "no headers of area $a found"; done
pass
