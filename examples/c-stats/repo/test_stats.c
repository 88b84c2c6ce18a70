#include <stdio.h>
#include "stats.h"

static int failures = 0;
#define CHECK(cond) do { if (!(cond)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    double a[] = {3, 1, 2};
    CHECK(mean(a, 3) == 2.0);
    CHECK(median(a, 3) == 2.0);
    double b[] = {4, 1, 3, 2};
    CHECK(median(b, 4) == 2.5);
    if (failures) return 1;
    printf("all passed\n");
    return 0;
}
