/* svm_linear.c - libsvm training for linear models, collapsed for fast prediction. */
#include "svm_linear.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <svm.h>

#include "newstag.h"

/* Working sets (see nt_svm_train_linear): the size of the first, the rows kept beyond the
 * support vectors (margin below 1 + band), and the calls after which nothing is dropped. */
#define NT_SVM_FIRST_ROWS 8192
#define NT_SVM_KEEP_BAND 0.25
#define NT_SVM_DROP_ROUNDS 20

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

/* One libsvm call over the rows listed in sub (ascending), collapsed into out; is_sv[i] is
 * set for the rows that became support vectors. */
static int train_subset(const nt_sparse *x, const int *y, const double *gram, size_t n,
                        const size_t *sub, size_t rows, size_t dim, double C, double pos_weight,
                        double eps, nt_linear *out, unsigned char *is_sv, const char **why)
{
    size_t nodes = 0;
    for (size_t r = 0; r < rows; r++)
        nodes += gram ? rows + 2 : x[sub[r]].n + 1;
    struct svm_problem prob = {0};
    struct svm_node *pool = malloc((nodes + 1) * sizeof *pool);
    struct svm_node **xs = malloc((rows + 1) * sizeof *xs);
    double *ys = malloc((rows + 1) * sizeof *ys);
    int rc = NT_OK;
    if (!pool || !xs || !ys) {
        rc = NT_ENOMEM;
        goto done;
    }
    size_t k = 0;
    for (size_t r = 0; r < rows; r++) {
        const nt_sparse *xi = &x[sub[r]];
        xs[r] = pool + k;
        if (gram) {
            /* libsvm's precomputed kernel: the row's number, then its kernel values */
            pool[k].index = 0;
            pool[k++].value = (double)(r + 1);
            for (size_t c = 0; c < rows; c++) {
                pool[k].index = (int)(c + 1);
                pool[k++].value = gram[sub[r] * n + sub[c]];
            }
        } else {
            for (size_t j = 0; j < xi->n; j++) {
                pool[k].index = xi->idx[j] + 1; /* libsvm counts features from 1 */
                pool[k].value = xi->val[j];
                k++;
            }
        }
        pool[k++].index = -1;
        ys[r] = y[sub[r]] > 0 ? 1 : -1;
    }
    prob.l = (int)rows;
    prob.x = xs;
    prob.y = ys;

    int wl[2] = {1, -1};
    double wv[2] = {pos_weight, 1.0};
    struct svm_parameter param = {0};
    param.svm_type = C_SVC;
    param.kernel_type = gram ? PRECOMPUTED : LINEAR;
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
    int *svi = malloc(((size_t)m->l + 1) * sizeof *svi);
    if (!svi) {
        svm_free_and_destroy_model(&m);
        nt_linear_free(out);
        rc = NT_ENOMEM;
        goto done;
    }
    svm_get_sv_indices(m, svi); /* 1-based positions in the problem */
    /* both classes are present (the caller checks), so there is one decision function:
     * w = sum of coefficient x support vector, over the rows themselves */
    double sign = m->label[0] == 1 ? 1.0 : -1.0;
    for (int s = 0; s < m->l; s++) {
        const nt_sparse *xs_ = &x[sub[svi[s] - 1]];
        for (size_t j = 0; j < xs_->n; j++)
            if ((size_t)xs_->idx[j] < dim)
                out->w[xs_->idx[j]] += sign * m->sv_coef[0][s] * xs_->val[j];
        is_sv[sub[svi[s] - 1]] = 1;
    }
    out->bias = -sign * m->rho[0];
    free(svi);
    /* the collapsed model must decide exactly as libsvm does */
    for (size_t r = 0; r < rows && rc == NT_OK; r++) {
        double dec;
        svm_predict_values(m, xs[r], &dec);
        double ours = nt_linear_decision(out, &x[sub[r]]);
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
    return rc;
}

double *nt_gram_matrix(const nt_sparse *x, size_t n, size_t dim)
{
    if (n && n > SIZE_MAX / sizeof(double) / n)
        return NULL;
    double *k = malloc((n * n + 1) * sizeof *k), *dense = calloc(dim + 1, sizeof *dense);
    if (!k || !dense) {
        free(k);
        free(dense);
        return NULL;
    }
    /* row i spread into a dense vector, dotted with every row j <= i */
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a < x[i].n; a++)
            dense[x[i].idx[a]] = x[i].val[a];
        for (size_t j = 0; j <= i; j++) {
            double s = 0;
            for (size_t b = 0; b < x[j].n; b++)
                s += dense[x[j].idx[b]] * x[j].val[b];
            k[i * n + j] = k[j * n + i] = s;
        }
        for (size_t a = 0; a < x[i].n; a++)
            dense[x[i].idx[a]] = 0;
    }
    free(dense);
    return k;
}

