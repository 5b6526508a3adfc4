/* fuzz_interactions: the user-item interaction reader (MovieLens u.data,
 * ratings.dat, ratings.csv and relatives: "::", tab, '|' or ',' separators,
 * optional header, ratings and timestamps). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "interactions.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("ratings.dat", data, size);
    struct interactions x;
    memset(&x, 0, sizeof x);
    embx_err e;
    e.msg[0] = '\0';
    if (interactions_read(path, &x, NULL, &e) == EMBX_OK) {
        if (x.n == 0 || x.users.n < 2 || x.items.n < 2) abort();
        for (size_t i = 0; i < x.n; i++) {
            if (x.user[i] >= x.users.n || x.item[i] >= x.items.n) abort();
            if (x.rating && (!isfinite(x.rating[i]) || x.rating[i] < x.min_rating || x.rating[i] > x.max_rating))
                abort();
        }
        for (size_t i = 0; i < x.users.n; i++)
            if (id_set_find(&x.users, x.users.ids[i]) != (long)i) abort();
        for (size_t i = 0; i < x.items.n; i++)
            if (id_set_find(&x.items, x.items.ids[i]) != (long)i) abort();
    } else if (!e.msg[0]) {
        abort();
    }
    interactions_free(&x);
    return 0;
}
