/* ials: confidence-weighted implicit ALS, exact Cholesky solve per row. */
#include "ials.h"
#include "rng.h"
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static double gauss(uint64_t *s)
{
    *s += RNG_GOLDEN;
    double u = rng_unit_of(rng_mix(*s));
    *s += RNG_GOLDEN;
    double v = rng_unit_of(rng_mix(*s));
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Training pairs grouped by one side (CSR): the other side's index and the
 * confidence - 1 (= alpha * r) of each. */
struct side { size_t *start; uint32_t *other; float *cm1; };

static void side_free(struct side *s) { free(s->start); free(s->other); free(s->cm1); }

static int side_build(const struct interactions *x, const uint8_t *is_test, bool by_user, double alpha,
                      struct side *s)
{
    size_t rows = by_user ? x->users.n : x->items.n;
    s->start = calloc(rows + 1, sizeof *s->start);
    s->other = malloc((x->n + 1) * sizeof *s->other);
    s->cm1 = malloc((x->n + 1) * sizeof *s->cm1);
    size_t *pos = malloc((rows + 1) * sizeof *pos);
    if (!s->start || !s->other || !s->cm1 || !pos) { free(pos); side_free(s); return -1; }
    for (size_t k = 0; k < x->n; k++)
        if (!(is_test && is_test[k])) s->start[(by_user ? x->user[k] : x->item[k]) + 1]++;
    for (size_t r = 0; r < rows; r++) s->start[r + 1] += s->start[r];
    memcpy(pos, s->start, rows * sizeof *pos);
    for (size_t k = 0; k < x->n; k++) {
        if (is_test && is_test[k]) continue;
        size_t at = pos[by_user ? x->user[k] : x->item[k]]++;
        s->other[at] = by_user ? x->item[k] : x->user[k];
        s->cm1[at] = (float)(alpha * (x->rating ? x->rating[k] / x->max_rating : 1.0));
    }
    free(pos);
    return 0;
}

/* G = W^T W over nw rows of d floats (double, full matrix). */
static void gram(const float *W, size_t nw, size_t d, double *G, int threads)
{
    memset(G, 0, d * d * sizeof *G);
#pragma omp parallel for num_threads(threads) schedule(static)
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j <= i; j++) {
            double s = 0;
            for (size_t r = 0; r < nw; r++) s += (double)W[r * d + i] * W[r * d + j];
            G[i * d + j] = s;
        }
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < i; j++) G[j * d + i] = G[i * d + j];
}

/* Cholesky factorisation of the d x d matrix A (lower triangle, in place)
 * and solve A x = b into b. False when A is not positive definite. */
static bool chol_solve(double *A, double *b, size_t d)
{
    for (size_t j = 0; j < d; j++) {
        double s = A[j * d + j];
        for (size_t k = 0; k < j; k++) s -= A[j * d + k] * A[j * d + k];
        if (!(s > 0)) return false;
        double l = sqrt(s);
        A[j * d + j] = l;
        for (size_t i = j + 1; i < d; i++) {
            double t = A[i * d + j];
            for (size_t k = 0; k < j; k++) t -= A[i * d + k] * A[j * d + k];
            A[i * d + j] = t / l;
        }
    }
    for (size_t i = 0; i < d; i++) {
        double t = b[i];
        for (size_t k = 0; k < i; k++) t -= A[i * d + k] * b[k];
        b[i] = t / A[i * d + i];
    }
    for (size_t i = d; i-- > 0;) {
        double t = b[i];
        for (size_t k = i + 1; k < d; k++) t -= A[k * d + i] * b[k];
        b[i] = t / A[i * d + i];
    }
    return true;
}

/* Solves every row of V with W fixed. Returns the rows that failed. */
static size_t half_step(const struct side *s, size_t nrows, float *V, const float *W, size_t nw, size_t d,
                        double reg, int threads)
{
    double *G = malloc(d * d * sizeof *G);
    if (!G) return nrows;
    gram(W, nw, d, G, threads);
    size_t failed = 0;
#pragma omp parallel num_threads(threads) reduction(+:failed)
    {
        double *A = malloc(d * d * sizeof *A), *b = malloc(d * sizeof *b);
#pragma omp for schedule(dynamic, 32)
        for (size_t r = 0; r < nrows; r++) {
            if (!A || !b) { failed++; continue; }
            if (progress_cancelled()) continue;
            memcpy(A, G, d * d * sizeof *A);
            memset(b, 0, d * sizeof *b);
            for (size_t i = 0; i < d; i++) A[i * d + i] += reg;
            for (size_t k = s->start[r]; k < s->start[r + 1]; k++) {
                const float *w = W + (size_t)s->other[k] * d;
                double cm1 = s->cm1[k];
                for (size_t i = 0; i < d; i++) {
                    double wi = cm1 * w[i];
                    double *row = A + i * d;
                    for (size_t j = 0; j <= i; j++) row[j] += wi * w[j];
                    b[i] += (cm1 + 1.0) * w[i];
                }
            }
            if (!chol_solve(A, b, d)) { failed++; continue; }
            for (size_t i = 0; i < d; i++) V[r * d + i] = (float)b[i];
        }
        free(A);
        free(b);
    }
    free(G);
    return failed;
}

