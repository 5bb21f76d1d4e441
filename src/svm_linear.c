/* svm_linear.c - libsvm training for linear models, collapsed for fast prediction. */
#include "svm_linear.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <svm.h>

#include "newstag.h"

static void discard(const char *s)
{
    (void)s;
}

void nt_svm_quiet(void)
{
    svm_set_print_string_function(discard);
}

double nt_linear_decision(const nt_linear *m, const nt_sparse *x)
{
    double s = m->bias;
    for (size_t i = 0; i < x->n; i++)
        s += m->w[x->idx[i]] * x->val[i];
    return s;
}

void nt_linear_free(nt_linear *m)
{
    free(m->w);
    memset(m, 0, sizeof *m);
}

int nt_svm_train_linear(const nt_sparse *x, const int *y, const unsigned char *use, size_t n,
                        size_t dim, double C, double pos_weight, double eps, nt_linear *out,
                        const char **why)
{
    memset(out, 0, sizeof *out);
    size_t rows = 0, nodes = 0;
    for (size_t i = 0; i < n; i++)
        if (!use || use[i]) {
            rows++;
            nodes += x[i].n + 1;
        }
    /* one class only: nothing to learn, and libsvm would print a warning to stderr */
    size_t npos = 0;
    for (size_t i = 0; i < n; i++)
        if ((!use || use[i]) && y[i] > 0)
            npos++;
    if (npos == 0 || npos == rows) {
        out->w = calloc(dim ? dim : 1, sizeof *out->w);
        if (!out->w)
            return NT_ENOMEM;
        out->dim = dim;
        out->bias = npos ? 1.0 : -1.0;
        return NT_OK;
    }
    struct svm_problem prob = {0};
    struct svm_node *pool = malloc((nodes + 1) * sizeof *pool);
    struct svm_node **xs = malloc((rows + 1) * sizeof *xs);
    double *ys = malloc((rows + 1) * sizeof *ys);
    size_t *row_of = malloc((rows + 1) * sizeof *row_of);
    int rc = NT_OK;
    if (!pool || !xs || !ys || !row_of) {
        rc = NT_ENOMEM;
        goto done;
    }
    size_t r = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        if (use && !use[i])
            continue;
        xs[r] = pool + k;
        for (size_t j = 0; j < x[i].n; j++) {
            pool[k].index = x[i].idx[j] + 1; /* libsvm counts features from 1 */
            pool[k].value = x[i].val[j];
            k++;
        }
        pool[k++].index = -1;
        ys[r] = y[i] > 0 ? 1 : -1;
        row_of[r] = i;
        r++;
    }
    prob.l = (int)rows;
    prob.x = xs;
    prob.y = ys;

    int wl[2] = {1, -1};
    double wv[2] = {pos_weight, 1.0};
    struct svm_parameter param = {0};
    param.svm_type = C_SVC;
    param.kernel_type = LINEAR;
    param.C = C;
    param.eps = eps;
    param.cache_size = 1000; /* MB per problem: the kernel cache is what makes large problems fast */
    param.shrinking = 1;
    param.probability = 0;
    param.nr_weight = 2;
    param.weight_label = wl;
    param.weight = wv;
    const char *err = svm_check_parameter(&prob, &param);
    if (err) {
        if (why)
            *why = err;
        rc = NT_EINVAL;
        goto done;
    }
    nt_svm_quiet();
    struct svm_model *m = svm_train(&prob, &param);
    if (!m) {
        rc = NT_ENOMEM;
        goto done;
    }
    out->w = calloc(dim ? dim : 1, sizeof *out->w);
    if (!out->w) {
        svm_free_and_destroy_model(&m);
        rc = NT_ENOMEM;
        goto done;
    }
    out->dim = dim;
    out->n_sv = (size_t)m->l;
    /* both classes are present (checked above), so there is one decision function */
    double sign = m->label[0] == 1 ? 1.0 : -1.0;
    for (int s = 0; s < m->l; s++)
        for (const struct svm_node *nd = m->SV[s]; nd->index != -1; nd++)
            if (nd->index >= 1 && (size_t)nd->index <= dim)
                out->w[nd->index - 1] += sign * m->sv_coef[0][s] * nd->value;
    out->bias = -sign * m->rho[0];
    /* the collapsed model must decide exactly as libsvm does */
    for (size_t i = 0; i < rows && rc == NT_OK; i++) {
        double dec;
        svm_predict_values(m, xs[i], &dec);
        double ours = nt_linear_decision(out, &x[row_of[i]]);
        if (fabs(sign * dec - ours) > 1e-9 * (1.0 + fabs(dec)))
            rc = NT_EFORMAT;
    }
    svm_free_and_destroy_model(&m);
    if (rc)
        nt_linear_free(out);
