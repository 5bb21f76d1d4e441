/* test_svm_linear.c - collapsed linear weights decide exactly as libsvm does, on points it
 * never saw; Platt scaling gives calibrated, monotone probabilities. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <svm.h>

#include "svm_linear.h"

static uint64_t state = 12345;
static double uniform(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (double)(state >> 11) / 9007199254740992.0;
}

enum { DIM = 60, NNZ = 8 };

static void random_row(nt_sparse *x)
{
    x->idx = malloc(NNZ * sizeof *x->idx);
    x->val = malloc(NNZ * sizeof *x->val);
    x->n = 0;
    int32_t last = -1;
    for (int k = 0; k < NNZ; k++) {
        int32_t i = last + 1 + (int32_t)(uniform() * 6);
        if (i >= DIM)
            break;
        x->idx[x->n] = i;
        x->val[x->n] = uniform() * 2 - 1;
        x->n++;
        last = i;
    }
}

/* n random rows labelled by a fixed linear rule plus noise: positive above threshold. */
static void labelled_rows(nt_sparse *x, int *y, int n, double noise, double threshold)
{
    for (int i = 0; i < n; i++) {
        random_row(&x[i]);
        double s = 0;
        for (size_t k = 0; k < x[i].n; k++)
            s += (x[i].idx[k] % 3 == 0 ? 1.0 : -0.5) * x[i].val[k];
        y[i] = (s + noise * (uniform() - 0.5)) > threshold ? 1 : -1;
    }
}

static void random_rows(nt_sparse *x, int n)
{
    for (int i = 0; i < n; i++)
        random_row(&x[i]);
}

static void free_rows(nt_sparse *x, int n)
{
    for (int i = 0; i < n; i++)
        nt_sparse_free(&x[i]);
}

static void to_nodes(const nt_sparse *x, struct svm_node *out)
{
    for (size_t k = 0; k < x->n; k++) {
        out[k].index = x->idx[k] + 1;
        out[k].value = x->val[k];
    }
    out[x->n].index = -1;
}

/* libsvm itself on rows x[0, n) (labels y, positive weight wpos): the model to compare with,
 * and the node pool it points into (the caller frees both). */
static struct svm_model *libsvm_direct(const nt_sparse *x, const int *y, int n, double C, double wpos,
                                       struct svm_node **pool_out)
{
    struct svm_node *pool = malloc((size_t)n * (NNZ + 1) * sizeof *pool);
    struct svm_node **rows = malloc((size_t)n * sizeof *rows);
    double *ys = malloc((size_t)n * sizeof *ys);
    for (int i = 0; i < n; i++) {
        rows[i] = pool + (size_t)i * (NNZ + 1);
        to_nodes(&x[i], rows[i]);
        ys[i] = y[i];
    }
    struct svm_problem prob = {n, ys, rows};
    int wl[2] = {1, -1};
    double wv[2] = {wpos, 1.0};
    struct svm_parameter param = {0};
    param.svm_type = C_SVC;
    param.kernel_type = LINEAR;
    param.C = C;
    param.eps = 1e-3;
    param.cache_size = 100;
    param.shrinking = 1;
    param.nr_weight = 2;
    param.weight_label = wl;
    param.weight = wv;
    nt_svm_quiet();
    struct svm_model *m = svm_train(&prob, &param);
    /* the model keeps pointers to the rows (its support vectors), not to the arrays */
    free(rows);
    free(ys);
    *pool_out = pool;
    return m;
}

START_TEST(collapsed_weights_match_libsvm_on_unseen_points)
{
    for (int trial = 0; trial < 5; trial++) {
        enum { N = 300, M = 200 };
        nt_sparse x[N], test[M];
        int y[N];
        labelled_rows(x, y, N, 0.3, 0);
        random_rows(test, M);
        double C = trial == 0 ? 0.1 : trial;
        double wpos = 1.0 + trial * 0.5;
        nt_linear lm;
        const char *why = NULL;
        ck_assert_int_eq(nt_svm_train_linear(x, y, NULL, N, DIM, NULL, C, wpos, 1e-3, &lm, &why), 0);

        /* the same problem trained by libsvm directly */
        struct svm_node *pool;
        struct svm_model *m = libsvm_direct(x, y, N, C, wpos, &pool);
        double sign = m->label[0] == 1 ? 1.0 : -1.0;
        struct svm_node node[NNZ + 1];
        for (int i = 0; i < M; i++) {
            to_nodes(&test[i], node);
            double dec;
            double label = svm_predict_values(m, node, &dec);
            double ours = nt_linear_decision(&lm, &test[i]);
            ck_assert_msg(fabs(sign * dec - ours) <= 1e-9 * (1 + fabs(dec)), "trial %d point %d: %g vs %g",
                          trial, i, sign * dec, ours);
            if (ours != 0)
                ck_assert_int_eq((int)label, ours > 0 ? 1 : -1);
        }
        svm_free_and_destroy_model(&m);
        free(pool);
        nt_linear_free(&lm);
        free_rows(x, N);
        free_rows(test, M);
    }
}
END_TEST

