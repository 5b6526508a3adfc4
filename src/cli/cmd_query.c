/* cmd_query: nn, sim, analogy, odd, rank (rows of the command table and
 * their handlers). The numbers are gensim's; see knn.h, analogy.h, similar.h. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strutil.h"
#include "commands.h"
#include "analogy.h"
#include "cmd_compare.h"
#include "cmd_index.h"
#include "expr.h"
#include "knn.h"
#include "output.h"
#include "progress.h"
#include "quant.h"
#include "recstore.h"
#include "rowmeta.h"
#include "selargs.h"
#include "similar.h"

/* --restrict N: only the first N rows are searched (0 = all). */
static int read_restrict(const struct session *s, const struct args *a, size_t *limit, embx_err *e)
{
    long v;
    if (args_long(a, "restrict", 0, 1, LONG_MAX, &v, e)) return EMBX_ERR;
    *limit = (size_t)v < s->table->n ? (size_t)v : 0;
    return EMBX_OK;
}

#define ANSWERS "rows that can be answers"

/* Rows that can be answers: the searched rows minus the excluded ones in them. */
static size_t answer_rows(const embx_table *t, size_t limit, const size_t *ex, size_t nex)
{
    size_t rows = limit ? limit : t->n, n = rows;
    for (size_t i = 0; i < nex; i++) {
        bool again = false;          /* analogy a a b excludes two rows, not three */
        for (size_t j = 0; j < i; j++) again |= ex[j] == ex[i];
        if (!again && ex[i] < rows && n > 0) n--;
    }
    return n;
}

/* The int8 copy behind --fast and the exact prescan, owned by the session:
 * built by the first query that wants it, freed when the table is replaced. */
static int fast_ready(struct session *s, bool prescan, embx_err *e)
{
    if (quant_matches(s->fast, s->table)) return EMBX_OK;
    quant_free(s->fast);
    s->fast = NULL;
    double t0 = progress_now();
    if (quant_build(s->table, session_threads(s), &s->fast, e)) return EMBX_ERR;
    if (prescan)
        session_note(s, "built an int8 copy of the table (%.1f MB) in %.2f s: exact queries now read it first and "
                        "score only the rows that can be among the best (set prescan off: read every float)",
                     quant_memory(s->fast) / 1e6, progress_now() - t0);
    else
        session_note(s, "--fast: built an int8 copy of the table (%.1f MB) in %.2f s; later --fast queries reuse it",
                     quant_memory(s->fast) / 1e6, progress_now() - t0);
    return EMBX_OK;
}

/* Exact queries on tables of at least this many values read the int8 copy
 * first (a quarter of the bytes): below it the float scan is fast enough. */
#define PRESCAN_MIN ((size_t)1 << 24)

/* Whether this exact search of the first `limit` rows (0 = all) goes
 * through the int8 copy, building it when it is due: a big table, `set
 * prescan` not off, the default scan (EMBX_KNN_BLAS=1 scores differently
 * from the rows' re-scoring), and not the table's first exact search unless
 * the copy exists: building it costs some 30 float scans, which a one-off
 * `embx FILE -c 'nn WORD'` would pay for nothing. A copy that cannot be
 * built (memory) leaves the float scan. */
static bool prescan_ready(struct session *s, size_t limit)
{
    const embx_table *t = s->table;
    size_t rows = limit && limit < t->n ? limit : t->n;
    if (s->prescan_off || rows * t->dim < PRESCAN_MIN || knn_scans_with_blas()) return false;
    if (s->exact_queries++ == 0 && !quant_matches(s->fast, t)) return false;
    embx_err ignored;
    return fast_ready(s, true, &ignored) == EMBX_OK;
}

/* knn_query's answer, through the int8 copy when prescan_ready. */
static int exact_search(struct session *s, const float *q, size_t k, size_t limit, const size_t *ex, size_t nex,
                        struct knn_hit *hits, size_t *nh, embx_err *e)
{
    const embx_table *t = s->table;
    if (prescan_ready(s, limit)) {
        size_t scored;
        return quant_query_exact(t, s->fast, q, k, limit, ex, nex, session_threads(s), hits, nh, &scored, e);
    }
    return knn_query(t, q, k, limit, ex, nex, session_threads(s), hits, nh, e);
}

