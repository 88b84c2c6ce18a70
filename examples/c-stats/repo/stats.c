#include <stdlib.h>
#include "stats.h"

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double mean(const double *values, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) sum += values[i];
    return count ? sum / count : 0;
}

double median(double *values, int count) {
    qsort(values, count, sizeof(double), compare);
    return values[count / 2];
}
