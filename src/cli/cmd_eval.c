/* cmd_eval: `eval analogy FILE` and `eval sim FILE` (see evaluate.h). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "evaluate.h"
#include "output.h"

static void show_messages(const struct session *s, const struct eval_messages *m)
{
    for (size_t i = 0; i < m->n; i++) session_note(s, "%s (skipped)", m->msg[i]);
    if (m->count > m->n) session_note(s, "... and %zu more malformed lines (skipped)", m->count - m->n);
}

static void acc_row(const struct session *s, outtab *o, const char *name, size_t correct, size_t total)
{
    char acc[32];
    if (out_pretty(s))
        snprintf(acc, sizeof acc, total ? "%.2f%%" : "-", total ? 100.0 * (double)correct / (double)total : 0.0);
    else
        snprintf(acc, sizeof acc, "%.6f", total ? (double)correct / (double)total : 0.0);
    outtab_addf(o, "%s\t%zu\t%zu\t%s", name, correct, total, acc);
}

static int eval_analogy_cmd(struct session *s, const char *path, const struct eval_opts *o, embx_err *e)
{
    struct eval_analogy_result r;
    progress p;
    int rc = eval_analogy(s->table, path, o, &r, &p, e);
    if (rc != EMBX_OK) return rc;
    show_messages(s, &r.bad);
    outtab t;
    outtab_init(&t, 4);
    t.right[1] = t.right[2] = t.right[3] = true;
    if (out_pretty(s)) outtab_addf(&t, "section\tcorrect\ttotal\taccuracy");
    for (size_t i = 0; i < r.nsections; i++)
        acc_row(s, &t, r.sections[i].name, r.sections[i].correct, r.sections[i].total);
    acc_row(s, &t, "semantic", r.sem_correct, r.sem_total);
    acc_row(s, &t, "syntactic", r.syn_correct, r.syn_total);
    acc_row(s, &t, "total", r.correct, r.total);
    outtab_print(s, &t, stdout);
    size_t rows = o->restrict_rows && o->restrict_rows < s->table->n ? o->restrict_rows : s->table->n;
    session_note(s, "%zu of %zu questions skipped: a word is not among the first %zu rows%s (%.1f%%)",
                 r.oov, r.questions, rows, o->case_sensitive ? "" : " (case-insensitive)",
                 r.questions ? 100.0 * (double)r.oov / (double)r.questions : 0.0);
    eval_analogy_free(&r);
    return EMBX_OK;
}

static int eval_sim_cmd(struct session *s, const char *path, const struct eval_opts *o, embx_err *e)
{
    struct eval_sim_result r;
    int rc = eval_sim(s->table, path, o, &r, e);
    if (rc != EMBX_OK) return rc;
    show_messages(s, &r.bad);
    outtab t;
    outtab_init(&t, 2);
    t.right[1] = true;
    outtab_addf(&t, "spearman\t%.6f", r.spearman);
    outtab_addf(&t, "pearson\t%.6f", r.pearson);
    outtab_addf(&t, "pairs\t%zu", r.pairs);
    outtab_addf(&t, "oov_pairs\t%zu", r.oov);
    outtab_addf(&t, "oov_ratio\t%.6f", r.oov_ratio);
    outtab_print(s, &t, stdout);
    return EMBX_OK;
}

static int run_eval(struct session *s, const struct args *a, embx_err *e)
{
    const char *kind = args_word(a, 0), *path = args_word(a, 1);
    struct eval_opts o;
    memset(&o, 0, sizeof o);
    long restrict_rows;
    if (args_long(a, "restrict", EVAL_DEFAULT_RESTRICT, 1, LONG_MAX, &restrict_rows, e)) return EMBX_ERR;
    o.restrict_rows = (size_t)restrict_rows;
    o.case_sensitive = args_has(a, "case-sensitive");
    o.mul = args_has(a, "mul");
    o.threads = session_threads(s);
    if (strcmp(kind, "analogy") == 0) return eval_analogy_cmd(s, path, &o, e);
    if (strcmp(kind, "sim") == 0) {
        if (o.mul) return err_set(e, "--mul applies to 'eval analogy' only");
        return eval_sim_cmd(s, path, &o, e);
    }
    return err_set(e, "unknown benchmark '%s' (analogy or sim)", kind);
}

static const struct optspec eval_opts[] = {
    {"restrict", 0, 1, "N", "vocabulary = the first N rows (default 300000, as gensim)"},
    {"mul", 0, 0, NULL, "analogies by 3CosMul instead of 3CosAdd"},
    {"case-sensitive", 0, 0, NULL, "match words exactly (default: upper-cased, as gensim)"},
    {0},
};

const struct command cmds_eval[] = {
    {
        .name = "eval",
        .args = "analogy|sim FILE",
        .help = "benchmarks: analogy questions (questions-words) or word-pair similarity",
        .min_args = 2, .max_args = 2,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_FILES,
        .opts = eval_opts,
        .run = run_eval,
        .details =
            "eval analogy FILE: ': section' lines, then questions 'A B C D' (A is to B as\n"
            "C is to D). Prints correct/total per section, then semantic, syntactic ('gram*'\n"
            "sections) and total accuracy, and how many questions were skipped because a\n"
            "word is not in the vocabulary. As gensim's evaluate_word_analogies: the\n"
            "vocabulary is the first --restrict rows, words match case-insensitively, and\n"
            "the prediction is the best answer that is not one of A, B, C.\n"
            "eval sim FILE: lines 'WORD1 WORD2 SCORE' (tab or blank separated, '#' comments;\n"
            "WordSim-353 and SimLex-999 layouts). Prints Spearman and Pearson correlation of\n"
            "the cosines with the scores, the pairs used and the out-of-vocabulary ratio\n"
            "(percent), as gensim's evaluate_word_pairs. Malformed lines are reported as\n"
            "FILE:LINE and skipped.",
    },
    {0},
};