/* Prints hits; a hit without a row (KNN_NO_ROW, a word the model built) is
 * printed as names[i] (names may be NULL when every hit has a row). */
static void print_named_hits(const struct session *s, const struct knn_hit *h, const char *const *names, size_t n)
{
    /* rows with metadata (--meta, a recommender's sidecar): its columns too */
    const embx_table *t = s->table;
    const struct rowmeta *m = t->meta;
    size_t nm = m ? (m->ncols < 14 ? m->ncols : 14) : 0;
    outtab o;
    outtab_init(&o, 2 + nm);
    o.right[1] = true;
    for (size_t c = 0; c < nm; c++) o.right[2 + c] = m->cols[c].type == META_NUM;
    if (nm && out_pretty(s)) {
        const char *head[16] = {"row", "score"};
        for (size_t c = 0; c < nm; c++) head[2 + c] = m->cols[c].name;
        outtab_add(&o, head);
    }
    for (size_t i = 0; i < n; i++) {
        char score[32];
        out_number(s, score, sizeof score, h[i].score, 6);
        size_t r = h[i].row;
        const char *cells[16] = {r == KNN_NO_ROW ? names[i] : t->words[r], score};
        for (size_t c = 0; c < nm; c++) cells[2 + c] = r == KNN_NO_ROW ? "" : rowmeta_str(m, c, r);
        outtab_add(&o, cells);
    }
    outtab_print(s, &o, stdout);
}

static void print_hits(const struct session *s, const struct knn_hit *h, size_t n)
{
    print_named_hits(s, h, NULL, n);
}

static int lookup(const embx_table *t, const char *w, size_t *row, embx_err *e)
{
    long r = table_find(t, w);
    if (r < 0) return table_err_unknown(t, w, e);
    *row = (size_t)r;
    return EMBX_OK;
}

/* Says which words got their vector from the model rather than a row. */
static void note_oov(const struct session *s, const struct expr *x)
{
    for (size_t i = 0; i < x->n; i++)
        if (x->terms[i].row == EXPR_NO_ROW)
            session_note(s, "'%s' is not in the vocabulary: its vector was built from %s", x->terms[i].word,
                         s->table->oov->how);
}

/* The vector of word w (row's, or the model's for an unseen word, noted)
 * into buf; *row is EXPR_NO_ROW for an unseen word. */
static int word_vector(const struct session *s, const char *w, float *buf, size_t *row, embx_err *e)
{
    const embx_table *t = s->table;
    long r = table_find(t, w);
    if (r >= 0) {
        *row = (size_t)r;
        memcpy(buf, table_row(t, *row), sizeof(float) * t->dim);
        return EMBX_OK;
    }
    if (!table_oov_vector(t, w, buf)) return table_err_unknown(t, w, e);
    *row = EXPR_NO_ROW;
    session_note(s, "'%s' is not in the vocabulary: its vector was built from %s", w, t->oov->how);
    return EMBX_OK;
}

/* The command's words as an expression (quoted words stay words). */
static int expr_from_args(const embx_table *t, const struct args *a, bool all_words, struct expr *x, embx_err *e)
{
    /* all_words: every argument is a word, summed ("a + b + c") */
    struct expr_word *w = malloc(sizeof *w * (a->npos ? 2 * a->npos : 1));
    if (!w) return err_set(e, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < a->npos; i++) {
        if (all_words && i) w[n++] = (struct expr_word){"+", false};
        w[n++] = (struct expr_word){a->pos[i]->text, all_words || a->pos[i]->quoted};
    }
    int rc = expr_parse(t, w, n, x, e);
    free(w);
    return rc;
}

/* nn --dot / --min-count: the candidate rows are listed (the first `limit`
 * rows, minus the input words, minus rows counted fewer than min_count
 * times) and scored by the model's own score (dot product plus bias) or by
 * cosine. */
