/* splitmix: the deterministic generator the test-data generators share, so
 * every machine writes the same files for the same seed. */
#ifndef EMBX_TEST_SPLITMIX_H
#define EMBX_TEST_SPLITMIX_H
#include <math.h>
#include <stdint.h>

static uint64_t state;
static uint64_t next(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
/* Uniform in [0, 1). */
static double uniform(void) { return (next() >> 11) * (1.0 / 9007199254740992.0); }
/* Standard normal (Box-Muller). */
static double gauss(void)
{
    double u = uniform(), v = uniform();
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

#endif
