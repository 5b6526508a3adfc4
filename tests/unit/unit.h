/* unit: helpers shared by the check-based unit tests. */
#ifndef EMBX_TEST_UNIT_H
#define EMBX_TEST_UNIT_H
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "table.h"

/* Runs the suite and returns the process exit status. */
static inline int unit_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* A table of n rows named words[i], values left for the caller to fill
 * (the vocabulary is set; call table_finish after filling). */
static inline embx_table *unit_table(const char *const *words, size_t n, size_t dim)
{
    embx_err e;
    embx_table *t = table_create(n, dim, &e);
    ck_assert_ptr_nonnull(t);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) len += strlen(words[i]) + 1;
    char *blob = malloc(len), *p = blob;
    ck_assert_ptr_nonnull(blob);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(words[i]) + 1;
        memcpy(p, words[i], l);
        p += l;
    }
    t->n = n;
    ck_assert_int_eq(table_set_vocab(t, blob, len, true, &e), EMBX_OK);
    return t;
}

#endif