static int nn_rows(struct session *s, const struct args *a, const struct expr *x, size_t limit, embx_err *e)
{
    const embx_table *t = s->table;
    bool dot = args_has(a, "dot");
    long minc;
    if (args_long(a, "min-count", 0, 0, LONG_MAX, &minc, e)) return EMBX_ERR;
    /* the chosen rows are scored exactly: fewer rows than a full scan, and the
       int8 copy and the index hold the whole table, not the chosen rows */
    if (args_has(a, "fast") || args_has(a, "approx"))
        session_note(s, "--%s: --dot, --min-count and --where search their chosen rows exactly",
                     args_has(a, "fast") ? "fast" : "approx");
    unsigned char *keep = NULL;
    size_t nkeep;
    char wdesc[200];
    if (where_from_args(t, a, &keep, &nkeep, wdesc, sizeof wdesc, e)) return EMBX_ERR;
    if (minc > 0 && !t->counts)
        return err_set(e, "--min-count: this table has no counts (a recommender table's sidecar holds them)");
    size_t end = limit ? limit : t->n, n = 0, k = 0, nh = 0;
    size_t *rows = malloc(sizeof(size_t) * (end + 1)), *ex = malloc(sizeof(size_t) * (x->n + 1));
    float *q = calloc(t->dim, sizeof(float));
    struct recsys_hit *rh = NULL;
    struct knn_hit *hits = NULL;
    int rc = EMBX_OK;
    if (!rows || !ex || !q) { rc = err_set(e, "out of memory"); goto done; }
    size_t nex = expr_rows(x, ex);
    for (size_t r = 0; r < end; r++) {
        bool input = false;
        for (size_t j = 0; j < nex; j++) input |= ex[j] == r;
        if (input || (minc > 0 && t->counts[r] < minc) || (keep && !keep[r])) continue;
        rows[n++] = r;
    }
    if ((rc = session_read_k(s, a, n, ANSWERS, &k, e))) goto done;
    hits = malloc(sizeof(*hits) * k);
    rh = malloc(sizeof(*rh) * k);
    if (!hits || !rh) { rc = err_set(e, "out of memory"); goto done; }
    if (dot) {
        /* the raw vectors: a factor's length is part of the model's score */
        for (size_t i = 0; i < x->n; i++) {
            float inv;
            const float *v = expr_term_vector(t, x, i, &inv);
            for (size_t c = 0; c < t->dim; c++) q[c] += x->terms[i].weight * v[c];
        }
        if ((rc = recsys_dot_top(t, q, rows, n, k, rh, &nh, e))) goto done;
        for (size_t i = 0; i < nh; i++) { hits[i].row = rh[i].row; hits[i].score = rh[i].score; }
    } else {
        if ((rc = expr_vector(t, x, q, e))) goto done;
        if ((rc = knn_query_rows(t, q, rows, n, k, session_threads(s), hits, &nh, e))) goto done;
    }
    print_hits(s, hits, nh);
done:
    free(rows); free(ex); free(q); free(rh); free(hits); free(keep);
    return rc;
}

/* The k rows nearest the unit vector q, leaving out ex[0..nex), the way the
 * command's options ask: the index (--approx, or set approx), the int8
 * pre-scan (--fast), else the exact scan. */
static int search_vector(struct session *s, const struct args *a, const float *q, size_t k, size_t limit,
                         const size_t *ex, size_t nex, struct knn_hit *hits, size_t *nh, embx_err *e)
{
    const embx_table *t = s->table;
    bool approx;
    long ef;
    if (index_wanted(s, a, &approx, e) || args_long(a, "ef", 0, 1, 1000000, &ef, e)) return EMBX_ERR;
    if (approx) return index_query(s, q, k, (size_t)ef, ex, nex, hits, nh, e);
    if (args_has(a, "fast")) {
        if (fast_ready(s, false, e)) return EMBX_ERR;
        return quant_query(t, s->fast, q, k, quant_candidates(k), limit, ex, nex, session_threads(s), hits, nh, e);
    }
    return exact_search(s, q, k, limit, ex, nex, hits, nh, e);
}