/* The objective: sum over all pairs of c (p - x.y)^2 plus reg (|X|^2 + |Y|^2),
 * with the unobserved pairs summed as sum_u x_u^T (Y^T Y) x_u. */
static double objective(const struct side *byu, const struct recsys_model *m, double reg, int threads)
{
    size_t d = m->dim, nu = m->nusers;
    double *G = malloc(d * d * sizeof *G);
    if (!G) return NAN;
    gram(m->Q, m->nitems, d, G, threads);
    double total = 0;
#pragma omp parallel for num_threads(threads) reduction(+:total) schedule(dynamic, 64)
    for (size_t u = 0; u < nu; u++) {
        const float *xu = m->P + u * d;
        double q = 0, n2 = 0;
        for (size_t i = 0; i < d; i++) {
            double gi = 0;
            for (size_t j = 0; j < d; j++) gi += G[i * d + j] * xu[j];
            q += gi * xu[i];
            n2 += (double)xu[i] * xu[i];
        }
        double obs = 0;
        for (size_t k = byu->start[u]; k < byu->start[u + 1]; k++) {
            const float *y = m->Q + (size_t)byu->other[k] * d;
            double s = 0;
            for (size_t i = 0; i < d; i++) s += (double)xu[i] * y[i];
            double c = 1.0 + byu->cm1[k];
            obs += c * (1 - s) * (1 - s) - s * s;
        }
        total += q + obs + reg * n2;
    }
    double yn = 0;
    for (size_t k = 0; k < m->nitems * d; k++) yn += (double)m->Q[k] * m->Q[k];
    free(G);
    return total + reg * yn;
}

int ials_train(const struct interactions *x, const uint8_t *is_test, const struct recsys_opts *o,
               struct recsys_model *m, double *loss, progress *p, embx_err *e)
{
    memset(m, 0, sizeof *m);
    if (o->dim < 1 || o->epochs < 1 || o->threads < 1) return err_set(e, "dim, epochs and threads must be positive");
    if (!(o->alpha >= 0) || !(o->reg > 0))
        return err_set(e, "ials needs --alpha >= 0 and --reg > 0 (were %g and %g)", o->alpha, o->reg);
    if (x->rating && !(x->min_rating >= 0 && x->max_rating > 0))
        return err_set(e, "ials weighs each interaction by 1 + alpha * rating / %g: the file has a rating of %g",
                       (double)x->max_rating, (double)(x->min_rating < 0 ? x->min_rating : x->max_rating));
    size_t d = (size_t)o->dim, nu = x->users.n, ni = x->items.n;
    struct side byu = {0}, byi = {0};
    m->kind = RECSYS_IALS;
    m->nusers = nu; m->nitems = ni; m->dim = d;
    m->threads = o->threads;
    m->P = calloc(nu * d, sizeof *m->P);
    m->Q = malloc(ni * d * sizeof *m->Q);
    m->bu = calloc(nu, sizeof *m->bu);
    m->bi = calloc(ni, sizeof *m->bi);
    if (!m->P || !m->Q || !m->bu || !m->bi || side_build(x, is_test, true, o->alpha, &byu)
        || side_build(x, is_test, false, o->alpha, &byi)) {
        side_free(&byu);
        side_free(&byi);
        recsys_model_free(m);
        return err_set(e, "out of memory for implicit ALS (%zu users, %zu items, dim %zu)", nu, ni, d);
    }
    uint64_t s = rng_mix(o->seed ^ 0x1a15ULL);
    double sd = 0.1 / sqrt((double)d);
    for (size_t k = 0; k < ni * d; k++) m->Q[k] = (float)(sd * gauss(&s));
    if (p) progress_start(p, "training ials", o->epochs);
    int rc = EMBX_OK;
    size_t failed = 0;
    for (int ep = 0; ep < o->epochs; ep++) {
        failed += half_step(&byu, nu, m->P, m->Q, ni, d, o->reg, o->threads);
        failed += half_step(&byi, ni, m->Q, m->P, nu, d, o->reg, o->threads);
        if (progress_cancelled()) { rc = err_cancelled(e); break; }
        if (failed) {
            rc = err_set(e, "%zu least-squares solves failed (not positive definite): raise --reg (was %g)",
                         failed, o->reg);
            break;
        }
        if (loss) loss[ep] = objective(&byu, m, o->reg, o->threads);
        if (p) progress_update(p, ep + 1, NULL);
    }
    if (p) progress_finish(p);
    side_free(&byu);
    side_free(&byi);
    if (rc) recsys_model_free(m);
    return rc;
}
