/* editdist: Levenshtein distance for spelling suggestions (words, commands,
 * options). */
#include <ctype.h>
#include <string.h>
#include "editdist.h"

size_t edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
    size_t prev[72], cur[72];
    if (la > 64 || lb > 64) return limit + 1;
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t rowmin = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t c = prev[j - 1] + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            if (prev[j] + 1 < c) c = prev[j] + 1;
            if (cur[j - 1] + 1 < c) c = cur[j - 1] + 1;
            cur[j] = c;
            if (c < rowmin) rowmin = c;
        }
        if (rowmin > limit) return limit + 1;
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}
