/* fuzz_bench: the benchmark-file readers: the same input is read as analogy
 * questions (questions-words format, 3CosAdd and 3CosMul) and as word-pair
 * similarities, against a small table whose words the seeds use. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "evaluate.h"
#define FUZZ_WANT_TABLE
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("bench.txt", data, size);
    uint32_t h = fuzz_hash(data, size);
    struct eval_opts o = {0};
    o.restrict_rows = (h & 3) == 0 ? 10 : 0;
    o.case_sensitive = (h >> 2) & 1;
    o.mul = (h >> 3) & 1;
    o.threads = 1;
    embx_err e;

    struct eval_analogy_result a;
    memset(&a, 0, sizeof a);
    e.msg[0] = '\0';
    int rc = eval_analogy(fuzz_tab, path, &o, &a, NULL, &e);
    if (rc == EMBX_OK) {
        size_t c = 0, t = 0;
        for (size_t i = 0; i < a.nsections; i++) {
            if (!a.sections[i].name || a.sections[i].correct > a.sections[i].total) abort();
            c += a.sections[i].correct;
            t += a.sections[i].total;
        }
        if (c != a.correct || t != a.total || a.correct > a.total || a.oov > a.questions) abort();
        if (a.sem_correct + a.syn_correct != a.correct || a.sem_total + a.syn_total != a.total) abort();
        if (a.bad.n > EVAL_MAX_MESSAGES || a.bad.n > a.bad.count) abort();
    } else if (!e.msg[0]) {
        abort();
    }
    eval_analogy_free(&a);

    struct eval_sim_result s;
    memset(&s, 0, sizeof s);
    e.msg[0] = '\0';
    if (eval_sim(fuzz_tab, path, &o, &s, &e) == EMBX_OK) {
        if (s.pairs < 2) abort();
        if (!isnan(s.spearman) && (s.spearman < -1.0000001 || s.spearman > 1.0000001)) abort();
        if (!isnan(s.pearson) && (s.pearson < -1.0000001 || s.pearson > 1.0000001)) abort();
        if (!(s.oov_ratio >= 0 && s.oov_ratio <= 100)) abort();
    } else if (!e.msg[0]) {
        abort();
    }
    return 0;
}
