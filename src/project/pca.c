/* pca: centre, covariance through BLAS ssyrk over row blocks, top
 * eigenvectors through gsl_eigen_symmv. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include "pca.h"

/* Rows per ssyrk call: large enough for BLAS to run at full speed, small
 * enough that single-precision sums inside a block stay accurate (the blocks
 * are added up in double). */
#define PCA_BLOCK 2048

static const float *row_of(const float *X, size_t ld, const size_t *rows, size_t i)
{
    return X + (rows ? rows[i] : i) * ld;
}

int pca_fit(const float *X, size_t ld, size_t dim, const size_t *rows, size_t n, int k,
            progress *prog, struct pca *out, embx_err *e)
{
    memset(out, 0, sizeof *out);
    if (n < 2) return err_set(e, "PCA needs at least 2 rows, got %zu", n);
    if (k < 1 || (size_t)k > dim) return err_set(e, "PCA: %d components asked, the table has %zu dimensions", k, dim);
    int rc = EMBX_ERR;
    double *mean = calloc(dim, sizeof *mean);
    double *cov = calloc(dim * dim, sizeof *cov);
    float *blk = malloc(sizeof(float) * PCA_BLOCK * dim);
    float *cf = malloc(sizeof(float) * dim * dim);
    gsl_matrix *m = NULL, *evec = NULL;
    gsl_vector *eval = NULL;
    gsl_eigen_symmv_workspace *w = NULL;
    if (!mean || !cov || !blk || !cf) { err_set(e, "out of memory for PCA (%zu dimensions)", dim); goto done; }

    /* Mean in double so the sum of a 400k-row column keeps full precision. */
    for (size_t i = 0; i < n; i++) {
        const float *x = row_of(X, ld, rows, i);
        for (size_t j = 0; j < dim; j++) mean[j] += x[j];
    }
    for (size_t j = 0; j < dim; j++) mean[j] /= (double)n;

    for (size_t b0 = 0; b0 < n; b0 += PCA_BLOCK) {
        size_t bn = n - b0 < PCA_BLOCK ? n - b0 : PCA_BLOCK;
        for (size_t i = 0; i < bn; i++) {
            const float *x = row_of(X, ld, rows, b0 + i);
            float *d = blk + i * dim;
            for (size_t j = 0; j < dim; j++) d[j] = (float)((double)x[j] - mean[j]);
        }
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)dim, (int)bn,
                    1.0f, blk, (int)dim, 0.0f, cf, (int)dim);
        for (size_t a = 0; a < dim; a++)
            for (size_t c = a; c < dim; c++) cov[a * dim + c] += cf[a * dim + c];
        if (prog) progress_update(prog, (double)(b0 + bn), NULL);
        if (progress_cancelled()) { rc = err_cancelled(e); goto done; }
    }

    m = gsl_matrix_alloc(dim, dim);
    evec = gsl_matrix_alloc(dim, dim);
    eval = gsl_vector_alloc(dim);
    w = gsl_eigen_symmv_alloc(dim);
    if (!m || !evec || !eval || !w) { err_set(e, "out of memory for the %zu x %zu eigenproblem", dim, dim); goto done; }
    double total = 0.0;
    for (size_t a = 0; a < dim; a++) {
        for (size_t c = a; c < dim; c++) {
            double v = cov[a * dim + c] / (double)(n - 1);
            gsl_matrix_set(m, a, c, v);
            gsl_matrix_set(m, c, a, v);
        }
        total += cov[a * dim + a] / (double)(n - 1);
    }
    if (gsl_eigen_symmv(m, eval, evec, w) != 0) { err_set(e, "PCA: the eigensolver did not converge"); goto done; }
    gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC);

    out->dim = dim;
    out->k = k;
    out->mean = mean; mean = NULL;
    out->components = malloc(sizeof(double) * (size_t)k * dim);
    out->variance = malloc(sizeof(double) * (size_t)k);
    out->ratio = malloc(sizeof(double) * (size_t)k);
    if (!out->components || !out->variance || !out->ratio) { pca_free(out); err_set(e, "out of memory for PCA"); goto done; }
    out->total_variance = total;
    for (int c = 0; c < k; c++) {
        double *v = out->components + (size_t)c * dim;
        size_t best = 0;
        for (size_t j = 0; j < dim; j++) {
            v[j] = gsl_matrix_get(evec, j, (size_t)c);
            if (fabs(v[j]) > fabs(v[best])) best = j;
        }
        if (v[best] < 0)
            for (size_t j = 0; j < dim; j++) v[j] = -v[j];
        double ev = gsl_vector_get(eval, (size_t)c);
        if (ev < 0) ev = 0;   /* rounding on a rank-deficient covariance */
        out->variance[c] = ev;
        out->ratio[c] = total > 0 ? ev / total : 0.0;
    }
    rc = EMBX_OK;
done:
    free(mean); free(cov); free(blk); free(cf);
    if (m) gsl_matrix_free(m);
    if (evec) gsl_matrix_free(evec);
    if (eval) gsl_vector_free(eval);
    if (w) gsl_eigen_symmv_free(w);
    return rc;
}

void pca_transform(const struct pca *p, const float *X, size_t ld, const size_t *rows,
                   size_t n, double *Y)
{
    size_t dim = p->dim;
    #pragma omp parallel for schedule(static)
    for (size_t i = 0; i < n; i++) {
        const float *x = row_of(X, ld, rows, i);
        for (int c = 0; c < p->k; c++) {
            const double *v = p->components + (size_t)c * dim;
            double s = 0.0;
            for (size_t j = 0; j < dim; j++) s += ((double)x[j] - p->mean[j]) * v[j];
            Y[i * (size_t)p->k + (size_t)c] = s;
        }
    }
}

void pca_free(struct pca *p)
{
    if (!p) return;
    free(p->mean); free(p->components); free(p->variance); free(p->ratio);
    memset(p, 0, sizeof *p);
}