static int run_nn(struct session *s, const struct args *a, embx_err *e)
{
    const embx_table *t = s->table;
    size_t limit;
    if (read_restrict(s, a, &limit, e)) return EMBX_ERR;
    if (!args_has(a, "both") && (args_has(a, "dot") || args_has(a, "min-count") || args_has(a, "where"))) {
        struct expr x;
        if (expr_from_args(t, a, false, &x, e)) return EMBX_ERR;
        note_oov(s, &x);
        int rc = nn_rows(s, a, &x, limit, e);
        expr_free(&x);
        return rc;
    }
    if (args_has(a, "both")) {
        /* the side-by-side listing belongs to compare; nn only forwards */
        if (a->npos != 1) return err_set(e, "--both takes one word, not an expression");
        if (limit || args_has(a, "fast")) return err_set(e, "--both cannot be combined with --restrict or --fast");
        size_t k;
        if (session_read_k(s, a, t->n - 1, ANSWERS, &k, e)) return EMBX_ERR;
        return compare_print_both(s, args_word(a, 0), k, e);
    }
    struct expr x;
    if (expr_from_args(t, a, false, &x, e)) return EMBX_ERR;
    note_oov(s, &x);
    size_t *ex = malloc(sizeof(size_t) * x.n);
    float *q = malloc(sizeof(float) * t->dim);
    struct knn_hit *hits = NULL;
    int rc = EMBX_OK;
    size_t nex = 0, k = 0, nh = 0;
    if (!ex || !q) { rc = err_set(e, "out of memory"); goto done; }
    nex = expr_rows(&x, ex);
    if ((rc = session_read_k(s, a, answer_rows(t, limit, ex, nex), ANSWERS, &k, e))) goto done;
    if ((rc = expr_vector(t, &x, q, e))) goto done;
    hits = malloc(sizeof(*hits) * k);
    if (!hits) { rc = err_set(e, "out of memory"); goto done; }
    if ((rc = search_vector(s, a, q, k, limit, ex, nex, hits, &nh, e))) goto done;
    if (out_pretty(s) && x.n > 1) {
        char f[512];
        expr_format(t, &x, f, sizeof f);
        str_put_word(stdout, f);
        putchar('\n');
    }
    print_hits(s, hits, nh);
done:
    free(ex); free(q); free(hits);
    expr_free(&x);
    return rc;
}

/* An analogy with a word outside the vocabulary (fastText n-grams): 3CosAdd
 * as the expression B - A + C, the words that are rows left out. */
static int analogy_unseen(struct session *s, const struct args *a, size_t limit, embx_err *e)
{
    const embx_table *t = s->table;
    if (args_has(a, "mul"))
        return err_set(e, "--mul needs A, B and C in the vocabulary; a word built from n-grams works with "
                          "3CosAdd (drop --mul)");
    const struct expr_word w[5] = {{args_word(a, 1), true}, {"+", false}, {args_word(a, 2), true},
                                   {"-", false}, {args_word(a, 0), true}};
    struct expr x;
    if (expr_parse(t, w, 5, &x, e)) return EMBX_ERR;
    note_oov(s, &x);
    size_t ex[3], nex = args_has(a, "keep-inputs") ? 0 : expr_rows(&x, ex), k = 0, nh = 0;
    float *q = malloc(sizeof(float) * t->dim);
    struct knn_hit *hits = NULL;
    int rc = q ? EMBX_OK : err_set(e, "out of memory");
    if (rc == EMBX_OK) rc = session_read_k(s, a, answer_rows(t, limit, ex, nex), ANSWERS, &k, e);
    if (rc == EMBX_OK) rc = expr_vector(t, &x, q, e);
    if (rc == EMBX_OK && !(hits = malloc(sizeof(*hits) * k))) rc = err_set(e, "out of memory");
    if (rc == EMBX_OK) rc = search_vector(s, a, q, k, limit, ex, nex, hits, &nh, e);
    if (rc == EMBX_OK) {
        if (out_pretty(s)) {
            char f[512];
            expr_format(t, &x, f, sizeof f);
            str_put_word(stdout, f);
            putchar('\n');
        }
        print_hits(s, hits, nh);
    }
    free(q); free(hits);
    expr_free(&x);
    return rc;
}

