/* procrustes: orthogonal Procrustes (Schönemann, 1966). With M = B^T A
 * (the d x d cross-covariance of the paired rows) and its SVD M = U S V^T,
 * the orthogonal R minimising ||B R - A||_F is R = U V^T: expanding the norm
 * leaves -2 tr(R^T M) as the only term that depends on R, and the trace is
 * largest when R^T U S V^T has the singular values on its diagonal. The
 * product is done in single precision through CBLAS (it is the m x d x d
 * part), the small SVD in double through GSL. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include "procrustes.h"

int procrustes_fit(const float *A, const float *B, size_t m, size_t d, float *R, embx_err *e)
{
    if (m == 0 || d == 0) return err_set(e, "alignment needs at least one shared word");
    float *M = malloc(sizeof(float) * d * d);
    gsl_matrix *U = gsl_matrix_alloc(d, d), *V = gsl_matrix_alloc(d, d);
    gsl_vector *S = gsl_vector_alloc(d), *w = gsl_vector_alloc(d);
    int rc = EMBX_OK;
    if (!M || !U || !V || !S || !w) {
        rc = err_set(e, "out of memory for a %zu x %zu alignment", d, d);
        goto out;
    }
    /* M = B^T A, accumulated over all m rows in one GEMM call */
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)d, (int)d, (int)m,
                1.0f, B, (int)d, A, (int)d, 0.0f, M, (int)d);
    for (size_t i = 0; i < d * d; i++) {
        if (!isfinite(M[i])) {
            rc = err_set(e, "the shared rows hold values that are not finite numbers");
            goto out;
        }
        U->data[(i / d) * U->tda + i % d] = M[i];
    }
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int st = gsl_linalg_SV_decomp(U, V, S, w);
    gsl_set_error_handler(old);
    if (st != GSL_SUCCESS) {
        rc = err_set(e, "the SVD of the cross-covariance failed: %s", gsl_strerror(st));
        goto out;
    }
    /* R = U V^T */
    gsl_matrix *P = gsl_matrix_alloc(d, d);
    if (!P) {
        rc = err_set(e, "out of memory for a %zu x %zu alignment", d, d);
        goto out;
    }
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, U, V, 0.0, P);
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < d; j++) R[i * d + j] = (float)gsl_matrix_get(P, i, j);
    gsl_matrix_free(P);
out:
    gsl_vector_free(w);
    gsl_vector_free(S);
    gsl_matrix_free(V);
    gsl_matrix_free(U);
    free(M);
    return rc;
}

int procrustes_cosines(const float *A, const float *B, size_t m, size_t d, const float *R,
                       float *cos, embx_err *e)
{
    const size_t block = 4096;
    float *BR = malloc(sizeof(float) * block * d);
    if (!BR) return err_set(e, "out of memory aligning %zu rows", m);
    for (size_t s = 0; s < m; s += block) {
        size_t nb = m - s < block ? m - s : block;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)nb, (int)d, (int)d,
                    1.0f, B + s * d, (int)d, R, (int)d, 0.0f, BR, (int)d);
        for (size_t i = 0; i < nb; i++) {
            const float *a = A + (s + i) * d, *b = BR + i * d;
            double ab = 0, aa = 0, bb = 0;
            for (size_t j = 0; j < d; j++) {
                ab += (double)a[j] * b[j];
                aa += (double)a[j] * a[j];
                bb += (double)b[j] * b[j];
            }
            cos[s + i] = aa > 0 && bb > 0 ? (float)(ab / sqrt(aa * bb)) : 0.0f;
        }
    }
    free(BR);
    return EMBX_OK;
}
