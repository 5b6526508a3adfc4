/* fuzz_expr: the vector-expression parser (`king - man + woman`, quoted
 * words, stray operators) over the tokenizer's output, against a small table,
 * then the query vector, the distinct rows and the formatted expression. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "args.h"
#include "expr.h"
#define FUZZ_WANT_TABLE
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1);
    if (!line) return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    struct token *toks;
    size_t n;
    embx_err e;
    if (args_tokenize(line, &toks, &n, &e) == EMBX_OK) {
        struct expr_word *ptrs = malloc((n ? n : 1) * sizeof *ptrs);
        if (!ptrs) abort();
        for (size_t i = 0; i < n; i++) ptrs[i] = (struct expr_word){toks[i].text, toks[i].quoted};
        struct expr x = {0};
        e.msg[0] = '\0';
        if (expr_parse(fuzz_tab, ptrs, n, &x, &e) == EMBX_OK) {
            if (x.n == 0 || x.n > n) abort();
            for (size_t i = 0; i < x.n; i++)
                if (x.terms[i].row >= fuzz_tab->n || (x.terms[i].weight != 1.0f && x.terms[i].weight != -1.0f)) abort();
            size_t *rows = malloc(x.n * sizeof *rows);
            float *q = malloc(fuzz_tab->dim * sizeof *q);
            if (!rows || !q) abort();
            size_t nr = expr_rows(&x, rows);
            if (nr == 0 || nr > x.n) abort();
            e.msg[0] = '\0';
            if (expr_vector(fuzz_tab, &x, q, &e) == EMBX_OK) {
                double s = 0;
                for (size_t j = 0; j < fuzz_tab->dim; j++) s += (double)q[j] * q[j];
                if (!(fabs(s - 1.0) < 1e-3)) abort();   /* a unit query vector */
            } else if (!e.msg[0]) {
                abort();
            }
            char buf[256];
            expr_format(fuzz_tab, &x, buf, sizeof buf);
            if (!memchr(buf, '\0', sizeof buf)) abort();
            free(rows);
            free(q);
        } else if (!e.msg[0]) {
            abort();
        }
        expr_free(&x);
        free(ptrs);
        args_free_tokens(toks, n);
    }
    free(line);
    return 0;
}
