/* svm_linear.h - binary linear SVMs learned by libsvm, collapsed into one weight vector,
 * with Platt scaling to calibrated probabilities. */
#ifndef NT_SVM_LINEAR_H
#define NT_SVM_LINEAR_H

#include <stddef.h>

#include "topic_features.h"

/* decision(x) = w . x + bias; positive means the positive class. */
typedef struct nt_linear {
    double *w;    /* dim weights */
    size_t dim;
    double bias;
    size_t n_sv;  /* support vectors libsvm used */
    size_t calls; /* libsvm calls: the working sets solved */
} nt_linear;

/*
 * Trains a C-SVC with a linear kernel on rows x[i] with labels y[i] (+1 / -1), the positive
 * class weighted pos_weight, until libsvm's stopping tolerance eps. Only rows with use[i] != 0
 * take part (use may be NULL). gram, when not NULL, is nt_gram_matrix(x, n, dim). Large problems are solved over working sets that grow until
 * no row outside violates the margin: the same solution, in time that follows the support
 * vectors rather than all rows.
 * libsvm's decision function is collapsed into out->w and checked against libsvm's own
 * decision values on every row of the last working set; a difference is a bug (NT_EFORMAT).
 * Returns NT_OK, NT_EINVAL (libsvm rejects the parameters: *why says why) or NT_ENOMEM.
 */
int nt_svm_train_linear(const nt_sparse *x, const int *y, const unsigned char *use, size_t n,
                        size_t dim, const double *gram, double C, double pos_weight, double eps,
                        nt_linear *out, const char **why);

/*
 * The linear kernel's matrix over the rows x[0,n): K[i * n + j] = x[i] . x[j] (malloc'ed,
 * NULL when out of memory). Given to nt_svm_train_linear as gram, libsvm reads kernel values
 * from it instead of computing sparse dot products, again in every problem: worth it when
 * many problems share a few thousand rows, as the topic models' folds do. Memory: n * n
 * doubles here and n * n * 16 bytes in each problem solved with it.
 */
double *nt_gram_matrix(const nt_sparse *x, size_t n, size_t dim);
double nt_linear_decision(const nt_linear *m, const nt_sparse *x);
void nt_linear_free(nt_linear *m);

/* Platt scaling: p = 1 / (1 + exp(A f + B)), fitted to decision values f[i] and labels y[i]
 * by Newton's method with backtracking (Lin, Lin and Weng's robust version). */
void nt_platt_fit(const double *f, const int *y, size_t n, double *A, double *B);
double nt_platt_prob(double f, double A, double B);

/* Installs libsvm's print function that discards training chatter (libsvm prints to
 * stdout otherwise). Safe to call many times. */
void nt_svm_quiet(void);

#endif