int nt_svm_train_linear(const nt_sparse *x, const int *y, const unsigned char *use, size_t n,
                        size_t dim, const double *gram, double C, double pos_weight, double eps,
                        nt_linear *out, const char **why)
{
    memset(out, 0, sizeof *out);
    size_t rows = 0, npos = 0;
    for (size_t i = 0; i < n; i++)
        if (!use || use[i]) {
            rows++;
            npos += y[i] > 0;
        }
    /* one class only: nothing to learn, and libsvm would print a warning to stderr */
    if (npos == 0 || npos == rows) {
        out->w = calloc(dim ? dim : 1, sizeof *out->w);
        if (!out->w)
            return NT_ENOMEM;
        out->dim = dim;
        out->bias = npos ? 1.0 : -1.0;
        return NT_OK;
    }
    /*
     * Working sets (chunking, as in Vapnik's and Osuna's decomposition): libsvm solves a
     * subset of the rows; then the subset becomes that solution's support vectors, the rows
     * near its margin, and every row outside that violates the margin, and libsvm solves
     * again. When no row outside violates it, the subset's solution meets the optimality
     * conditions of the whole problem (a row left out has alpha 0, optimal exactly when its
     * margin is at least 1), so the answer is the one a single call over every row gives,
     * to the same tolerance. libsvm cannot start from the last solution, so what keeps
     * this fast is that the subsets stay near the support vectors, a few percent of the
     * rows; one call over all rows grows with rows times support vectors. Rows dropped may
     * come back; after NT_SVM_DROP_ROUNDS calls nothing is dropped any more, so the subsets
     * only grow and the loop ends.
     * The first subset is an even sample of each class; small problems fit whole in it and
     * are solved by one call, as before.
     */
    size_t nneg = rows - npos, half = NT_SVM_FIRST_ROWS / 2;
    size_t pos_stride = npos <= half ? 1 : (npos + half - 1) / half;
    size_t neg_want = NT_SVM_FIRST_ROWS - (npos + pos_stride - 1) / pos_stride;
    size_t neg_stride = nneg <= neg_want ? 1 : (nneg + neg_want - 1) / neg_want;
    size_t *sub = malloc((rows + 1) * sizeof *sub);
    unsigned char *in = calloc(n + 1, 1), *is_sv = calloc(n + 1, 1);
    int rc = NT_OK;
    if (!sub || !in || !is_sv) {
        rc = NT_ENOMEM;
        goto done;
    }
    size_t ns = 0, pos_seen = 0, neg_seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (use && !use[i])
            continue;
        if (y[i] > 0 ? pos_seen++ % pos_stride == 0 : neg_seen++ % neg_stride == 0) {
            sub[ns++] = i;
            in[i] = 1;
        }
    }
    for (size_t calls = 1;; calls++) {
        rc = train_subset(x, y, gram, n, sub, ns, dim, C, pos_weight, eps, out, is_sv, why);
        if (rc)
            break;
        out->calls = calls;
        /* the next subset, in row order: support vectors, rows near the margin, violators */
        int drop = calls < NT_SVM_DROP_ROUNDS;
        size_t nn = 0, added = 0;
        for (size_t i = 0; i < n; i++) {
            if (use && !use[i])
                continue;
            int was_in = in[i];
            if (was_in && (!drop || is_sv[i])) {
                sub[nn++] = i;
            } else {
                double margin = (y[i] > 0 ? 1.0 : -1.0) * nt_linear_decision(out, &x[i]);
                if (margin < (was_in ? 1.0 + NT_SVM_KEEP_BAND : 1.0 - eps)) {
                    sub[nn++] = i;
                    added += !was_in;
                }
            }
            in[i] = 0;
            is_sv[i] = 0;
        }
        if (!added)
            break; /* nothing outside violates: this solution is the whole problem's */
        for (size_t k = 0; k < nn; k++)
            in[sub[k]] = 1;
        nt_linear_free(out);
        ns = nn;
    }
done:
    free(sub);
    free(in);
    free(is_sv);
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
