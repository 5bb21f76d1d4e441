/* check_main.c - the main() every unit test shares: runs the suite the test file builds. */
#include <check.h>
#include <stdlib.h>

Suite *nt_test_suite(void);

int main(void)
{
    SRunner *sr = srunner_create(nt_test_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
