/* kernels: the inner loops of the exact and int8 scans, written once per
 * instruction set (AVX-512 with or without VNNI for int8, AVX2 with FMA,
 * baseline x86-64 / portable C).
 * The variant is picked at run time from what the CPU reports, so one
 * binary built with the default flags runs at the widest width available.
 * Every variant computes each row's sum in the same order whether the row is
 * scored alone or with its neighbours, so a row re-scored on its own gets
 * the bits the scan gave it. */
#ifndef EMBX_KERNELS_H
#define EMBX_KERNELS_H
#include <stddef.h>
#include <stdint.h>

/* out[i] = dot(rows[i], q) for nb float rows of dim floats. */
typedef void (*kern_dot_f32_fn)(const float *rows, size_t nb, size_t dim, const float *q, float *out);
/* out[i] = dot(rows[i], q8) for nb int8 rows of dim bytes, values in
 * [-127, 127] (exact in int32 for dim < 2^17). */
typedef void (*kern_dot_i8_fn)(const int8_t *rows, size_t nb, size_t dim, const int8_t *q8, int32_t *out);

struct kernels {
    const char *name;          /* "avx512vnni", "avx512", "avx2", "baseline" */
    kern_dot_f32_fn dot_f32;
    kern_dot_i8_fn dot_i8;
};

/* The widest variant this CPU supports (cheap: reads the CPU model libgcc
 * filled in at start-up). */
const struct kernels *kernels_best(void);
/* Number of variants kernels_variant knows (whether or not this CPU runs them). */
enum { KERNEL_VARIANTS = 4 };
/* Variant i (0 = baseline, 1 = avx2, 2 = avx512, 3 = avx512vnni: avx512 with
 * the int8 scan on VNNI), or NULL when i >= KERNEL_VARIANTS or the CPU lacks
 * its instructions: for tests and benchmarks. */
const struct kernels *kernels_variant(size_t i);

#endif
