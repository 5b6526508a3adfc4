/* fftrep: grid-interpolated t-SNE repulsion with FFT convolution (see fftrep.h).
 *
 * Grid: nb x nb square boxes over the layout's bounding square, P = 3
 * interpolation nodes per box and dimension at the box's sub-interval
 * centres, so m = 3 nb equispaced nodes per dimension with spacing h. The
 * kernel sums between nodes are a 2-D Toeplitz product, done as a circular
 * convolution of size L = 2m (zero padding) with GSL's mixed-radix FFT.
 *
 * Four potentials are needed: K2 * 1, K2 * y_x, K2 * y_y (the force) and K * 1
 * (the normalization), K = 1/(1+d^2), K2 = K^2. Both kernels are real and
 * even, so two real grids share one complex FFT: C = K + i K2, A = W1 + i Wx,
 * B = Wy, and the halves are separated in frequency space by symmetry. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_fft_complex.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "fftrep.h"

#define P 3
/* Boxes per dimension: one per unit of layout (the kernel varies on that
 * scale; FIt-SNE's default), at least MIN_BOXES, at most MAX_BOXES (memory:
 * 4 grids of (6 nb)^2 complex values, 138 MB at the maximum). */
#define MIN_BOXES 50
#define MAX_BOXES 250

struct fftrep {
    size_t n;
    int nt;
    size_t L;                       /* FFT size per dimension (current grid) */
    double *A, *B, *C, *D;          /* L x L complex, row-major */
    size_t *g;                      /* per point: base node (x, y) */
    double *w;                      /* per point: 3 x-weights, 3 y-weights */
    gsl_fft_complex_wavetable *wt;
    gsl_fft_complex_workspace **ws; /* one per thread */
};

fftrep *fftrep_new(size_t n, int nt)
{
    fftrep *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->n = n;
    f->nt = nt < 1 ? 1 : nt;
    f->g = malloc(sizeof(size_t) * 2 * (n ? n : 1));
    f->w = malloc(sizeof(double) * 6 * (n ? n : 1));
    f->ws = calloc((size_t)f->nt, sizeof *f->ws);
    if (!f->g || !f->w || !f->ws) { fftrep_free(f); return NULL; }
    return f;
}

static void free_grid(fftrep *f)
{
    free(f->A); free(f->B); free(f->C); free(f->D);
    f->A = f->B = f->C = f->D = NULL;
    if (f->wt) gsl_fft_complex_wavetable_free(f->wt);
    f->wt = NULL;
    for (int t = 0; t < f->nt; t++) {
        if (f->ws[t]) gsl_fft_complex_workspace_free(f->ws[t]);
        f->ws[t] = NULL;
    }
    f->L = 0;
}

void fftrep_free(fftrep *f)
{
    if (!f) return;
    if (f->ws) free_grid(f);
    free(f->g); free(f->w); free(f->ws);
    free(f);
}

static int alloc_grid(fftrep *f, size_t L)
{
    if (f->L == L) return 0;
    free_grid(f);
    size_t bytes = sizeof(double) * 2 * L * L;
    f->A = malloc(bytes); f->B = malloc(bytes); f->C = malloc(bytes); f->D = malloc(bytes);
    f->wt = gsl_fft_complex_wavetable_alloc(L);
    if (!f->A || !f->B || !f->C || !f->D || !f->wt) { free_grid(f); return -1; }
    for (int t = 0; t < f->nt; t++) {
        f->ws[t] = gsl_fft_complex_workspace_alloc(L);
        if (!f->ws[t]) { free_grid(f); return -1; }
    }
    f->L = L;
    return 0;
}

/* Smallest k >= x whose only prime factors are 2, 3 and 5 (fast radices). */
static size_t nice_size(size_t x)
{
    for (size_t k = x;; k++) {
        size_t r = k;
        while (r % 2 == 0) r /= 2;
        while (r % 3 == 0) r /= 3;
        while (r % 5 == 0) r /= 5;
        if (r == 1) return k;
    }
}