static int run_analogy(struct session *s, const struct args *a, embx_err *e)
{
    const embx_table *t = s->table;
    size_t limit, r[3] = {0, 0, 0};
    if (read_restrict(s, a, &limit, e)) return EMBX_ERR;
    if (t->oov)
        for (int i = 0; i < 3; i++)
            if (table_find(t, args_word(a, (size_t)i)) < 0) return analogy_unseen(s, a, limit, e);
    for (int i = 0; i < 3; i++)
        if (lookup(t, args_word(a, (size_t)i), &r[i], e)) return EMBX_ERR;
    bool keep = args_has(a, "keep-inputs");
    enum analogy_method m = args_has(a, "mul") ? ANALOGY_MUL : ANALOGY_ADD;
    size_t k;
    if (session_read_k(s, a, answer_rows(t, limit, r, keep ? 0 : 3), ANSWERS, &k, e)) return EMBX_ERR;
    struct knn_hit *hits = malloc(sizeof(*hits) * k);
    if (!hits) return err_set(e, "out of memory");
    size_t nh;
    int rc;
    bool approx = false;
    long ef = 0;
    if ((rc = index_wanted(s, a, &approx, e)) == EMBX_OK && approx && m == ANALOGY_MUL) {
        if (args_has(a, "approx")) rc = err_set(e, "--approx works with 3CosAdd only (drop --mul or --approx)");
        approx = false;
    }
    if (rc == EMBX_OK) rc = args_long(a, "ef", 0, 1, 1000000, &ef, e);
    if (rc != EMBX_OK) {
        /* nothing to do */
    } else if (approx) {
        float *q = malloc(sizeof(float) * t->dim);
        if (!q)
            rc = err_set(e, "out of memory");
        else if ((rc = analogy_query(t, r[0], r[1], r[2], q, e)) == EMBX_OK)
            rc = index_query(s, q, k, (size_t)ef, r, keep ? 0 : 3, hits, &nh, e);
        free(q);
    } else if (args_has(a, "fast")) {
        if (m == ANALOGY_MUL)
            rc = err_set(e, "--fast works with 3CosAdd only (drop --mul or --fast)");
        else if ((rc = fast_ready(s, false, e)) == EMBX_OK)
            rc = analogy_solve_fast(t, s->fast, r[0], r[1], r[2], k, limit, keep, session_threads(s), hits, &nh, e);
    } else if (m == ANALOGY_ADD && prescan_ready(s, limit)) {
        rc = analogy_solve_prescan(t, s->fast, r[0], r[1], r[2], k, limit, keep, session_threads(s), hits, &nh, e);
    } else {
        rc = analogy_solve(t, r[0], r[1], r[2], m, k, limit, keep, session_threads(s), hits, &nh, e);
    }
    if (rc == EMBX_OK) {
        if (out_pretty(s)) {
            /* Peers order the three words differently: say what was computed. */
            const char *A = t->words[r[0]], *B = t->words[r[1]], *C = t->words[r[2]];
            char f[512];
            if (m == ANALOGY_ADD)
                snprintf(f, sizeof f, "%s - %s + %s", B, A, C);
            else
                snprintf(f, sizeof f, "3CosMul: cos(x, %s) * cos(x, %s) / cos(x, %s)", B, C, A);
            str_put_word(stdout, f);
            putchar('\n');
        }
        print_hits(s, hits, nh);
    }
    free(hits);
    return rc;
}

/* sim with a word outside the vocabulary: the cosine of the two vectors. */
static int sim_unseen(struct session *s, const struct args *a, embx_err *e)
{
    size_t dim = s->table->dim, row;
    float *v = malloc(sizeof(float) * 2 * dim);
    if (!v) return err_set(e, "out of memory");
    int rc = word_vector(s, args_word(a, 0), v, &row, e);
    if (rc == EMBX_OK) rc = word_vector(s, args_word(a, 1), v + dim, &row, e);
    double ab = 0, aa = 0, bb = 0;
    for (size_t j = 0; rc == EMBX_OK && j < dim; j++) {
        ab += (double)v[j] * v[dim + j];
        aa += (double)v[j] * v[j];
        bb += (double)v[dim + j] * v[dim + j];
    }
    if (rc == EMBX_OK && (aa == 0 || bb == 0))
        rc = err_set(e, "'%s' is a zero vector: it has no direction to compare with",
                     args_word(a, aa == 0 ? 0 : 1));
    if (rc == EMBX_OK) printf("%.6f\n", ab / sqrt(aa * bb));
    free(v);
    return rc;
}

