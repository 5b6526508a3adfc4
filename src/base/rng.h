/* rng: the seeded random numbers every computation uses (splitmix64 and
 * xorshift64*), header-only so the inner loops inline them. Same seed, same
 * numbers, on every machine. */
#ifndef EMBX_RNG_H
#define EMBX_RNG_H
#include <stdint.h>

#define RNG_GOLDEN 0x9E3779B97F4A7C15ULL

/* splitmix64's output for the state x + RNG_GOLDEN: a well-mixed hash of x,
 * for deriving seeds and for streams that iterate it. */
static inline uint64_t rng_mix(uint64_t x)
{
    x += RNG_GOLDEN;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
/* The next number of the splitmix64 stream with state *s. */
static inline uint64_t rng_splitmix(uint64_t *s)
{
    uint64_t r = rng_mix(*s);
    *s += RNG_GOLDEN;
    return r;
}
/* The next number of the xorshift64* stream with state *s (never 0). */
static inline uint64_t rng_xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 2685821657736338717ULL;
}
/* x's top 53 bits as a double in [0, 1). */
static inline double rng_unit_of(uint64_t x) { return (double)(x >> 11) * (1.0 / 9007199254740992.0); }

#endif