static int thread_id(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

/* 1-D transforms over `count` rows (stride 1) or columns (stride L) of X. */
static void fft_rows(fftrep *f, double *X, size_t count, int inverse)
{
    size_t L = f->L;
    #pragma omp parallel for num_threads(f->nt) schedule(static)
    for (size_t r = 0; r < count; r++) {
        gsl_fft_complex_workspace *ws = f->ws[thread_id()];
        if (inverse) gsl_fft_complex_inverse(X + 2 * r * L, 1, L, f->wt, ws);
        else gsl_fft_complex_forward(X + 2 * r * L, 1, L, f->wt, ws);
    }
}

static void fft_cols(fftrep *f, double *X, size_t count, int inverse)
{
    size_t L = f->L;
    #pragma omp parallel for num_threads(f->nt) schedule(static)
    for (size_t c = 0; c < count; c++) {
        gsl_fft_complex_workspace *ws = f->ws[thread_id()];
        if (inverse) gsl_fft_complex_inverse(X + 2 * c, L, L, f->wt, ws);
        else gsl_fft_complex_forward(X + 2 * c, L, L, f->wt, ws);
    }
}

/* 2-D transform of X whose rows past `rows` are zero (forward) or not
 * needed (inverse): the row pass covers only those rows. */
static void fft2(fftrep *f, double *X, size_t rows, int inverse)
{
    if (!inverse) fft_rows(f, X, rows, 0);
    fft_cols(f, X, f->L, inverse);
    if (inverse) fft_rows(f, X, rows, 1);
}

/* Lagrange weights of the nodes at 0.5, 1.5, 2.5 for a position t in [0, 3). */
static void lagrange(double t, double *w)
{
    w[0] = 0.5 * (t - 1.5) * (t - 2.5);
    w[1] = -(t - 0.5) * (t - 2.5);
    w[2] = 0.5 * (t - 0.5) * (t - 1.5);
}

int fftrep_compute(fftrep *f, const double *Y, double *rep, double *sq)
{
    size_t n = f->n;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        x0 = fmin(x0, Y[2 * i]); x1 = fmax(x1, Y[2 * i]);
        y0 = fmin(y0, Y[2 * i + 1]); y1 = fmax(y1, Y[2 * i + 1]);
    }
    double span = fmax(x1 - x0, y1 - y0);
    span = span * (1.0 + 1e-9) + 1e-9;   /* the maximum falls strictly inside */
    size_t nb = (size_t)ceil(span);
    if (nb < MIN_BOXES) nb = MIN_BOXES;
    if (nb > MAX_BOXES) nb = MAX_BOXES;
    nb = nice_size(nb);
    size_t m = P * nb, L = 2 * m;
    if (alloc_grid(f, L) != 0) return -1;
    double h = span / (double)m;

    /* Interpolation weights of every point. */
    #pragma omp parallel for num_threads(f->nt) schedule(static)
    for (size_t i = 0; i < n; i++) {
        double ux = (Y[2 * i] - x0) / h, uy = (Y[2 * i + 1] - y0) / h;
        size_t bx = (size_t)(ux / P), by = (size_t)(uy / P);
        if (bx >= nb) bx = nb - 1;
        if (by >= nb) by = nb - 1;
        f->g[2 * i] = P * bx;
        f->g[2 * i + 1] = P * by;
        lagrange(ux - (double)(P * bx), f->w + 6 * i);
        lagrange(uy - (double)(P * by), f->w + 6 * i + 3);
    }

    /* Charges onto the nodes (serial: scattered sums in a fixed order). */
    size_t bytes = sizeof(double) * 2 * L * L;
    memset(f->A, 0, bytes);
    memset(f->B, 0, bytes);
    for (size_t i = 0; i < n; i++) {
        const double *w = f->w + 6 * i;
        double yx = Y[2 * i], yy = Y[2 * i + 1];
        for (int a = 0; a < P; a++)
            for (int b = 0; b < P; b++) {
                double v = w[a] * w[3 + b];
                size_t k = 2 * ((f->g[2 * i] + (size_t)a) * L + f->g[2 * i + 1] + (size_t)b);
                f->A[k] += v;
                f->A[k + 1] += v * yx;
                f->B[k] += v * yy;
            }
    }

    /* Kernels at every node offset, circularly arranged: C = K + i K^2. */
    #pragma omp parallel for num_threads(f->nt) schedule(static)
    for (size_t a = 0; a < L; a++) {
        double da = a < m ? (double)a : (double)a - (double)L;
        for (size_t b = 0; b < L; b++) {
            double db = b < m ? (double)b : (double)b - (double)L;
            double *c = f->C + 2 * (a * L + b);
            if (a == m || b == m) { c[0] = c[1] = 0.0; continue; }
            double k = 1.0 / (1.0 + h * h * (da * da + db * db));
            c[0] = k;
            c[1] = k * k;
        }
    }

    /* Forward transforms; rows of A and B past m are zero padding. */
    fft2(f, f->C, L, 0);
    fft2(f, f->A, m, 0);
    fft2(f, f->B, m, 0);

    /* Products in frequency space: D = K2^ A^, B = K2^ B^ + i K^ W1^. */
    #pragma omp parallel for num_threads(f->nt) schedule(static)
    for (size_t a = 0; a < L; a++) {
        size_t na = a ? L - a : 0;
        for (size_t b = 0; b < L; b++) {
            size_t nbk = b ? L - b : 0;
            size_t k = 2 * (a * L + b), q = 2 * (na * L + nbk);
            /* K^ = (C[k] + conj C[-k]) / 2, K2^ = (C[k] - conj C[-k]) / 2i */
            double cr = f->C[k], ci = f->C[k + 1], nr = f->C[q], ni = -f->C[q + 1];
            double kr = 0.5 * (cr + nr), ki = 0.5 * (ci + ni);
            double k2r = 0.5 * (ci - ni), k2i = -0.5 * (cr - nr);
            double ar = f->A[k], ai = f->A[k + 1];
            double w1r = 0.5 * (ar + f->A[q]), w1i = 0.5 * (ai - f->A[q + 1]);
            double br = f->B[k], bi = f->B[k + 1];
            f->D[k] = k2r * ar - k2i * ai;
            f->D[k + 1] = k2r * ai + k2i * ar;
            /* K2^ B^ + i (K^ W1^) */
            double pr = kr * w1r - ki * w1i, pi = kr * w1i + ki * w1r;
            f->B[k] = k2r * br - k2i * bi - pi;
            f->B[k + 1] = k2r * bi + k2i * br + pr;
        }
    }

    /* Inverse transforms; only the first m rows are nodes (the rest is the
     * padding's wrap-around). */
    fft2(f, f->D, m, 1);
    fft2(f, f->B, m, 1);

    /* Potentials back to the points. */
    #pragma omp parallel for num_threads(f->nt) schedule(static)
    for (size_t i = 0; i < n; i++) {
        const double *w = f->w + 6 * i;
        double p1 = 0.0, px = 0.0, py = 0.0, pk = 0.0;
        for (int a = 0; a < P; a++)
            for (int b = 0; b < P; b++) {
                double v = w[a] * w[3 + b];
                size_t k = 2 * ((f->g[2 * i] + (size_t)a) * L + f->g[2 * i + 1] + (size_t)b);
                p1 += v * f->D[k];
                px += v * f->D[k + 1];
                py += v * f->B[k];
                pk += v * f->B[k + 1];
            }
        /* The point's own charge adds K(0) = 1 to both kernel sums; its
         * force term y_i - y_i is zero and cancels in y_i p1 - (px, py). */
        sq[i] = pk - 1.0;
        rep[2 * i] = Y[2 * i] * p1 - px;
        rep[2 * i + 1] = Y[2 * i + 1] * p1 - py;
    }
    return 0;
}