static int run_sim(struct session *s, const struct args *a, embx_err *e)
{
    size_t ra = 0, rb = 0;
    if (s->table->oov && (table_find(s->table, args_word(a, 0)) < 0 || table_find(s->table, args_word(a, 1)) < 0))
        return sim_unseen(s, a, e);
    if (lookup(s->table, args_word(a, 0), &ra, e) || lookup(s->table, args_word(a, 1), &rb, e))
        return EMBX_ERR;
    for (int i = 0; i < 2; i++) {
        size_t r = i ? rb : ra;
        /* the same rule as nn: a zero vector has no direction */
        if (s->table->inv_norms[r] == 0.0f)
            return err_set(e, "'%s' is a zero vector: it has no direction to compare with", s->table->words[r]);
    }
    char cos[32];
    puts(out_number(s, cos, sizeof cos, similar_cosine(s->table, ra, rb), 6));
    return EMBX_OK;
}

static int run_odd(struct session *s, const struct args *a, embx_err *e)
{
    const embx_table *t = s->table;
    struct expr x;
    if (expr_from_args(t, a, true, &x, e)) return EMBX_ERR;   /* every argument is a word */
    note_oov(s, &x);
    size_t n = x.n, *order = malloc(sizeof(size_t) * n);
    float *scores = malloc(sizeof(float) * n);
    struct knn_hit *h = malloc(sizeof(*h) * n);
    const char **names = malloc(sizeof(*names) * n);
    int rc = !order || !scores || !h || !names ? err_set(e, "out of memory") : similar_centrality(t, &x, order, scores, e);
    if (rc == EMBX_OK) {
        for (size_t i = 0; i < n; i++) {
            const struct expr_term *tm = &x.terms[order[i]];
            h[i].row = tm->row == EXPR_NO_ROW ? KNN_NO_ROW : tm->row;
            h[i].score = scores[order[i]];
            names[i] = tm->word;
        }
        print_named_hits(s, h, names, n);
    }
    free(order); free(scores); free(h); free(names);
    expr_free(&x);
    return rc;
}

static int run_rank(struct session *s, const struct args *a, embx_err *e)
{
    const embx_table *t = s->table;
    size_t ra = 0, rb = 0, rank = 0;
    float *va = malloc(sizeof(float) * t->dim), *vb = malloc(sizeof(float) * t->dim);
    int rc = !va || !vb ? err_set(e, "out of memory") : EMBX_OK;
    if (rc == EMBX_OK) rc = word_vector(s, args_word(a, 0), va, &ra, e);
    if (rc == EMBX_OK) rc = word_vector(s, args_word(a, 1), vb, &rb, e);
    if (rc == EMBX_OK)
        rc = knn_rank(t, ra == EXPR_NO_ROW ? KNN_NO_ROW : ra, va, rb == EXPR_NO_ROW ? KNN_NO_ROW : rb, vb, 0,
                      session_threads(s), &rank, e);
    if (rc == EMBX_OK) printf("%zu\n", rank);
    free(va); free(vb);
    return rc;
}