/* A problem large enough for working sets: the answer is libsvm's over all rows. */
START_TEST(working_sets_reach_the_whole_problems_solution)
{
    enum { N = 12000, M = 2000 };
    static nt_sparse x[N], test[M];
    static int y[N];
    labelled_rows(x, y, N, 0.2, 0.8); /* a minority, with noise */
    random_rows(test, M);
    nt_linear lm;
    const char *why = NULL;
    ck_assert_int_eq(nt_svm_train_linear(x, y, NULL, N, DIM, NULL, 1.0, 1.0, 1e-3, &lm, &why), 0);
    ck_assert_uint_ge(lm.calls, 2); /* the first working set was not the answer */

    struct svm_node *pool;
    struct svm_model *m = libsvm_direct(x, y, N, 1.0, 1.0, &pool);
    double sign = m->label[0] == 1 ? 1.0 : -1.0;
    struct svm_node node[NNZ + 1];
    int disagree = 0;
    double worst = 0;
    for (int i = 0; i < M; i++) {
        to_nodes(&test[i], node);
        double dec;
        svm_predict_values(m, node, &dec);
        double ours = nt_linear_decision(&lm, &test[i]);
        disagree += (sign * dec > 0) != (ours > 0);
        if (fabs(sign * dec - ours) > worst)
            worst = fabs(sign * dec - ours);
    }
    /* both stop at libsvm's tolerance, so they differ within it, not beyond */
    ck_assert_msg(worst < 0.01, "decision values differ by up to %g", worst);
    ck_assert_int_le(disagree, M / 200);
    svm_free_and_destroy_model(&m);
    free(pool);
    nt_linear_free(&lm);
    free_rows(x, N);
    free_rows(test, M);
}
END_TEST

/* Kernel values from nt_gram_matrix give the model the linear kernel gives, also on a subset
 * of the rows (as in cross-validation folds). */
START_TEST(a_gram_matrix_gives_the_same_model)
{
    enum { N = 400, M = 200 };
    static nt_sparse x[N], test[M];
    static int y[N];
    static unsigned char use[N];
    labelled_rows(x, y, N, 0.3, 0);
    for (int i = 0; i < N; i++)
        use[i] = i % 5 != 2;
    random_rows(test, M);
    double *gram = nt_gram_matrix(x, N, DIM);
    ck_assert_ptr_nonnull(gram);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double d = 0;
            for (size_t a = 0; a < x[i].n; a++)
                for (size_t b = 0; b < x[j].n; b++)
                    if (x[i].idx[a] == x[j].idx[b])
                        d += x[i].val[a] * x[j].val[b];
            ck_assert(fabs(gram[i * N + j] - d) < 1e-12);
        }
    for (int subset = 0; subset < 2; subset++) {
        const unsigned char *u = subset ? use : NULL;
        nt_linear a, b;
        const char *why = NULL;
        ck_assert_int_eq(nt_svm_train_linear(x, y, u, N, DIM, NULL, 1.0, 1.5, 1e-3, &a, &why), 0);
        ck_assert_int_eq(nt_svm_train_linear(x, y, u, N, DIM, gram, 1.0, 1.5, 1e-3, &b, &why), 0);
        ck_assert_uint_eq(a.n_sv, b.n_sv);
        for (int i = 0; i < M; i++) {
            double da = nt_linear_decision(&a, &test[i]), db = nt_linear_decision(&b, &test[i]);
            ck_assert_msg(fabs(da - db) < 1e-6 * (1 + fabs(da)), "point %d: %g vs %g", i, da, db);
        }
        nt_linear_free(&a);
        nt_linear_free(&b);
    }
    free(gram);
    free_rows(x, N);
    free_rows(test, M);
}
END_TEST

START_TEST(platt_scaling_is_monotone_and_calibrated)
{
    enum { N = 2000 };
    static double f[N];
    static int y[N];
    /* decision values whose true probability of being positive is a sigmoid of them */
    for (int i = 0; i < N; i++) {
        f[i] = uniform() * 8 - 4;
        double p = 1.0 / (1.0 + exp(-2.0 * f[i]));
        y[i] = uniform() < p ? 1 : -1;
    }
    double A, B;
    nt_platt_fit(f, y, N, &A, &B);
    ck_assert(A < 0); /* larger decisions, higher probability */
    ck_assert(fabs(A + 2.0) < 0.4);
    ck_assert(fabs(B) < 0.3);
    ck_assert(nt_platt_prob(3, A, B) > nt_platt_prob(1, A, B));
    ck_assert(nt_platt_prob(-1000, A, B) >= 0 && nt_platt_prob(1000, A, B) <= 1);
}
END_TEST

START_TEST(bad_parameters_are_explained)
{
    nt_sparse x[2];
    int y[2] = {1, -1};
    random_row(&x[0]);
    random_row(&x[1]);
    nt_linear lm;
    const char *why = NULL;
    ck_assert_int_eq(nt_svm_train_linear(x, y, NULL, 2, DIM, NULL, -1.0, 1.0, 1e-3, &lm, &why), -2);
    ck_assert_ptr_nonnull(why);
    nt_sparse_free(&x[0]);
    nt_sparse_free(&x[1]);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("svm_linear");
    TCase *tc = tcase_create("svm_linear");
    tcase_set_timeout(tc, 60); /* libsvm over 12,000 rows takes seconds */
    tcase_add_test(tc, collapsed_weights_match_libsvm_on_unseen_points);
    tcase_add_test(tc, working_sets_reach_the_whole_problems_solution);
    tcase_add_test(tc, a_gram_matrix_gives_the_same_model);
    tcase_add_test(tc, platt_scaling_is_monotone_and_calibrated);
    tcase_add_test(tc, bad_parameters_are_explained);
    suite_add_tcase(s, tc);
    return s;
}