done:
    free(pool);
    free(xs);
    free(ys);
    free(row_of);
    return rc;
}

double nt_platt_prob(double f, double A, double B)
{
    double fApB = f * A + B;
    /* the two forms avoid overflow of exp */
    if (fApB >= 0)
        return exp(-fApB) / (1.0 + exp(-fApB));
    return 1.0 / (1.0 + exp(fApB));
}

void nt_platt_fit(const double *f, const int *y, size_t n, double *A, double *B)
{
    double prior1 = 0, prior0 = 0;
    for (size_t i = 0; i < n; i++) {
        if (y[i] > 0)
            prior1 += 1;
        else
            prior0 += 1;
    }
    const int max_iter = 100;
    const double min_step = 1e-10, sigma = 1e-12, eps = 1e-5;
    double hi = (prior1 + 1.0) / (prior1 + 2.0), lo = 1.0 / (prior0 + 2.0);
    double *t = malloc((n ? n : 1) * sizeof *t);
    if (!t) { /* out of memory: an uncalibrated but monotone mapping */
        *A = -1.0;
        *B = 0.0;
        return;
    }
    for (size_t i = 0; i < n; i++)
        t[i] = y[i] > 0 ? hi : lo;
    double a = 0.0, b = log((prior0 + 1.0) / (prior1 + 1.0)), fval = 0.0;
    for (size_t i = 0; i < n; i++) {
        double fApB = f[i] * a + b;
        fval += fApB >= 0 ? t[i] * fApB + log(1 + exp(-fApB)) : (t[i] - 1) * fApB + log(1 + exp(fApB));
    }
    for (int iter = 0; iter < max_iter; iter++) {
        double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
        for (size_t i = 0; i < n; i++) {
            double fApB = f[i] * a + b, p, q;
            if (fApB >= 0) {
                p = exp(-fApB) / (1.0 + exp(-fApB));
                q = 1.0 / (1.0 + exp(-fApB));
            } else {
                p = 1.0 / (1.0 + exp(fApB));
                q = exp(fApB) / (1.0 + exp(fApB));
            }
            double d2 = p * q, d1 = t[i] - p;
            h11 += f[i] * f[i] * d2;
            h22 += d2;
            h21 += f[i] * d2;
            g1 += f[i] * d1;
            g2 += d1;
        }
        if (fabs(g1) < eps && fabs(g2) < eps)
            break;
        double det = h11 * h22 - h21 * h21;
        double dA = -(h22 * g1 - h21 * g2) / det, dB = -(-h21 * g1 + h11 * g2) / det;
        double gd = g1 * dA + g2 * dB, step = 1;
        while (step >= min_step) {
            double na = a + step * dA, nb = b + step * dB, nf = 0;
            for (size_t i = 0; i < n; i++) {
                double fApB = f[i] * na + nb;
                nf += fApB >= 0 ? t[i] * fApB + log(1 + exp(-fApB)) : (t[i] - 1) * fApB + log(1 + exp(fApB));
            }
            if (nf < fval + 0.0001 * step * gd) {
                a = na;
                b = nb;
                fval = nf;
                break;
            }
            step /= 2.0;
        }
        if (step < min_step)
            break;
    }
    free(t);
    *A = a;
    *B = b;
}