static const struct optspec nn_opts[] = {
    {"k", 'k', 1, "N", "how many neighbours (default: set k)"},
    {"restrict", 0, 1, "N", "search only the first N rows (gensim restrict_vocab)"},
    {"fast", 0, 0, NULL, "int8 pre-scan, then exact scores for its best 10 x k (>= 1000)"},
    {"both", 0, 0, NULL, "neighbours here and in the table opened by compare, side by side"},
    {"approx", 0, 0, NULL, "walk the approximate index (index build) instead of scanning"},
    {"exact", 0, 0, NULL, "scan every row even when set approx would use the index"},
    {"ef", 0, 1, "N", "with the index: candidates kept while searching (default 128)"},
    {"dot", 0, 0, NULL, "rank by the model's own score: dot product (+ bias where the model has one)"},
    {"min-count", 0, 1, "N", "only rows with at least N interactions (recommender tables)"},
    WHERE_OPTSPEC,
    {0},
};
static const struct optspec analogy_opts[] = {
    {"k", 'k', 1, "N", "how many answers (default: set k)"},
    {"restrict", 0, 1, "N", "search only the first N rows (gensim restrict_vocab)"},
    {"mul", 0, 0, NULL, "3CosMul (gensim most_similar_cosmul) instead of 3CosAdd"},
    {"keep-inputs", 0, 0, NULL, "let A, B and C appear among the answers"},
    {"fast", 0, 0, NULL, "int8 pre-scan, then exact scores for its best 10 x k (>= 1000)"},
    {"approx", 0, 0, NULL, "walk the approximate index (index build) instead of scanning"},
    {"exact", 0, 0, NULL, "scan every row even when set approx would use the index"},
    {"ef", 0, 1, "N", "with the index: candidates kept while searching (default 128)"},
    {0},
};

const struct command cmds_query[] = {
    {
        .name = "nn",
        .args = "EXPR",
        .help = "nearest neighbours of a word or of 'w1 - w2 + w3 ...'",
        .min_args = 1, .max_args = -1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .opts = nn_opts,
        .run = run_nn,
        .details =
            "Cosine similarity against every row, best first; the input words are left\n"
            "out, ties go to the earlier row. An expression is gensim's most_similar:\n"
            "the words' unit vectors added (+) or subtracted (-). Operators are separate\n"
            "words; quote a word that looks like one (nn \"-\"). On a terminal the\n"
            "expression is printed above the answers.\n"
            "--fast scans an int8 copy of the table (a quarter of the bytes, built on first\n"
            "use) and scores its best candidates exactly: the scores are exact, a true\n"
            "neighbour can be missed only if the int8 scan ranks it below 10 x k (at least 1000).\n"
            "--approx walks the index made by 'index build' (see 'help index'); 'set approx'\n"
            "makes it the default on big tables, --exact scans regardless.\n"
            "--where COL=VAL searches only the rows whose metadata (--meta, a recommender's\n"
            "sidecar) matches: nn user:1 --where kind=item lists items only. With metadata,\n"
            "its columns are printed after the score; a title names its row (nn \"Toy Story (1995)\").",
    },
    {
        .name = "analogy",
        .args = "A B C",
        .help = "A is to B as C is to ? (3CosAdd, or 3CosMul)",
        .min_args = 3, .max_args = 3,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .opts = analogy_opts,
        .run = run_analogy,
        .details =
            "3CosAdd answers B - A + C (gensim most_similar(positive=[B, C], negative=[A]));\n"
            "--mul answers by 3CosMul (gensim most_similar_cosmul, epsilon 1e-6; with\n"
            "--restrict N it searches the first N rows, where gensim ignores restrict_vocab).\n"
            "The word2vec and fastText tools order the three words differently, so on a\n"
            "terminal the formula computed is printed above the answers.",
    },
    {
        .name = "sim",
        .args = "A B",
        .help = "cosine similarity of two words",
        .min_args = 2, .max_args = 2,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .run = run_sim,
    },
    {
        .name = "odd",
        .args = "W1 W2 ...",
        .help = "the word that does not belong (gensim doesnt_match)",
        .min_args = 2, .max_args = -1,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .run = run_odd,
        .details =
            "Prints the words by their cosine with the centre of their unit vectors,\n"
            "least central first: the first line is the odd one out.",
    },
    {
        .name = "rank",
        .args = "A B",
        .help = "position of B among A's neighbours (gensim rank)",
        .min_args = 2, .max_args = 2,
        .flags = NEEDS_TABLE,
        .complete = COMPLETE_WORDS,
        .run = run_rank,
        .details =
            "1 + the number of rows other than A that are strictly more similar to A than B is.",
    },
    {0},
};
